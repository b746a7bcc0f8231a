/** What `run()` talks to instead of the process: streams, environment, clock. Tests pass their own. */
export interface Writer {
  write(text: string): unknown;
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
  /** The environment; only `config/env.ts` reads it. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdin?: AsyncIterable<string | Uint8Array>;
  fetch?: typeof fetch;
  /** Seams for tests: the clock, waiting, jitter and the system-wide kci-dev config path. */
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The submission id `submit tests` records in each test's misc (default: a random UUID). */
  randomUUID?: () => string;
  systemConfigPath?: string;
}

/** The exit codes of every command, as documented in `--help` and the README. */
export const ExitCode = {
  OK: 0,
  /** The report is invalid, or KCIDB refused it or failed to ingest it. */
  REJECTED: 1,
  USAGE: 2,
  /** KCIDB kept failing transiently (network, 5xx, 429) and the retries ran out. */
  GAVE_UP: 3,
  /** No URL or token, or KCIDB refused the token: not the data's fault, and not transient. */
  CREDENTIALS: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Why the CLI stopped before doing its work. */
export type CliErrorCode =
  'USAGE' | 'INPUT_UNREADABLE' | 'GIT' | 'CONFIG_FILE' | 'CREDENTIALS' | 'INVALID_REPORT';

/** An error meant for the user: one line, no stack trace, mapped to an exit code. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The exit code for each error code; a new code without a mapping fails to compile. */
export function exitCodeFor(code: CliErrorCode): ExitCode {
  switch (code) {
    case 'USAGE':
    case 'INPUT_UNREADABLE':
    case 'GIT':
      return ExitCode.USAGE;
    case 'CONFIG_FILE':
    case 'CREDENTIALS':
      return ExitCode.CREDENTIALS;
    case 'INVALID_REPORT':
      return ExitCode.REJECTED;
    default:
      return unreachable(code);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled error code ${String(value)}`);
}

/** The clock, waiting and jitter of `io`, defaulting to the real ones. */
export function timing(io: Io): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
} {
  return {
    now: () => (io.now ?? (() => new Date()))().getTime(),
    sleep: io.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: io.random ?? Math.random,
  };
}
