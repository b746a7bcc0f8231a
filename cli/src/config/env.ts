/**
 * The only place the CLI reads environment variables. `main.ts` hands the process's
 * environment to `run()`, which reads it through {@link cliEnv}; tests pass their own.
 */
import { homedir } from 'node:os';

/** The variables the CLI understands. */
export interface CliEnv {
  /** `KCIDB_REST`: `https://<token>@host[:port][/path]`, as kcidb and kci-dev accept it. */
  kcidbRest?: string;
  /** `KCIDB_TOKEN`: a token for the URL given elsewhere (wins over one inside `KCIDB_REST`). */
  kcidbToken?: string;
  /** `HOME`, for `~/.config/kci-dev/kci-dev.toml`. */
  home: string;
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
    home: nonBlank(env.HOME) ?? homedir(),
  };
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
