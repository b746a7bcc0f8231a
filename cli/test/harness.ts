/** Runs the CLI in-process with a controlled world, and checks no token ever reaches its output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FakeKcidb, type FakeKcidbOptions } from '../../test/fakes/kcidb/fake-kcidb.js';
import { run, type Io } from '../src/run.js';

/** Tokens used by tests: none of them may appear in any output, ever. */
export const SECRET_TOKENS = [
  's3cret-flag-token',
  's3cret-env-token',
  's3cret-rest-token',
  's3cret-config-token',
  's3cret-bridge-token',
];

/**
 * The project's FakeKcidb (test/fakes/kcidb) as the CLI's tests use it: it accepts every test
 * token (each a JWT its secret signed), and ingests only when a test says so
 * (`processPending()`, `scriptStatus()`), since the CLI's clock is fake.
 */
export function startKcidb(options: FakeKcidbOptions = {}): Promise<FakeKcidb> {
  const [token, ...moreTokens] = SECRET_TOKENS;
  return FakeKcidb.start({ token, moreTokens, processDelayMs: Infinity, ...options });
}

/** `KCIDB_REST` for `fake` (its base path included) carrying `token`. */
export function kcidbRest(fake: FakeKcidb, token: string): string {
  return fake.url.replace('://', `://${token}@`);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  sleeps: number[];
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdin?: string;
  systemConfigPath?: string;
  fetch?: typeof fetch;
  /** The submission id `submit tests` puts in misc (default: random). */
  randomUUID?: () => string;
}

const scratch: string[] = [];

/** A temporary directory, removed by {@link cleanScratch}. */
export function scratchDir(prefix = 'kci-bridge-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Remove every directory made by {@link scratchDir} (call in afterAll). */
export function cleanScratch(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  emptyDir = undefined;
}

// An empty home and cwd so no real kci-dev config is ever read.
let emptyDir: string | undefined;
function empty(): string {
  emptyDir ??= scratchDir('kci-bridge-empty-');
  return emptyDir;
}

/** Run `kci-bridge <args>` in-process; fails the test if a secret token was printed. */
export async function cli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sleeps: number[] = [];
  // A fake clock that waiting moves forward: no test ever sleeps for real.
  let clock = Date.parse('2026-02-01T12:00:00.000Z');
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { HOME: empty(), ...options.env },
    cwd: options.cwd ?? empty(),
    stdin: options.stdin === undefined ? undefined : Readable.from([options.stdin]),
    fetch: options.fetch,
    now: () => new Date(clock),
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
    randomUUID: options.randomUUID,
    systemConfigPath: options.systemConfigPath ?? join(empty(), 'no-etc-kci-dev.toml'),
  };
  const code = await run(args, io);
  for (const token of SECRET_TOKENS) {
    if (stdout.includes(token) || stderr.includes(token)) {
      throw new Error(
        `token ${token} leaked into the output of kci-bridge ${args.join(' ')}:\n${stdout}\n${stderr}`,
      );
    }
  }
  return { code, stdout, stderr, sleeps };
}

/** The test vector of kcidb.md §4.4 (kci-dev's own IDs). */
export const VECTOR = {
  origin: 'myci',
  repoUrl: 'https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux-stable-rc.git',
  branch: 'linux-6.12.y',
  commit: '0123456789abcdef0123456789abcdef01234567',
  startTime: '2026-01-15T10:00:00+00:00',
  checkoutId: 'myci:ck-fc0561c76417bf9df0c558350a0e1d6d186e81d839499042314bc8a8b4b028e1',
  buildId: 'myci:b-3442042175bc1a7b76e934c9185c51068332d4389e7bed885a0dc02f45d6a56b',
};

/** `submit build` arguments for the test vector, with kci-dev-compatible inputs. */
export function vectorArgs(): string[] {
  return [
    'submit',
    'build',
    '--origin',
    VECTOR.origin,
    '--git-repo-url',
    VECTOR.repoUrl,
    '--git-branch',
    VECTOR.branch,
    '--git-commit-hash',
    VECTOR.commit,
    '--arch',
    'x86_64',
    '--config-name',
    'defconfig',
    '--compiler',
    'gcc-14',
    '--build-start-time',
    VECTOR.startTime,
  ];
}
