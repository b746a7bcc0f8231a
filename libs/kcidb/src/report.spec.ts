import { describe, expect, it } from 'vitest';
import { buildReport, emptyReport, packReports, stripNulls, type PackItem } from './report.js';
import type { KcidbBuild, KcidbCheckout, KcidbObjects, KcidbTest } from './types.js';
import { validateReport } from './validator.js';

const checkout: KcidbCheckout = { id: 'o:ck-1', origin: 'o' };
const build: KcidbBuild = {
  id: 'o:b-1',
  origin: 'o',
  checkout_id: 'o:ck-1',
  start_time: '2026-01-15T10:00:00Z',
};
const test = (n: number): KcidbTest => ({
  id: `o:t-${n}`,
  origin: 'o',
  build_id: 'o:b-1',
  path: 'ltp.read01',
  start_time: '2026-01-15T10:00:00Z',
});

describe('emptyReport', () => {
  it('declares v5.3 and holds nothing', () => {
    expect(emptyReport()).toEqual({ version: { major: 5, minor: 3 } });
    expect(validateReport(emptyReport()).valid).toBe(true);
  });

  it('returns a fresh object each time', () => {
    expect(emptyReport()).not.toBe(emptyReport());
  });
});

describe('buildReport', () => {
  it('puts kinds in ingestion order and leaves out empty ones', () => {
    const report = buildReport({
      tests: [test(1)],
      builds: [build],
      checkouts: [checkout],
      issues: [],
      incidents: undefined,
    });
    expect(Object.keys(report)).toEqual(['version', 'checkouts', 'builds', 'tests']);
    expect(report.tests).toEqual([test(1)]);
    expect(validateReport(report).valid).toBe(true);
  });

  it('orders issues first and incidents last', () => {
    const report = buildReport({
      incidents: [{ id: 'o:in', origin: 'o', issue_id: 'o:i', issue_version: 0 }],
      issues: [{ id: 'o:i', origin: 'o', version: 0 }],
    });
    expect(Object.keys(report)).toEqual(['version', 'issues', 'incidents']);
  });

  it('with nothing is the empty report', () => {
    expect(buildReport({})).toEqual(emptyReport());
  });
});

describe('stripNulls', () => {
  it('removes null and undefined properties at any depth', () => {
    const input = {
      id: 'o:1',
      comment: null,
      log_url: undefined,
      misc: { a: null, b: { c: undefined, d: 0, e: '', f: false } },
      list: [null, 1, undefined, { g: null, h: 2 }, [null]],
    };
    expect(stripNulls(input)).toEqual({
      id: 'o:1',
      misc: { b: { d: 0, e: '', f: false } },
      list: [1, { h: 2 }, []],
    });
  });

  it('keeps falsy values that are not null', () => {
    expect(stripNulls({ a: 0, b: '', c: false, d: Number.NaN })).toEqual({
      a: 0,
      b: '',
      c: false,
      d: Number.NaN,
    });
  });

  it('does not change its input and leaves non-plain objects alone', () => {
    const date = new Date(0);
    const input = { a: null, date };
    const out = stripNulls(input);
    expect(input).toEqual({ a: null, date });
    expect(out).toEqual({ date });
    expect((out as { date: Date }).date).toBe(date);
  });

  it('passes scalars and null at the top through', () => {
    expect(stripNulls(5)).toBe(5);
    expect(stripNulls(null)).toBeNull();
  });
});

describe('packReports', () => {
  const items = (n: number): PackItem[] =>
    Array.from({ length: n }, (_, i) => ({ kind: 'tests', object: test(i) }));
  const count = (g: KcidbObjects) => Object.values(g).reduce((sum, list) => sum + list.length, 0);
  const size = (g: KcidbObjects) => Buffer.byteLength(JSON.stringify(buildReport(g)));

  it('returns no groups for no items', () => {
    expect(packReports([], { maxObjects: 10, maxBytes: 1000 })).toEqual([]);
  });

  it('bounds each group by object count', () => {
    const groups = packReports(items(25), { maxObjects: 10, maxBytes: 1e9 });
    expect(groups.map(count)).toEqual([10, 10, 5]);
    expect(groups.flatMap((g) => g.tests ?? [])).toEqual(items(25).map((i) => i.object));
  });

  it('bounds each group by serialised bytes, envelope included', () => {
    const maxBytes = 1000;
    const groups = packReports(items(40), { maxObjects: 1000, maxBytes });
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(size(g)).toBeLessThanOrEqual(maxBytes);
    expect(groups.reduce((n, g) => n + count(g), 0)).toBe(40);
  });

  it('puts an object bigger than maxBytes alone in its group', () => {
    const huge: PackItem = { kind: 'tests', object: { ...test(99), comment: 'x'.repeat(5000) } };
    const groups = packReports([...items(2), huge, ...items(2)], {
      maxObjects: 100,
      maxBytes: 1000,
    });
    const alone = groups.find((g) => g.tests?.includes(huge.object as KcidbTest));
    expect(alone && count(alone)).toBe(1);
  });

  it('trusts a given byte size instead of serialising', () => {
    const sized: PackItem[] = items(4).map((i) => ({ ...i, bytes: 400 }));
    const groups = packReports(sized, { maxObjects: 100, maxBytes: 1000 });
    expect(groups.map(count)).toEqual([2, 2]);
  });

  it('orders kinds as KCIDB ingests them, keeping order within a kind', () => {
    const mixed: PackItem[] = [
      { kind: 'tests', object: test(1) },
      { kind: 'builds', object: build },
      { kind: 'tests', object: test(2) },
      { kind: 'checkouts', object: checkout },
    ];
    const groups = packReports(mixed, { maxObjects: 2, maxBytes: 1e9 });
    expect(groups).toEqual([
      { checkouts: [checkout], builds: [build] },
      { tests: [test(1), test(2)] },
    ]);
  });

  it('refuses limits below 1', () => {
    expect(() => packReports(items(1), { maxObjects: 0, maxBytes: 10 })).toThrow(RangeError);
    expect(() => packReports(items(1), { maxObjects: 1, maxBytes: Number.NaN })).toThrow(
      RangeError,
    );
  });
});
