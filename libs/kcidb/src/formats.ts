/**
 * The three formats KCIDB's schema uses, checked as the production ingester checks
 * them: Python jsonschema's FORMAT_CHECKER with `rfc3339-validator` and `rfc3987`
 * installed (kcidb.md §1.1).
 *
 * - `uri`: ajv-formats' RFC 3986 check, as `rfc3987.parse(rule="URI")`; the common
 *   `scheme://host/path` shape is recognised first without it (see {@link isKcidbUri}).
 * - `date-time`: a port of `rfc3339_validator.validate_rfc3339(s.upper())`. ajv-formats
 *   alone also takes "2026-01-15 10:00:00Z", "+0000" offsets, leap second 60 and year
 *   0000, which the ingester drops: a report we call valid would silently vanish.
 * - `email`: jsonschema's rule, an "@" anywhere. ajv-formats' address grammar would
 *   refuse Message-IDs KCIDB takes, such as "<id@host>" or "id@localhost".
 */
import { createRequire } from 'node:module';
import type { Ajv, Format } from 'ajv';

// rfc3339-validator's grammar (re.ASCII, no IGNORECASE: callers upper-case first).
// One deliberate difference: Python's `$` also matches before a final "\n"; we refuse it.
const RFC3339 =
  /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Whether `value` is a date-time KCIDB's ingester accepts (RFC 3339, with a timezone). */
export function isKcidbDateTime(value: string): boolean {
  const match = RFC3339.exec(value.toUpperCase());
  if (!match) return false;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  if (year === undefined || month === undefined || day === undefined || year === 0) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

// scheme://host[:port][/path][?query][#fragment], the host a plain DNS name, everything else
// RFC 3986 pchars or percent-escapes: a strict subset of what ajv-formats' `uri` expression
// accepts (same character classes; a narrower host, a port of 1+ digits), matched in linear
// time. formats.spec.ts checks that both always agree.
const PLAIN_URI =
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

/**
 * Whether `value` is an absolute URI by RFC 3986 (ajv-formats' `uri`). Plain URLs, nearly
 * all a report holds, are recognised without ajv-formats' expression, whose loading and
 * compiling take a few milliseconds of a CLI's start; anything else is left to it.
 */
export function isKcidbUri(value: string): boolean {
  if (PLAIN_URI.test(value)) return true;
  ajvUri ??= loadAjvUri();
  return ajvUri(value);
}

let ajvUri: ((value: string) => boolean) | undefined;

/**
 * ajv-formats' own `uri` function, required on first use: most reports carry no URI, and
 * importing the module (CommonJS, scanned for its exports) costs a few milliseconds of every
 * start. Only its format functions: its entry point would load ajv's code generator.
 */
function loadAjvUri(): (value: string) => boolean {
  const require = createRequire(import.meta.url);
  const { fullFormats } = require('ajv-formats/dist/formats.js') as {
    fullFormats: Record<string, Format>;
  };
  const uri = fullFormats['uri'];
  if (typeof uri !== 'function') throw new Error("ajv-formats' uri format is not a function");
  return (value) => uri(value) === true;
}

/** Whether `value` passes KCIDB's ingester `email` check: it contains an "@". */
export function isKcidbEmail(value: string): boolean {
  return value.includes('@');
}

/**
 * The formats, by name, as ajv takes them. The precompiled validator imports this very object
 * (`kcidbFormats` in its code), so each entry keeps the shape it had when the code was
 * generated: a function for `uri`, `{ type, validate }` for the others.
 */
export const KCIDB_FORMATS = {
  uri: isKcidbUri,
  'date-time': { type: 'string', validate: isKcidbDateTime },
  email: { type: 'string', validate: isKcidbEmail },
} as const satisfies Record<string, Format>;

/**
 * A string's length in code points (a surrogate pair counts once, a lone surrogate once), as
 * ajv's `ucs2length` counts it for `maxLength` and as Python's `len()` does.
 */
export function codePointLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++, length++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}

/**
 * The runtime helpers ajv's standalone code asks for with `require()`, by module id: the
 * precompiled validator takes them from here, so it loads no CommonJS at all.
 */
export const AJV_RUNTIME: Readonly<Record<string, { default: unknown }>> = {
  'ajv/dist/runtime/ucs2length': { default: codePointLength },
};

/** Register `date-time`, `uri` and `email` on an ajv instance, as KCIDB's ingester checks them. */
export function addKcidbFormats(ajv: Ajv): Ajv {
  for (const [name, format] of Object.entries(KCIDB_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  // Proleptic Gregorian, as Python's calendar.monthrange.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}
