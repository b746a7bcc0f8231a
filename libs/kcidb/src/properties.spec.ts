/** Property-based tests: what must hold for every input, not just the examples. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logExcerpt } from './excerpt.js';
import { buildId, checkoutId, testId, testPath } from './ids.js';
import { buildReport, stripNulls } from './report.js';
import { KcidbConfigError, parseKcidbTarget } from './target.js';
import { validateReport } from './validator.js';

const KCIDB_PATH = /^([a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*)?$/;

// Any UTF-16 unit, lone surrogates and NUL included, with the characters that
// matter to paths and URLs made frequent.
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  fc.constantFrom('.', ' ', '/', '\0', ':', '@', '%', '-', '_', 'a', 'Z', '9', '𝄞'),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 40 });
const origin = fc.stringMatching(/^[a-z0-9_]{1,12}$/);
// Long, random tokens, so finding one in a message cannot be a coincidence.
const token = fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/);

describe('validateReport (properties)', () => {
  it('never throws, answers consistently, and stays fast on any value', () => {
    let slowest = 0;
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withNullPrototype: true, maxDepth: 6 }),
        (doc) => {
          const start = performance.now();
          const result = validateReport(doc);
          slowest = Math.max(slowest, performance.now() - start);
          expect(result.valid).toBe(result.errors.length === 0);
          expect(validateReport({ version: { major: 5 }, tests: [doc] }).valid).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
    // A guard against catastrophic behaviour, not a speed test (that is for benchmarks).
    expect(slowest).toBeLessThan(5_000);
  });

  it('never throws on KCIDB-shaped documents with arbitrary field values', () => {
    const value = fc.oneof(
      fc.constant(null),
      anyText,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.array(anyText),
    );
    const object = fc.dictionary(
      fc.constantFrom(
        'id',
        'origin',
        'build_id',
        'checkout_id',
        'path',
        'start_time',
        'log_excerpt',
        'misc',
        'x',
      ),
      value,
    );
    const doc = fc.record(
      {
        version: fc.record({
          major: fc.integer({ min: 3, max: 7 }),
          minor: fc.integer({ min: -1, max: 5 }),
        }),
        checkouts: fc.array(object, { maxLength: 3 }),
        builds: fc.array(object, { maxLength: 3 }),
        tests: fc.array(object, { maxLength: 3 }),
      },
      { requiredKeys: ['version'] },
    );
    fc.assert(
      fc.property(doc, fc.boolean(), (d, known) => {
        const full = validateReport(d, { isKnownParent: () => known });
        const schemaOnly = validateReport(d, { schemaOnly: true });
        // Our layers only add errors: whatever fails the schema fails the full check.
        if (!schemaOnly.valid) expect(full.valid).toBe(false);
        for (const issue of [...full.errors, ...full.warnings]) {
          expect(typeof issue.path).toBe('string');
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every report made with this library from arbitrary input', () => {
    fc.assert(
      fc.property(
        origin,
        anyText,
        anyText,
        anyText,
        fc.string({ unit: anyUnit, maxLength: 300 }),
        (o, coll, name, uid, log) => {
          const ck = checkoutId({
            origin: o,
            repoUrl: 'https://git.kernel.org/x.git',
            commit: uid,
          });
          const build = buildId({ origin: o, checkoutId: ck, startOrRunId: uid });
          const path = testPath(coll, name);
          const report = buildReport({
            checkouts: [{ id: ck, origin: o }],
            builds: [{ id: build, origin: o, checkout_id: ck, start_time: '2026-01-15T10:00:00Z' }],
            tests: [
              stripNulls({
                id: testId({ origin: o, buildId: build, path, testUid: uid }),
                origin: o,
                build_id: build,
                path,
                start_time: '2026-01-15T10:00:00Z',
                log_excerpt: logExcerpt(log, 100),
                comment: undefined,
              }),
            ],
          });
          expect(validateReport(report)).toEqual({ valid: true, errors: [], warnings: [] });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('testPath (properties)', () => {
  it('always gives a valid KCIDB path, quickly', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 2000 }), anyText, (collection, name) => {
        const start = performance.now();
        const path = testPath(collection, name);
        expect(performance.now() - start).toBeLessThan(5_000); // catastrophic-regex guard, not a speed test
        expect(path).toMatch(KCIDB_PATH);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a valid collection and segment name unchanged', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), segment, (segments, name) => {
        expect(testPath(segments.join('.'), name)).toBe(`${segments.join('.')}.${name}`);
      }),
    );
  });

  it('is stable: a path fed back as the collection is unchanged', () => {
    fc.assert(
      fc.property(anyText, anyText, (collection, name) => {
        const path = testPath(collection, name);
        expect(testPath(path, '')).toBe(path);
      }),
    );
  });
});

describe('parseKcidbTarget (properties)', () => {
  it('never throws anything but KcidbConfigError, never leaks the token', () => {
    const input = fc.record(
      {
        rest: fc.oneof(
          anyText,
          token.map((t) => `https://${t}@db.kernelci.org/${t.slice(0, 3)}`),
        ),
        url: fc.oneof(anyText, fc.webUrl()),
        token: fc.oneof(token, anyText),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (i) => {
        const secret = [i.token, i.rest?.match(/\/\/([^@]*)@/)?.[1]].filter(
          (s) => s !== undefined && s.length >= 16,
        );
        try {
          const target = parseKcidbTarget(i);
          expect(target.submitUrl).toMatch(/^https?:\/\/[^/@]+(\/[^/]+)*\/submit$/);
          expect(target.statusUrl).toBe(target.submitUrl.replace(/\/submit$/, '/status'));
          for (const s of secret) expect(target.display).not.toContain(s);
        } catch (err) {
          expect(err).toBeInstanceOf(KcidbConfigError);
          for (const s of secret) expect((err as Error).message).not.toContain(s);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any header-safe token through KCIDB_REST', () => {
    fc.assert(
      fc.property(token, fc.stringMatching(/^(\/[a-z]{1,5}){0,3}$/), (t, path) => {
        const target = parseKcidbTarget({
          rest: `https://${encodeURIComponent(t)}@db.kernelci.org${path}`,
        });
        expect(target.token).toBe(t);
        expect(target.submitUrl).toBe(
          `https://db.kernelci.org${path.replace(/\/submit$/, '')}/submit`,
        );
        expect(target.submitUrl).not.toContain(t);
      }),
    );
  });
});
