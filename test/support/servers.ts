/**
 * A suite's own NATS and PostgreSQL, on free ports, so it can stop and start them without
 * touching the shared servers other suites use (4222 and 5432). The fault suite and the scale
 * suite use them.
 *
 * - nats-server is spawned directly (`-js -sd <tmp>`, or a config file of the suite's: a cluster
 *   node); stopping and starting it keeps its store.
 * - PostgreSQL is started the way a user starts one, with `devstack infra` and a private
 *   KCI_STATE_DIR, and stopped with `devstack down` (pg_ctl as an unprivileged user when root).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { REPO_ROOT } from '../e2e/stack.js';
import { parentEnv } from './env.js';

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true; throws `what` (with the last error seen) when time runs out. */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean> | boolean,
  intervalMs = 200,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await probe()) return;
      last = '';
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > end)
      throw new Error(
        `${what}: not met within ${timeoutMs} ms${last ? ` (last error: ${last})` : ''}`,
      );
    await sleep(intervalMs);
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A nats-server with JetStream on a free port, its store in a directory of ours. */
export class PrivateNats {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly args: readonly string[],
  ) {}

  /**
   * Starts a server in `dir`: on a free port with its store in `<dir>/store`, or, with `config`,
   * on `config.port` with the arguments given (`-c <file>` of a cluster node).
   */
  static async start(
    dir: string,
    config?: { port: number; args: readonly string[] },
  ): Promise<PrivateNats> {
    const port = config?.port ?? (await freePort());
    const store = join(dir, 'store');
    const args = config?.args ?? ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store];
    const nats = new PrivateNats(port, dir, args);
    mkdirSync(store, { recursive: true });
    await nats.start();
    return nats;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  private get logFile(): string {
    return join(this.dir, 'nats.log');
  }

  /** Starts the server (again) on the same port and store; resolves once JetStream answers. */
  async start(): Promise<void> {
    if (this.child) throw new Error('nats-server is already running');
    const log = openSync(this.logFile, 'a');
    const child = spawn('nats-server', [...this.args], {
      stdio: ['ignore', log, log],
      env: parentEnv(),
    });
    closeSync(log);
    this.child = child;
    let failure: string | undefined;
    this.exited = new Promise((res) => {
      child.once('exit', (code, signal) => {
        failure = `nats-server exited (${signal ?? String(code)})`;
        if (this.child === child) this.child = undefined;
        res();
      });
      child.once('error', (e) => {
        failure = `nats-server could not start: ${e.message}`;
        if (this.child === child) this.child = undefined;
        res();
      });
    });
    await waitUntil(`nats-server with JetStream on port ${this.port}`, 20_000, async () => {
      if (failure !== undefined) throw new Error(`${failure}\n${tail(this.logFile)}`);
      return this.jetStreamAnswers();
    });
  }

  /** Stops the server with `signal`; SIGKILL if it is still there after 10 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    const killed = await Promise.race([
      this.exited.then(() => true),
      sleep(10_000).then(() => false),
    ]);
    if (!killed) {
      child.kill('SIGKILL');
      await this.exited;
    }
  }

  async jetStreamAnswers(): Promise<boolean> {
    const nc = await connect({ servers: this.url, timeout: 1_000, maxReconnectAttempts: 0 });
    try {
      await jetstreamManager(nc, { timeout: 1_000 });
      return true;
    } finally {
      await nc.close();
    }
  }
}

interface DevstackPgRecord {
  dataDir: string;
}

/** A PostgreSQL server of our own, started and stopped through devstack. */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly stateDir: string,
    private readonly natsUrl: string,
  ) {}

  /** `natsUrl` must be a NATS that answers: `devstack infra` would otherwise start one. */
  static async start(stateDir: string, natsUrl: string): Promise<PrivatePostgres> {
    mkdirSync(stateDir, { recursive: true });
    // As root the server runs as an unprivileged user: let it into the state dir (its parent must
    // be enterable too, or devstack relocates the data dir to /var/tmp; destroy() handles both).
    chmodSync(stateDir, 0o755);
    const postgres = new PrivatePostgres(await freePort(), resolve(stateDir), natsUrl);
    await postgres.start();
    return postgres;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    await this.devstack('infra');
    await waitUntil(`PostgreSQL on port ${this.port}`, 30_000, () => this.answers());
  }

  async stop(): Promise<void> {
    await this.devstack('down');
  }

  async answers(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Runs one statement on the server (for the canary that shows data survives a restart). */
  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query<R>(sql, values)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Where devstack put the data dir (under the state dir, or under /var/tmp when relocated). */
  dataDir(): string | undefined {
    try {
      const record = JSON.parse(
        readFileSync(join(this.stateDir, 'postgres.json'), 'utf8'),
      ) as DevstackPgRecord;
      return record.dataDir;
    } catch {
      return undefined;
    }
  }

  /** Stops the server and removes its files, including a data dir devstack relocated. */
  async destroy(): Promise<void> {
    const data = this.dataDir();
    await this.stop();
    const relocated = join(
      '/var/tmp',
      `kci-bridge-${createHash('sha256').update(this.stateDir).digest('hex').slice(0, 12)}`,
    );
    if (data?.startsWith(`${relocated}/`)) rmSync(relocated, { recursive: true, force: true });
  }

  private async devstack(command: 'infra' | 'down'): Promise<void> {
    const child = spawn('node', ['tools/devstack/dist/cli.js', command], {
      cwd: REPO_ROOT,
      env: {
        ...parentEnv(),
        KCI_DATABASE_URL: this.url,
        KCI_NATS_URL: this.natsUrl,
        KCI_STATE_DIR: this.stateDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await Promise.race([
      new Promise<number | null>((res) => child.once('exit', (c) => res(c))),
      sleep(90_000).then(() => 'timeout' as const),
    ]);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      throw new Error(`devstack ${command} did not finish within 90 s:\n${output}`);
    }
    if (code !== 0)
      throw new Error(`devstack ${command} failed (exit ${String(code)}):\n${output}`);
  }
}
