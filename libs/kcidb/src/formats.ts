/**
 * The three formats KCIDB's schema uses, checked as the production ingester checks
 * them: Python jsonschema's FORMAT_CHECKER with `rfc3339-validator` and `rfc3987`
 * installed (kcidb.md §1.1).
 *
 * - `uri`: ajv-formats' RFC 3986 check, as `rfc3987.parse(rule="URI")`.
 * - `date-time`: a port of `rfc3339_validator.validate_rfc3339(s.upper())`. ajv-formats
 *   alone also takes "2026-01-15 10:00:00Z", "+0000" offsets, leap second 60 and year
 *   0000, which the ingester drops: a report we call valid would silently vanish.
 * - `email`: jsonschema's rule, an "@" anywhere. ajv-formats' address grammar would
 *   refuse Message-IDs KCIDB takes, such as "<id@host>" or "id@localhost".
 */
import type { Ajv } from 'ajv';
import formats from 'ajv-formats';

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

/** Whether `value` passes KCIDB's ingester `email` check: it contains an "@". */
export function isKcidbEmail(value: string): boolean {
  return value.includes('@');
}

/** Register `date-time`, `uri` and `email` on an ajv instance, as KCIDB's ingester checks them. */
export function addKcidbFormats(ajv: Ajv): Ajv {
  // ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
  formats.default(ajv, ['uri']);
  ajv.addFormat('date-time', { type: 'string', validate: isKcidbDateTime });
  ajv.addFormat('email', { type: 'string', validate: isKcidbEmail });
  return ajv;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  // Proleptic Gregorian, as Python's calendar.monthrange.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}
