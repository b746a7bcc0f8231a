/**
 * Options shared by several commands (where to send, how hard to try, how to print), and the
 * parsers of option values. Parsers run as commander reads the command line: a bad value
 * stops with "option '--duration <seconds>' argument 'x' is invalid. ...", naming the option.
 * Kept free of the KCIDB library so `--help` and usage errors stay fast.
 */
import { InvalidArgumentError, Option, type Command } from '../commander.js';
import { CliError } from '../io.js';

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
        'poll /status (with --via: the gateway) until processed or failed, for at most this long (0: do not wait)',
      )
        .argParser(parseSeconds)
        .default(0),
    );
}

/** `--via URL`: send through a kci-bridge gateway instead of straight to KCIDB. */
export function viaOption(): Option {
  return new Option(
    '--via <url>',
    'send through a kci-bridge gateway (its base URL) instead of straight to KCIDB; token from KCI_BRIDGE_TOKEN',
  ).argParser(parseViaUrl);
}

/**
 * `--via` sends to a gateway, which holds the KCIDB credentials: KCIDB target options given
 * with it would be silently ignored, so they are refused.
 */
export function refuseKcidbTargetWithVia(options: {
  via?: string;
  kcidbRest?: string;
  kcidbRestUrl?: string;
  kcidbToken?: string;
}): void {
  if (options.via === undefined) return;
  const given = (
    [
      [options.kcidbRest, '--kcidb-rest'],
      [options.kcidbRestUrl, '--kcidb-rest-url'],
      [options.kcidbToken, '--kcidb-token'],
    ] as const
  )
    .filter(([value]) => value !== undefined)
    .map(([, flag]) => flag);
  if (given.length > 0) {
    throw new CliError(
      'USAGE',
      `--via sends through a kci-bridge gateway, which holds the KCIDB credentials; it cannot be combined with ${given.join(', ')}`,
    );
  }
}

/** `--schema`: the KCIDB schema version to validate against. */
export function schemaOption(): Option {
  return new Option('--schema <version>', 'KCIDB schema version to validate against (only 5.3)')
    .argParser(parseSchema)
    .default('5.3');
}

export const EXIT_CODES_HELP = `
Exit codes:
  0  success: accepted by KCIDB or the --via gateway (processed, with --wait), or valid
  1  the report is invalid, or KCIDB (or the gateway) rejected it or failed to deliver it
  2  usage error: a bad or missing option, an unreadable file
  3  transient failure: KCIDB or the gateway kept failing (network, 5xx, 429, 503) until
     --retries ran out
  4  credentials: no KCIDB URL or token, a bad config file, or KCIDB (or the --via
     gateway) refused the token (401/403)`;

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

/** Schema versions the CLI validates against. */
export const SUPPORTED_SCHEMAS = ['5.3'] as const;

/** `--schema`: only 5.3 is supported. */
export function parseSchema(value: string): string {
  if (!(SUPPORTED_SCHEMAS as readonly string[]).includes(value.trim())) {
    throw new InvalidArgumentError(`only schema ${SUPPORTED_SCHEMAS.join(', ')} is supported`);
  }
  return value.trim();
}

/** A number of seconds, 0 or more (`--duration`, `--wait`). */
export function parseSeconds(value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError('expected a number of seconds, 0 or more (e.g. 321.5)');
  }
  return n;
}

/** A number of seconds greater than 0 (`--timeout`). */
export function parsePositiveSeconds(value: string): number {
  const n = parseSeconds(value);
  if (n === 0) throw new InvalidArgumentError('expected a number of seconds greater than 0');
  return n;
}

/** A count from 0 to 100 (`--retries`). */
export function parseRetries(value: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n > 100) {
    throw new InvalidArgumentError('expected a whole number from 0 to 100');
  }
  return n;
}

/**
 * `--via URL`: the base URL of a kci-bridge gateway, e.g. `https://bridge.example.org`
 * (a trailing `/` or `/api/v1` is dropped). The token goes in KCI_BRIDGE_TOKEN, never in it.
 */
export function parseViaUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError(
      'expected the http(s) URL of a kci-bridge gateway, e.g. https://bridge.example.org',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidArgumentError('expected an https:// (or http://) URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError('put the token in KCI_BRIDGE_TOKEN, not in the URL');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidArgumentError('expected a URL without a query or fragment');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

/** A yes/no value (`--checkout-valid`); the flag alone means true. */
export function parseBoolean(value: string): boolean {
  const word = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(word)) return true;
  if (['false', 'no', '0', 'n'].includes(word)) return false;
  throw new InvalidArgumentError('expected true or false');
}

/**
 * `--misc key=value`, repeatable: the value is parsed as JSON when it parses (numbers,
 * booleans, objects), else kept as a string. A key given twice is a mistake, not an override.
 */
export function collectMisc(
  value: string,
  previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const eq = value.indexOf('=');
  const key = eq < 0 ? '' : value.slice(0, eq).trim();
  if (key === '') throw new InvalidArgumentError('expected key=value, e.g. --misc job_id=1234');
  const misc = { ...previous };
  if (Object.hasOwn(misc, key)) throw new InvalidArgumentError(`key "${key}" given twice`);
  // defineProperty, not assignment: a key such as "__proto__" must stay a plain key.
  Object.defineProperty(misc, key, {
    value: jsonOrString(value.slice(eq + 1)),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return misc;
}

function jsonOrString(raw: string): unknown {
  try {
    const parsed: unknown = JSON.parse(raw);
    // null is not a KCIDB value: keep the word.
    return parsed === null ? raw : parsed;
  } catch {
    return raw;
  }
}
