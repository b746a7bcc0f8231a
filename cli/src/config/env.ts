/**
 * The only place the CLI reads environment variables. `main.ts` hands the process's
 * environment to `run()`, which reads it through {@link cliEnv}; tests pass their own.
 * Also which tokens the environment and the command line carry, so output is scrubbed of
 * them (kept here, not with the config file reader, so a dry run never loads the TOML parser).
 */
import { createRequire } from 'node:module';

/** The variables the CLI understands. */
export interface CliEnv {
  /** `KCIDB_REST`: `https://<token>@host[:port][/path]`, as kcidb and kci-dev accept it. */
  kcidbRest?: string;
  /** `KCIDB_TOKEN`: a token for the URL given elsewhere (wins over one inside `KCIDB_REST`). */
  kcidbToken?: string;
  /** `KCI_BRIDGE_TOKEN`: the API token sent to a kci-bridge gateway with `--via`. */
  kciBridgeToken?: string;
  /** `HOME` (else the account's home directory), for `~/.config/kci-dev/kci-dev.toml`. */
  readonly home: string;
}

/** The process environment, to be passed to `run()` by `main.ts`. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** The CLI's variables out of an environment; blank values count as unset. */
export function cliEnv(env: Readonly<Record<string, string | undefined>>): CliEnv {
  return {
    kcidbRest: nonBlank(env.KCIDB_REST),
    kcidbToken: nonBlank(env.KCIDB_TOKEN),
    kciBridgeToken: nonBlank(env.KCI_BRIDGE_TOKEN),
    // Only the config file lookup needs it: node:os is loaded then, not at every start.
    get home(): string {
      return nonBlank(env.HOME) ?? homedir();
    },
  };
}

function homedir(): string {
  const os = createRequire(import.meta.url)('node:os') as typeof import('node:os');
  return os.homedir();
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

export const COMMAND_LINE_TOKEN_WARNING =
  'warning: a KCIDB token on the command line is visible in your shell history and process list; prefer KCIDB_REST or the config file';

/** The token options (a subset of the target flags). */
export interface TokenFlags {
  kcidbRest?: string;
  kcidbToken?: string;
}

/** Every token the flags and the environment carry, so output can be scrubbed of them. */
export function knownSecrets(flags: TokenFlags, env: CliEnv): string[] {
  const secrets = [
    flags.kcidbToken,
    env.kcidbToken,
    env.kciBridgeToken,
    userInfo(flags.kcidbRest),
    userInfo(env.kcidbRest),
  ];
  return secrets.filter((s): s is string => s !== undefined && s !== '');
}

/** Whether the command line itself carries a token (worth a warning). */
export function tokenOnCommandLine(flags: TokenFlags): boolean {
  return flags.kcidbToken !== undefined || hasUserInfo(flags.kcidbRest);
}

function hasUserInfo(url: string | undefined): boolean {
  return userInfo(url) !== undefined;
}

export function userInfo(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.username === '') return undefined;
    try {
      return decodeURIComponent(parsed.username);
    } catch {
      return parsed.username;
    }
  } catch {
    return undefined;
  }
}
