import { DevstackError } from '../errors.js';
import { canConnect, sleep } from '../net.js';
import { describeFailure, findExecutable, runCommand, tailFile } from '../process.js';
import type { PostgresTarget } from '../urls.js';
import { isLoopbackHost, quoteIdent, redactUrl, withDatabase } from '../urls.js';
import type { InfraContext } from './context.js';
import { listDebianClusters, startDebianCluster } from './pg-clusters.js';
import { debianBinDirs, startPrivatePostgres } from './pg-private.js';

export type PgProbe =
  | { kind: 'ready'; checkedWith: 'psql' | 'tcp' }
  | { kind: 'unreachable'; reason: string }
  /** Something listens, but the check query failed (auth, missing database, starting up…). */
  | { kind: 'failed'; reason: string; missingDatabase: boolean; transient: boolean };

const READY_TIMEOUT_MS = 30_000;

/** psql from PATH or Debian's server folders; undefined when there is none (then only TCP is checked). */
export function findPsql(searchPath: readonly string[]): string | undefined {
  return findExecutable('psql', [...searchPath, ...debianBinDirs()]);
}

/** Classifies a psql error: is the server merely not ready yet? */
export function isTransientPgError(message: string): boolean {
  return /starting up|shutting down|not yet accepting|in recovery|Connection refused|could not connect|timeout expired/i.test(
    message,
  );
}

/** TCP connect, then `select 1` through psql (when psql exists). */
export async function probePostgres(
  target: PostgresTarget,
  psql: string | undefined,
  env: Readonly<Record<string, string>>,
): Promise<PgProbe> {
  if (!(await canConnect(target.host, target.port, 1500))) {
    return {
      kind: 'unreachable',
      reason: `nothing accepts connections on ${target.host}:${target.port}`,
    };
  }
  if (psql === undefined) return { kind: 'ready', checkedWith: 'tcp' };
  const result = await runCommand(
    psql,
    ['-X', '-w', '-A', '-t', '-c', 'select 1', '-d', target.url],
    {
      env: { ...env, PGCONNECT_TIMEOUT: '5' },
      timeoutMs: 15_000,
    },
  );
  if (result.code === 0 && result.stdout.trim() === '1')
    return { kind: 'ready', checkedWith: 'psql' };
  const reason = (result.stderr.trim() || describeFailure('psql', result)).replace(
    /^psql: (error: )?/,
    '',
  );
  return {
    kind: 'failed',
    reason,
    missingDatabase: /database ".*" does not exist/.test(reason),
    transient: isTransientPgError(reason),
  };
}

/** Makes sure PostgreSQL answers a query at the target, starting a local server when it is ours to start. */
export async function ensurePostgres(ctx: InfraContext): Promise<void> {
  const { config, log } = ctx;
  const target = config.postgres;
  const shown = redactUrl(target.url);
  const psql = findPsql(config.searchPath);
  if (psql === undefined)
    log.warn('psql was not found, so PostgreSQL is checked by TCP connect only');

  const probe = await probePostgres(target, psql, config.inheritedEnv);
  if (probe.kind !== 'unreachable') {
    await settle(ctx, probe, psql, 'reachable');
    return;
  }
  if (!isLoopbackHost(target.host)) {
    throw new DevstackError(
      `PostgreSQL at ${shown} is not reachable (${probe.reason}) and is not on this machine, so devstack will not start it.`,
    );
  }
  if (!ctx.allowStart)
    throw new DevstackError(`PostgreSQL at ${shown} is not reachable (${probe.reason}).`);
  log.info(`PostgreSQL at ${shown} is not reachable (${probe.reason})`);

  // A Debian cluster configured for this very port is the machine's own server: start that first.
  const clusters = (await listDebianClusters(config.searchPath)).filter(
    (c) => c.port === target.port && !c.status.startsWith('online'),
  );
  for (const cluster of clusters) {
    log.info(
      `starting the Debian cluster ${cluster.version}/${cluster.name} (port ${cluster.port})`,
    );
    const { command, result } = await startDebianCluster(cluster, config.searchPath);
    if (result.code !== 0) {
      log.warn(describeFailure(command, result));
      continue;
    }
    const after = await waitForPostgres(target, psql, config.inheritedEnv, READY_TIMEOUT_MS);
    if (after.kind !== 'unreachable') {
      await settle(ctx, after, psql, `ready (cluster ${cluster.version}/${cluster.name})`);
      return;
    }
  }

  const layout = await startPrivatePostgres(ctx);
  // The target database may not exist yet in a fresh data dir: wait on `postgres`, then create it.
  const admin = { ...target, url: withDatabase(target.url, 'postgres'), database: 'postgres' };
  const after = await waitForPostgres(admin, psql, config.inheritedEnv, READY_TIMEOUT_MS);
  if (after.kind !== 'ready') {
    throw new DevstackError(
      `PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s (${after.reason}).\nServer log ${layout.logFile}:\n${tailFile(layout.logFile)}`,
    );
  }
  const final = await probePostgres(target, psql, config.inheritedEnv);
  await settle(ctx, final, psql, 'ready');
}

/** Polls until the server answers, fails for a lasting reason, or the time is up. */
async function waitForPostgres(
  target: PostgresTarget,
  psql: string | undefined,
  env: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<PgProbe> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await probePostgres(target, psql, env);
    const done = probe.kind === 'ready' || (probe.kind === 'failed' && !probe.transient);
    if (done || Date.now() > deadline) return probe;
    await sleep(250);
  }
}

/** Reports a server that answers; creates the target database when only that is missing. */
async function settle(
  ctx: InfraContext,
  probe: PgProbe,
  psql: string | undefined,
  word: string,
): Promise<void> {
  const target = ctx.config.postgres;
  const shown = redactUrl(target.url);
  switch (probe.kind) {
    case 'ready':
      ctx.log.info(
        `PostgreSQL ${word} at ${shown}${probe.checkedWith === 'tcp' ? ' (TCP connect only: no psql)' : ''}`,
      );
      return;
    case 'unreachable':
      throw new DevstackError(`PostgreSQL at ${shown} is not reachable (${probe.reason}).`);
    case 'failed':
      if (probe.missingDatabase && ctx.allowStart && psql !== undefined) {
        await createDatabase(ctx, psql);
        ctx.log.info(`PostgreSQL ${word} at ${shown}`);
        return;
      }
      throw new DevstackError(
        `PostgreSQL at ${target.host}:${target.port} accepts connections, but the check query failed:\n  ${probe.reason}${hintFor(probe.reason)}`,
      );
    default: {
      const unexpected: never = probe;
      throw new Error(`unexpected probe ${String(unexpected)}`);
    }
  }
}

function hintFor(reason: string): string {
  if (/password/i.test(reason)) {
    return '\nPut the password in KCI_DATABASE_URL, or allow trust auth for 127.0.0.1 in pg_hba.conf (shared/reference/stack-notes.md §1).';
  }
  if (/role ".*" does not exist/.test(reason))
    return '\nUse an existing user in KCI_DATABASE_URL (e.g. postgres).';
  return '';
}

async function createDatabase(ctx: InfraContext, psql: string): Promise<void> {
  const target = ctx.config.postgres;
  ctx.log.info(`creating database "${target.database}"`);
  const result = await runCommand(
    psql,
    [
      '-X',
      '-w',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      withDatabase(target.url, 'postgres'),
      '-c',
      `create database ${quoteIdent(target.database)}`,
    ],
    { env: { ...ctx.config.inheritedEnv, PGCONNECT_TIMEOUT: '5' }, timeoutMs: 30_000 },
  );
  if (result.code !== 0)
    throw new DevstackError(describeFailure(`create database "${target.database}"`, result));
}
