import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKcidbDateTime, isKcidbEmail, isKcidbUri } from './formats.js';
import { validateReport } from './validator.js';

// Expected answers are those of the production ingester: Python jsonschema with
// rfc3339-validator (date-time) and its own "@" rule (email).
describe('date-time, as rfc3339-validator', () => {
  it.each([
    '2026-01-15T10:00:00Z',
    '2026-01-15T10:00:00+00:00',
    '2026-01-15T10:00:00-07:30',
    '2020-08-14T23:08:06.967000+00:00',
    '2026-01-15t10:00:00z',
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999999+23:59',
  ])('accepts %j', (value) => {
    expect(isKcidbDateTime(value)).toBe(true);
  });

  it.each([
    ['no timezone', '2026-01-15T10:00:00'],
    ['a space for T (ajv-formats takes it)', '2026-01-15 10:00:00Z'],
    ['an offset without colon (ajv-formats takes it)', '2026-01-15T10:00:00+0000'],
    ['an hours-only offset (ajv-formats takes it)', '2026-01-15T10:00:00+01'],
    ['a leap second (ajv-formats takes it)', '2016-12-31T23:59:60Z'],
    ['year 0 (ajv-formats takes it)', '0000-01-01T00:00:00Z'],
    ['February 29 of a non-leap year', '2026-02-29T00:00:00Z'],
    ['February 29 of 1900', '1900-02-29T00:00:00Z'],
    ['day 31 of April', '2026-04-31T00:00:00Z'],
    ['day 0', '2026-01-00T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-01-15T24:00:00Z'],
    ['offset hour 24', '2026-01-15T10:00:00+24:00'],
    ['a date only', '2026-01-15'],
    ['no seconds', '2026-01-15T10:00Z'],
    ['an empty fraction', '2026-01-15T10:00:00.Z'],
    ['non-ASCII digits', '２０２６-01-15T10:00:00Z'],
    ['a trailing newline (Python takes it; we refuse)', '2026-01-15T10:00:00Z\n'],
    ['an empty string', ''],
  ])('refuses %s', (_, value) => {
    expect(isKcidbDateTime(value)).toBe(false);
  });
});

describe('email, as the ingester', () => {
  it.each(['a@b', '<20260115.1-dev@example.org>', 'id@localhost', '@'])('accepts %j', (value) => {
    expect(isKcidbEmail(value)).toBe(true);
  });
  it.each(['', 'example.org', 'dev at example.org'])('refuses %j', (value) => {
    expect(isKcidbEmail(value)).toBe(false);
  });
});

describe('uri, through the schema', () => {
  const withLogUrl = (log_url: string) => ({
    version: { major: 5 },
    builds: [{ id: 'o:b', origin: 'o', checkout_id: 'o:c', log_url }],
  });

  it.each([
    'https://storage.kernelci.org/x/build.log',
    'http://127.0.0.1:8080/a?b=c#d',
    'ftp://mirror.example.org/log',
    'https://[::1]/log',
    'https://example.org/a%20b',
  ])('accepts %j', (url) => {
    expect(validateReport(withLogUrl(url), { schemaOnly: true }).valid).toBe(true);
  });

  it.each([
    '',
    '/relative/build.log',
    'build.log',
    'https://example.org/a b',
    'https://exa mple.org/',
    'https://例え.jp/',
  ])('refuses %j', (url) => {
    expect(validateReport(withLogUrl(url), { schemaOnly: true }).valid).toBe(false);
  });
});

// ajv-formats' own `uri`, which isKcidbUri must always agree with (it only answers the plain
// shapes itself, faster).
const ajvUri = (
  createRequire(import.meta.url)('ajv-formats/dist/formats.js') as {
    fullFormats: { uri: (value: string) => boolean };
  }
).fullFormats.uri;

describe('uri, as ajv-formats (RFC 3986)', () => {
  it.each([
    ['https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux-stable-rc.git', true],
    ['https://ci.example.org:8443/logs/build%20log.txt?job=42&x=a:b#L10', true],
    ['http://127.0.0.1/a', true],
    ['https://[2001:db8::1]/x', true],
    ['mailto:someone@example.org', true],
    ['urn:isbn:0451450523', true],
    ['https://user@host/x', true],
    ['https://ci.example.org/a b', false],
    ['https://ci.example.org/%zz', false],
    ['//host/relative', false],
    ['not a uri', false],
    ['', false],
    ['https://host/\u00e9', false],
  ])('%j: %s', (value, valid) => {
    expect(isKcidbUri(value)).toBe(valid);
    expect(ajvUri(value)).toBe(valid);
  });

  const uriUnit = fc.constantFrom(
    ...'aZ09-._~!$&\'()*+,;=:@/?#%[]{} |\\^`"<>\u00e9\0'.split(''),
    'https://',
    'http://',
    'host.example.org',
    ':8080',
    '%2F',
    '%g0',
  );

  it('agrees with ajv-formats on any string, and on anything after https://host', () => {
    const text = fc.string({ unit: uriUnit, maxLength: 30 });
    for (const arbitrary of [text, text.map((rest) => `https://host${rest}`)]) {
      fc.assert(
        fc.property(arbitrary, (value) => {
          expect(isKcidbUri(value)).toBe(ajvUri(value));
        }),
        { numRuns: 5000 },
      );
    }
  });
});
