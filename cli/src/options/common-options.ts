/** Options shared by several commands: where to send, how hard to try, how to print. */
import { Option, type Command } from 'commander';
import { CliError } from '../io.js';
import { parsePositiveSeconds, parseRetries, parseSchema, parseSeconds } from './values.js';

/** Options every command takes (also accepted before the command name, as in kci-dev). */
export interface GlobalOptions {
  settings?: string;
  instance?: string;
  json?: boolean;
  verbose?: boolean;
  debug?: boolean;
}

/** `--kcidb-rest`, `--kcidb-token`, `--retries`, `--timeout`, `--wait`. */
export interface TargetOptions {
  kcidbRest?: string;
  kcidbToken?: string;
  retries: number;
  timeout: number;
  wait: number;
}

/** Add the global options to the program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--settings <path>', 'kci-dev config file to read first (default: ./.kci-dev.toml)')
    .option(
      '--instance <name>',
      'instance of the kci-dev config file (default: its default_instance)',
    )
    .option('--json', 'machine-readable output on stdout')
    .option('-v, --verbose', 'say where the KCIDB target and token came from, and each attempt')
    .addOption(new Option('--debug', "kci-dev's name for --verbose").hideHelp());
}

/** Add the options that say where to send and how hard to try. */
export function addTargetOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--kcidb-rest <url>',
        'KCIDB REST URL, https://host[/path] or https://<token>@host[/path] (alias: --kcidb-rest-url)',
      ),
    )
    .addOption(new Option('--kcidb-rest-url <url>', "kci-dev's name for --kcidb-rest").hideHelp())
    .option(
      '--kcidb-token <token>',
      'KCIDB token (prefer KCIDB_REST, KCIDB_TOKEN or the config file)',
    )
    .addOption(
      new Option('--retries <n>', 'retries on network errors, 5xx, 408 and 429, with backoff')
        .argParser(parseRetries)
        .default(5),
    )
    .addOption(
      new Option('--timeout <seconds>', 'time limit of each HTTP request')
        .argParser(parsePositiveSeconds)
        .default(60),
    )
    .addOption(
      new Option(
        '--wait <seconds>',
        'poll /status until processed or failed, for at most this long (0: do not wait)',
      )
        .argParser(parseSeconds)
        .default(0),
    );
}

/** `--schema`: the KCIDB schema version to validate against. */
export function schemaOption(): Option {
  return new Option('--schema <version>', 'KCIDB schema version to validate against (only 5.3)')
    .argParser(parseSchema)
    .default('5.3');
}

export const EXIT_CODES_HELP = `
Exit codes:
  0  success: accepted by KCIDB (or processed, with --wait), or valid
  1  the report is invalid, or KCIDB rejected it or failed to ingest it
  2  usage error: a bad or missing option, an unreadable file
  3  transient failure: KCIDB kept failing (network, 5xx, 429) until --retries ran out
  4  credentials: no KCIDB URL or token, a bad config file, or KCIDB refused the token (401/403)`;

/** `--kcidb-rest-url` (kci-dev's name) folded into `--kcidb-rest`. */
export function foldTargetAlias<T extends TargetOptions & { kcidbRestUrl?: string }>(
  options: T,
): T {
  const { kcidbRestUrl, ...rest } = options;
  if (kcidbRestUrl === undefined) return options;
  if (rest.kcidbRest !== undefined && rest.kcidbRest !== kcidbRestUrl) {
    throw new CliError(
      'USAGE',
      '--kcidb-rest-url and --kcidb-rest are the same option; give it once',
    );
  }
  return { ...rest, kcidbRest: kcidbRestUrl } as T;
}
