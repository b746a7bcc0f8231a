import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parentEnv } from '../support/env.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

const SERVICES = [
  'gateway',
  'runner-orchestrator',
  'result-parser',
  'kcidb-submitter',
  'sync-scheduler',
] as const;
export type ServiceName = (typeof SERVICES)[number];

const PORT_VARS: Record<ServiceName, string> = {
  gateway: 'KCI_GATEWAY_PORT',
  'runner-orchestrator': 'KCI_ORCHESTRATOR_PORT',
  'result-parser': 'KCI_PARSER_PORT',
  'kcidb-submitter': 'KCI_SUBMITTER_PORT',
  'sync-scheduler': 'KCI_SCHEDULER_PORT',
};

/** Binds `port` (0: any free one) on loopback and releases it; resolves with the port, or undefined if taken. */
async function tryPort(port: number): Promise<number | undefined> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(undefined));
    s.listen(port, '127.0.0.1', () => {
      const addr = s.address();
      const bound = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(bound));
    });
  });
}

/** devstack's rule (tools/devstack/src/replicas.ts): replica k listens on the port + 100×(k−1). */
const REPLICA_PORT_STEP = 100;

/** A free port `p` with `p + 100×k` free too for each further replica. */
async function freePorts(replicas: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await tryPort(0);
    if (base === undefined || base + REPLICA_PORT_STEP * (replicas - 1) > 65535) continue;
    let free = true;
    for (let k = 1; k < replicas && free; k++)
      free = (await tryPort(base + REPLICA_PORT_STEP * k)) !== undefined;
    if (free) return base;
  }
  throw new Error(`no free port with ${replicas - 1} free replica port(s) above it`);
}

/** devstack's name of a service's k-th process: the service itself, then `<service>#k`. */
export function instanceName(service: ServiceName, replica = 1): string {
  return replica === 1 ? service : `${service}#${replica}`;
}

export interface StackOptions {
  /** Processes per service (devstack's KCI_UP_REPLICAS); 1 when not named. */
  replicas?: Partial<Record<ServiceName, number>>;
}

/** The whole stack, started the way a user starts it (`scripts/up.sh`, what `npm run up` runs). */
export class Stack {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly ports: Record<ServiceName, number>,
    readonly stateDir: string,
    readonly logDir: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static async start(env: Record<string, string>, options: StackOptions = {}): Promise<Stack> {
    const replicas = options.replicas ?? {};
    const ports = {} as Record<ServiceName, number>;
    for (const s of SERVICES) ports[s] = await freePorts(replicas[s] ?? 1);
    const replicaList = Object.entries(replicas)
      .filter(([, n]) => n !== undefined && n > 1)
      .map(([s, n]) => `${s}=${String(n)}`)
      .join(',');
    const stateDir = mkdtempSync(join(tmpdir(), 'kci-e2e-state-'));
    const logDir = join(stateDir, 'logs');
    // The operator's admin token (as KCI_ADMIN_TOKEN in production): tests use it for every call.
    const adminToken = `kcib_test_${randomBytes(24).toString('hex')}`;
    const child = spawn('bash', ['scripts/up.sh'], {
      cwd: REPO_ROOT,
      env: {
        ...parentEnv(),
        KCI_STATE_DIR: stateDir,
        KCI_UP_LOG_DIR: logDir,
        ...Object.fromEntries(SERVICES.map((s) => [PORT_VARS[s], String(ports[s])])),
        // Runners call back straight to the orchestrator (Caddy's job in production).
        KCI_PUBLIC_URL: `http://127.0.0.1:${ports['runner-orchestrator']}`,
        KCI_ADMIN_TOKEN: adminToken,
        ...(replicaList === '' ? {} : { KCI_UP_REPLICAS: replicaList }),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stack = new Stack(child, ports, stateDir, logDir);
    stack.apiToken = adminToken;
    await stack.waitForOutput('Press Ctrl-C to stop', 150_000);
    return stack;
  }

  /** A URL of a service's process (its k-th replica with `replica`). */
  url(service: ServiceName, path: string, replica = 1): string {
    return `http://127.0.0.1:${this.ports[service] + REPLICA_PORT_STEP * (replica - 1)}${path}`;
  }

  /** Headers every API call needs (the API token, once the gateway requires one). */
  headers(): Record<string, string> {
    return this.apiToken === undefined ? {} : { authorization: `Bearer ${this.apiToken}` };
  }

  /** Set by start() once it has an API token. */
  apiToken: string | undefined;

  api(path: string): string {
    return this.url('gateway', `/api/v1${path}`);
  }

  /** The PID of a running service (its k-th replica with `replica`), from the supervisor's file. */
  pid(service: ServiceName, replica = 1): number {
    const pids = JSON.parse(readFileSync(join(this.stateDir, 'up.pids.json'), 'utf8')) as Record<
      string,
      number
    >;
    const name = instanceName(service, replica);
    const pid = pids[name];
    if (pid === undefined) throw new Error(`no pid for ${name}`);
    return pid;
  }

  /** A process's JSON log lines, parsed (other lines are left out). */
  logEntries(service: ServiceName, replica = 1): Array<Record<string, unknown>> {
    const out: Array<Record<string, unknown>> = [];
    for (const line of this.log(service, replica).split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof entry === 'object' && entry !== null) out.push(entry as Record<string, unknown>);
    }
    return out;
  }

  log(service: ServiceName, replica = 1): string {
    try {
      return readFileSync(join(this.logDir, `${instanceName(service, replica)}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  /** The end of devstack's own output (its messages, the summary), for failure reports. */
  outputTail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  private async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null)
        throw new Error(`the stack exited (${this.child.exitCode}):\n${this.output.slice(-4000)}`);
      if (Date.now() > end)
        throw new Error(`the stack did not start in time:\n${this.output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((res) =>
      this.child.once('exit', (code) => res(code)),
    );
    this.child.kill('SIGTERM');
    return exited;
  }
}

/** Polls until `probe` returns something other than undefined/false. */
export async function until<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
