import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DevstackError } from '../errors.js';
import { readGreeting, sleep } from '../net.js';
import { describeFailure, findExecutable, isRoot, runCommand, tailFile } from '../process.js';
import type { NatsTarget } from '../urls.js';
import { isLoopbackHost, redactUrl } from '../urls.js';
import type { InfraContext } from './context.js';
import type { NatsInfo } from './nats-info.js';
import { parseInfoLine } from './nats-info.js';

export type NatsProbe =
  | { kind: 'ready'; info: NatsInfo }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'no-jetstream'; info: NatsInfo }
  | { kind: 'not-nats'; reason: string };

const READY_TIMEOUT_MS = 20_000;
const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin'];

export const NATS_INSTALL_HELP = [
  'Install nats-server, then run this again:',
  '  Debian/Ubuntu: sudo apt-get install -y nats-server',
  '  elsewhere: a release binary from the NATS project, on PATH',
  '(no npm package ships nats-server; or point KCI_NATS_URL at a running server with JetStream)',
].join('\n');

/** Reachable means: the server greets us with an INFO line that says JetStream is on. */
export async function probeNats(target: NatsTarget, timeoutMs = 2000): Promise<NatsProbe> {
  const greeting = await readGreeting(target.host, target.port, timeoutMs);
  switch (greeting.kind) {
    case 'refused':
      return { kind: 'unreachable', reason: greeting.reason };
    case 'silent':
      return { kind: 'not-nats', reason: greeting.reason };
    case 'line': {
      const parsed = parseInfoLine(greeting.line);
      if (!parsed.ok) return { kind: 'not-nats', reason: parsed.reason };
      return parsed.info.jetstream
        ? { kind: 'ready', info: parsed.info }
        : { kind: 'no-jetstream', info: parsed.info };
    }
    default: {
      const unreachable: never = greeting;
      return unreachable;
    }
  }
}

/** The files of a nats-server that devstack started. */
export function natsPaths(stateDir: string): {
  dir: string;
  store: string;
  log: string;
  pidFile: string;
} {
  const dir = join(stateDir, 'nats');
  return {
    dir,
    store: join(dir, 'store'),
    log: join(dir, 'nats.log'),
    pidFile: join(dir, 'nats.pid'),
  };
}

/**
 * Makes sure NATS with JetStream answers: one server, started when it is local and down; or the
 * nodes of a cluster, which devstack checks and never starts.
 */
export async function ensureNats(ctx: InfraContext): Promise<void> {
  const { nodes } = ctx.config.nats;
  const [single] = nodes;
  if (nodes.length === 1 && single !== undefined) return ensureOneNats(ctx, single);
  return checkNatsCluster(ctx, nodes);
}

/**
 * A cluster is run by its operator (or a test): every node must answer with JetStream on. One
 * node down is reported and tolerated (the clients connect to the others); all down is an error.
 */
async function checkNatsCluster(ctx: InfraContext, nodes: readonly NatsTarget[]): Promise<void> {
  const probes = await Promise.all(nodes.map(async (n) => [n, await probeNats(n)] as const));
  const down: string[] = [];
  for (const [node, probe] of probes) {
    const shown = redactUrl(node.url);
    switch (probe.kind) {
      case 'ready':
        ctx.log.info(`NATS node ${shown} reachable (${describeInfo(probe.info)}, JetStream on)`);
        break;
      case 'no-jetstream':
        throw new DevstackError(
          `NATS node ${shown} (${describeInfo(probe.info)}) runs without JetStream. Enable JetStream on every node of the cluster.`,
        );
      case 'not-nats':
        throw new DevstackError(
          `Something listens on ${node.host}:${node.port} but it is not a NATS server (${probe.reason}). Check KCI_NATS_URL.`,
        );
      case 'unreachable':
        down.push(`${shown} (${probe.reason})`);
        break;
      default: {
        const unexpected: never = probe;
        throw new Error(`unexpected probe ${String(unexpected)}`);
      }
    }
  }
  if (down.length === nodes.length) {
    throw new DevstackError(
      `no node of the NATS cluster in KCI_NATS_URL is reachable: ${down.join(', ')}. devstack does not start clusters; start its nodes first.`,
    );
  }
  if (down.length > 0)
    ctx.log.warn(
      `NATS cluster: ${down.length} of ${nodes.length} nodes not reachable: ${down.join(', ')}. The services connect to the others.`,
    );
}

async function ensureOneNats(ctx: InfraContext, nats: NatsTarget): Promise<void> {
  const shown = redactUrl(nats.url);
  const probe = await probeNats(nats);
  switch (probe.kind) {
    case 'ready':
      ctx.log.info(`NATS reachable at ${shown} (${describeInfo(probe.info)}, JetStream on)`);
      return;
    case 'no-jetstream':
      throw new DevstackError(
        `NATS at ${shown} (${describeInfo(probe.info)}) runs without JetStream. Restart it with -js (and -sd <store dir>), or point KCI_NATS_URL elsewhere.`,
      );
    case 'not-nats':
      throw new DevstackError(
        `Something listens on ${nats.host}:${nats.port} but it is not a NATS server (${probe.reason}). Free the port or change KCI_NATS_URL.`,
      );
    case 'unreachable':
      break;
    default: {
      const unexpected: never = probe;
      throw new Error(`unexpected probe ${String(unexpected)}`);
    }
  }
  if (!isLoopbackHost(nats.host)) {
    throw new DevstackError(
      `NATS at ${shown} is not reachable (${probe.reason}) and is not on this machine, so devstack will not start it.`,
    );
  }
  if (!ctx.allowStart) {
    throw new DevstackError(`NATS at ${shown} is not reachable (${probe.reason}).`);
  }
  ctx.log.info(`NATS at ${shown} is not reachable (${probe.reason}); starting nats-server`);
  const binary = findNatsServer(ctx.config.searchPath) ?? (await installNatsServer(ctx));
  await startNatsServer(ctx, nats, binary);
}

function describeInfo(info: NatsInfo): string {
  return `nats-server ${info.version ?? '(version unknown)'}`;
}

function findNatsServer(searchPath: readonly string[]): string | undefined {
  return findExecutable('nats-server', [...searchPath, ...SYSTEM_DIRS]);
}

async function installNatsServer(ctx: InfraContext): Promise<string> {
  const aptGet = findExecutable('apt-get', [...ctx.config.searchPath, ...SYSTEM_DIRS]);
  if (!isRoot() || aptGet === undefined) {
    throw new DevstackError(`nats-server is not installed.\n${NATS_INSTALL_HELP}`);
  }
  const env = { ...ctx.config.inheritedEnv, DEBIAN_FRONTEND: 'noninteractive' };
  ctx.log.info(
    'nats-server is not installed: running apt-get install -y nats-server (this changes the host)',
  );
  let result = await runCommand(aptGet, ['install', '-y', 'nats-server'], {
    env,
    passthrough: true,
  });
  if (result.code !== 0) {
    ctx.log.info('apt-get install failed; running apt-get update and trying once more');
    await runCommand(aptGet, ['update'], { env, passthrough: true });
    result = await runCommand(aptGet, ['install', '-y', 'nats-server'], { env, passthrough: true });
  }
  const binary = findNatsServer(ctx.config.searchPath);
  if (result.code !== 0 || binary === undefined) {
    throw new DevstackError(
      `${describeFailure('apt-get install -y nats-server', result)}\n${NATS_INSTALL_HELP}`,
    );
  }
  return binary;
}

async function startNatsServer(ctx: InfraContext, nats: NatsTarget, binary: string): Promise<void> {
  const paths = natsPaths(ctx.config.stateDir);
  mkdirSync(paths.store, { recursive: true });
  const listen = nats.host === 'localhost' ? '127.0.0.1' : nats.host;
  const args = ['-a', listen, '-p', String(nats.port), '-js', '-sd', paths.store];
  const logFd = openSync(paths.log, 'a');
  writeFileSync(logFd, `\n--- ${new Date().toISOString()} devstack: ${binary} ${args.join(' ')}\n`);
  // Detached with its output in a file, so it outlives this command and never holds our stdout
  // (which `eval "$(… infra)"` is reading).
  const child = spawn(binary, args, {
    cwd: paths.dir,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: ctx.config.inheritedEnv,
  });
  closeSync(logFd);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
  });
  child.on('error', (err) => {
    exited = err.message;
  });
  if (child.pid !== undefined) writeFileSync(paths.pidFile, `${child.pid}\n`);
  child.unref();
  ctx.log.info(
    `started ${binary} (pid ${String(child.pid)}) on ${listen}:${nats.port}, store ${paths.store}, log ${paths.log}`,
  );

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const probe = await probeNats(nats, 1000);
    if (probe.kind === 'ready') {
      ctx.log.info(
        `NATS is ready at ${redactUrl(nats.url)} (${describeInfo(probe.info)}, JetStream on)`,
      );
      return;
    }
    if (exited !== undefined || Date.now() > deadline) {
      const why =
        exited !== undefined
          ? `nats-server stopped (${exited})`
          : `NATS was not ready within ${READY_TIMEOUT_MS / 1000} s`;
      throw new DevstackError(`${why}. Last lines of ${paths.log}:\n${tailFile(paths.log)}`);
    }
    await sleep(200);
  }
}

/** Stops the nats-server devstack started (from its pid file), if it still runs. */
export async function stopOwnNats(stateDir: string, log: InfraContext['log']): Promise<boolean> {
  const { pidFile } = natsPaths(stateDir);
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1 || !isProcessNamed(pid, 'nats-server')) {
    log.info(`no nats-server of ours is running (stale ${pidFile})`);
    writeFileSync(pidFile, '');
    return false;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isProcessNamed(pid, 'nats-server'); i++) await sleep(100);
  if (isProcessNamed(pid, 'nats-server')) process.kill(pid, 'SIGKILL');
  writeFileSync(pidFile, '');
  log.info(`stopped nats-server (pid ${pid})`);
  return true;
}

/** True when the process exists and its command line names `name` (guards against a reused pid). */
function isProcessNamed(pid: number, name: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return cmdline.includes(name) && !/\) Z /.test(stat);
  } catch {
    return false;
  }
}
