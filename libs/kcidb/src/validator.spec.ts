import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KCIDB_SCHEMA_V5_3 } from './schema.js';
import type { KcidbReport } from './types.js';
import { SUPPORTED_SCHEMA_VERSIONS, validateReport } from './validator.js';

const CK = 'kci_bridge:ck-1';
const B = 'kci_bridge:b-1';
const T0 = '2026-01-15T10:00:00Z';

function report(): KcidbReport {
  return {
    version: { major: 5, minor: 3 },
    checkouts: [
      { id: CK, origin: 'kci_bridge', git_commit_hash: 'ef2b753c38bc9c0d1eea84e29a6bb6f9e776d0e3' },
    ],
    builds: [{ id: B, origin: 'kci_bridge', checkout_id: CK, start_time: T0, status: 'PASS' }],
    tests: [
      {
        id: 'kci_bridge:t-1',
        origin: 'kci_bridge',
        build_id: B,
        path: 'boot',
        start_time: T0,
        status: 'PASS',
      },
    ],
  };
}

const sample = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/upstream/samples/${name}`, import.meta.url), 'utf8'),
  );

describe('validateReport', () => {
  it('accepts a complete report with no warnings', () => {
    expect(validateReport(report())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('accepts kci-dev output as is', () => {
    expect(validateReport(sample('kci-dev-submit-build-dry-run-v5.3.json'))).toEqual({
      valid: true,
      errors: [],
      warnings: [],
    });
  });

  it('words schema errors with the field and the rule', () => {
    const doc = report();
    doc.tests = [0, 1, 2, 3].map((n) => ({
      id: `kci_bridge:t-${n}`,
      origin: 'kci_bridge',
      build_id: B,
      start_time: T0,
    }));
    (doc.tests[3] as { path?: string }).path = 'a b';
    const result = validateReport(doc);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      {
        path: '/tests/3/path',
        message: 'tests[3].path "a b" must be dot-separated segments of [A-Za-z0-9_-]',
      },
    ]);
  });

  it('names null fields and tells to omit them', () => {
    const doc = {
      ...report(),
      checkouts: [{ id: CK, origin: 'kci_bridge', git_commit_name: null }],
    };
    expect(validateReport(doc).errors).toEqual([
      {
        path: '/checkouts/0/git_commit_name',
        message: 'checkouts[0].git_commit_name is null; KCIDB forbids null, omit the field instead',
      },
    ]);
  });

  describe('our rules beyond the schema', () => {
    it('requires every id prefix to be the object origin', () => {
      const doc = report();
      doc.builds = [{ id: 'other:b-1', origin: 'kci_bridge', checkout_id: CK, start_time: T0 }];
      const result = validateReport(doc);
      expect(result.errors).toEqual([
        {
          path: '/builds/0/id',
          message:
            'builds[0].id "other:b-1" must start with its origin "kci_bridge:" (found prefix "other")',
        },
      ]);
      expect(validateReport(doc, { schemaOnly: true }).valid).toBe(true);
    });

    it('refuses the reserved "_:" prefix kcidb-io uses for synthetic objects', () => {
      const doc = sample('kcidb-test_oo-multi-origin-v5.0.json');
      expect(validateReport(doc, { schemaOnly: true }).valid).toBe(true);
      const { errors } = validateReport(doc);
      expect(
        errors.some((e) => e.path === '/checkouts/0/id' && e.message.includes('found prefix "_"')),
      ).toBe(true);
    });

    it('requires start_time on builds and tests but not on checkouts', () => {
      const doc = report();
      delete doc.builds?.[0]?.start_time;
      delete doc.tests?.[0]?.start_time;
      expect(validateReport(doc).errors).toEqual([
        {
          path: '/builds/0/start_time',
          message: 'builds[0] is missing start_time, which kci-bridge requires on builds',
        },
        {
          path: '/tests/0/start_time',
          message: 'tests[0] is missing start_time, which kci-bridge requires on tests',
        },
      ]);
    });

    it('reports an over-long log_excerpt once, in characters', () => {
      const doc = report();
      doc.tests = [
        {
          ...report().tests?.[0],
          id: 'kci_bridge:t-1',
          origin: 'kci_bridge',
          build_id: B,
          log_excerpt: 'x'.repeat(16385),
        },
      ];
      const { errors } = validateReport(doc);
      expect(errors).toEqual([
        {
          path: '/tests/0/log_excerpt',
          message: 'tests[0].log_excerpt must be at most 16384 characters (it has 16385)',
        },
      ]);
      // 16384 astral characters are 32768 UTF-16 units but within KCIDB's limit.
      doc.tests[0] = {
        ...doc.tests[0],
        id: 'kci_bridge:t-1',
        origin: 'kci_bridge',
        build_id: B,
        log_excerpt: '𝄞'.repeat(16384),
      };
      expect(validateReport(doc).errors).toEqual([]);
    });
  });

  describe('warnings about parents', () => {
    it('warns, never errs, for a test on another origin build', () => {
      const doc = report();
      doc.tests = [
        {
          id: 'kci_bridge:t-2',
          origin: 'kci_bridge',
          build_id: 'maestro:67a1b2c3',
          start_time: T0,
        },
      ];
      const result = validateReport(doc);
      expect(result.valid).toBe(true);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]?.path).toBe('/tests/0/build_id');
      expect(result.warnings[0]?.message).toMatch(
        /^tests\[0\]\.build_id "maestro:67a1b2c3" names a build that is neither/,
      );
    });

    it('warns for a build whose checkout is absent', () => {
      const doc = report();
      delete doc.checkouts;
      expect(validateReport(doc).warnings.map((w) => w.path)).toEqual(['/builds/0/checkout_id']);
    });

    it('asks isKnownParent about absent parents only', () => {
      const asked: string[] = [];
      const doc = report();
      delete doc.checkouts;
      doc.tests?.push({
        id: 'kci_bridge:t-2',
        origin: 'kci_bridge',
        build_id: 'maestro:1',
        start_time: T0,
      });
      const result = validateReport(doc, {
        isKnownParent: (kind, id) => {
          asked.push(`${kind} ${id}`);
          return true;
        },
      });
      expect(asked).toEqual([`checkouts ${CK}`, 'builds maestro:1']);
      expect(result.warnings).toEqual([]);
    });

    it('treats a throwing isKnownParent as "not known"', () => {
      const doc = report();
      delete doc.checkouts;
      const result = validateReport(doc, {
        isKnownParent: () => {
          throw new Error('database down');
        },
      });
      expect(result.valid).toBe(true);
      expect(result.warnings).toHaveLength(1);
    });

    it('gives no warnings in schemaOnly mode', () => {
      const doc = report();
      delete doc.checkouts;
      expect(validateReport(doc, { schemaOnly: true }).warnings).toEqual([]);
    });
  });

  describe('never throws', () => {
    it.each<[string, unknown]>([
      ['undefined', undefined],
      ['a number', 42],
      ['a string', '{"version":{"major":5}}'],
      ['a function', () => 1],
      ['a symbol', Symbol('x')],
      ['a bigint', 10n],
    ])('on %s', (_, doc) => {
      const result = validateReport(doc);
      expect(result.valid).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    });

    it('on a Proxy whose getters throw', () => {
      const hostile = new Proxy(
        {},
        {
          get() {
            throw new Error('boom');
          },
          ownKeys() {
            throw new Error('boom');
          },
        },
      );
      const result = validateReport(hostile);
      expect(result.valid).toBe(false);
      expect(result.errors[0]?.message).toContain('boom');
    });

    it('on cyclic and deeply nested misc', () => {
      const misc: Record<string, unknown> = {};
      misc.self = misc;
      let deep: unknown = {};
      for (let i = 0; i < 100_000; i++) deep = { deep };
      const doc = report();
      doc.builds = [
        { id: B, origin: 'kci_bridge', checkout_id: CK, start_time: T0, misc: { misc, deep } },
      ];
      expect(validateReport(doc).valid).toBe(true);
    });

    it('on a deeply nested unknown field', () => {
      let deep: unknown = [];
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(validateReport({ version: { major: 5 }, deep }).valid).toBe(false);
    });

    it('on a huge bad report, capping the list', () => {
      const tests = Array.from({ length: 5000 }, (_, i) => ({
        id: `x:${i}`,
        origin: 'kci_bridge',
        build_id: B,
        start_time: T0,
        path: '..',
      }));
      const result = validateReport({ ...report(), tests });
      expect(result.valid).toBe(false);
      expect(result.errors).toHaveLength(1001);
      expect(result.errors[1000]?.message).toBe('and 9000 more like these');
    });
  });

  it('handles 150 000 objects breaking our own rules without overflowing the stack', () => {
    const tests = Array.from({ length: 150_000 }, (_, i) => ({
      id: `x:${i}`,
      origin: 'kci_bridge',
      build_id: B,
    }));
    const result = validateReport({ ...report(), tests });
    expect(result.errors).toHaveLength(1001);
    expect(result.errors[1000]?.message).toBe('and 299000 more like these');
  });

  it('checks against 5.3 only, with a frozen schema', () => {
    expect(SUPPORTED_SCHEMA_VERSIONS).toEqual(['5.3']);
    expect(Object.isFrozen(KCIDB_SCHEMA_V5_3)).toBe(true);
    expect(Object.isFrozen(KCIDB_SCHEMA_V5_3.$defs.test.properties.path)).toBe(true);
  });
});
