/**
 * Parsers for option values, run by commander as it reads the command line: a bad value
 * stops with "option '--duration <seconds>' argument 'x' is invalid. ...", naming the option.
 * Kept free of the KCIDB library so `--help` and usage errors stay fast.
 */
import { InvalidArgumentError } from 'commander';

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
