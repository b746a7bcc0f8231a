import { DevstackError } from '../errors.js';
import type { Logger } from '../log.js';
import type { RunOptions, RunResult } from '../process.js';
import { describeFailure, findExecutable, isRoot, runCommand } from '../process.js';
import { shellQuote } from '../urls.js';

/** The unprivileged account that runs a PostgreSQL server devstack starts while running as root. */
export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
}

const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const PREFERRED_USER = 'postgres';
const CREATED_USER = 'kci';

/**
 * PostgreSQL refuses to run as root. As root, returns the account to run it as: `postgres` when it
 * exists, else a `kci` system user created now. Returns undefined when we are not root.
 */
export async function serviceUserForPostgres(
  searchPath: readonly string[],
  log: Logger,
): Promise<ServiceUser | undefined> {
  if (!isRoot()) return undefined;
  const existing = (await lookupUser(PREFERRED_USER)) ?? (await lookupUser(CREATED_USER));
  if (existing !== undefined) {
    log.info(
      `running as root: PostgreSQL refuses that, so it runs as the existing user "${existing.name}"`,
    );
    return existing;
  }
  const useradd = findExecutable('useradd', [...searchPath, ...SYSTEM_DIRS]);
  if (useradd === undefined) {
    throw new DevstackError(
      `running as root and there is neither a "${PREFERRED_USER}" user nor useradd to create "${CREATED_USER}": run devstack as an ordinary user instead.`,
    );
  }
  log.info(
    `running as root: PostgreSQL refuses that, and there is no "${PREFERRED_USER}" user, so devstack creates the system user "${CREATED_USER}" (useradd --system; this changes the host)`,
  );
  const args = [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    CREATED_USER,
  ];
  const result = await runCommand(useradd, args, { timeoutMs: 30_000 });
  const created = await lookupUser(CREATED_USER);
  if (result.code !== 0 || created === undefined) {
    throw new DevstackError(describeFailure(`useradd ${args.join(' ')}`, result));
  }
  return created;
}

async function lookupUser(name: string): Promise<ServiceUser | undefined> {
  const uid = await runCommand('id', ['-u', name], { timeoutMs: 10_000 });
  const gid = await runCommand('id', ['-g', name], { timeoutMs: 10_000 });
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Builds the command line that runs `command args…` as `user` (runuser, else su). */
export function commandAs(
  user: string | undefined,
  command: string,
  args: readonly string[],
  tools: { runuser: string | undefined; su: string | undefined },
): { command: string; args: string[] } {
  if (user === undefined) return { command, args: [...args] };
  if (tools.runuser !== undefined)
    return { command: tools.runuser, args: ['-u', user, '--', command, ...args] };
  if (tools.su !== undefined) {
    const line = [command, ...args].map(shellQuote).join(' ');
    return { command: tools.su, args: ['-s', '/bin/sh', user, '-c', line] };
  }
  throw new DevstackError(`neither runuser nor su is available to run ${command} as "${user}"`);
}

/** Runs a command as the service user (or as ourselves when there is none). */
export function runAs(
  user: ServiceUser | undefined,
  searchPath: readonly string[],
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const tools = {
    runuser: findExecutable('runuser', [...searchPath, ...SYSTEM_DIRS]),
    su: findExecutable('su', [...searchPath, ...SYSTEM_DIRS]),
  };
  const line = commandAs(user?.name, command, args, tools);
  // The server user may not be able to enter our working directory (e.g. /root).
  return runCommand(line.command, line.args, { cwd: '/', ...options });
}
