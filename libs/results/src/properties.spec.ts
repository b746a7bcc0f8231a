/**
 * Property-based tests: whatever the input, every parser returns (never throws), in bounded
 * time, with unique paths of KCIDB-safe segments and only KCIDB statuses.
 */
import { KCIDB_STATUSES } from '@kci-bridge/kcidb';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { excerptFor } from './excerpt.js';
import { parseKtap } from './ktap.js';
import { parseLavaResults } from './lava.js';
import { parseLtp } from './ltp.js';
import { parseTuxsuiteResults } from './tuxsuite.js';
import type { ParseOutcome } from './types.js';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const STATUSES: ReadonlySet<string> = new Set(KCIDB_STATUSES);
/**
 * A guard against catastrophic (super-linear) behaviour, not a speed test: those take minutes or
 * hours on these inputs; a loaded 2-core CI machine takes seconds. Speed is for benchmarks.
 */
const HUGE_INPUT_MS = 60_000;
vi.setConfig({ testTimeout: 120_000 });

/** What must hold for any outcome; returns the first violation, or undefined. */
function violation(outcome: ParseOutcome): string | undefined {
  if (!Array.isArray(outcome.results) || !Array.isArray(outcome.diagnostics))
    return 'not an outcome';
  const seen = new Set<string>();
  for (const r of outcome.results) {
    if (r.path.length === 0) return 'empty path';
    const bad = r.path.find((s) => !SEGMENT.test(s));
    if (bad !== undefined) return `bad segment ${JSON.stringify(bad)}`;
    if (!STATUSES.has(r.status)) return `bad status ${r.status}`;
    if (typeof r.rawStatus !== 'string') return 'rawStatus not text';
    const key = r.path.join('.');
    if (seen.has(key)) return `duplicate path ${key}`;
    seen.add(key);
  }
  return outcome.diagnostics.every((d) => typeof d === 'string')
    ? undefined
    : 'diagnostic not text';
}

function timed(run: () => ParseOutcome): { outcome: ParseOutcome; ms: number } {
  const start = performance.now();
  const outcome = run();
  return { outcome, ms: performance.now() - start };
}

const anyText = fc.string({ unit: 'binary', maxLength: 300 });
/** Lines built from the pieces that matter to KTAP, LTP and kirk, so structure is exercised. */
const piece = fc.constantFrom(
  'ok ',
  'not ok ',
  '1',
  '7',
  ' - ',
  '# ',
  '#',
  '  ',
  '\t',
  'KTAP version 1',
  'TAP version 13',
  '1..3',
  ' # SKIP',
  ' # TIMEOUT 4',
  ' # exit=1',
  ' # TODO',
  'selftests: a: b',
  '# Subtest: s',
  '[  1.0] ',
  '<<<test_start>>>',
  'tag=t1',
  '<<<test_output>>>',
  '<<<execution_status>>>',
  'termination_id=2',
  'termination_type=exited',
  '<<<test_end>>>',
  't.c:1: TFAIL: x',
  'Testcase Result Exit Value',
  'abc01 PASS 0',
  'x: pass  (1s)',
  '\u001b[1;32m',
  'Summary:',
  'é',
  '\0',
  '.',
  ':',
);
const structuredText = fc
  .array(
    fc.array(fc.oneof(piece, anyText), { maxLength: 6 }).map((parts) => parts.join('')),
    { maxLength: 60 },
  )
  .map((lines) => lines.join('\n'));

const noise = (size: number): string => {
  let text = '';
  let seed = 7;
  while (text.length < size) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCharCode(32 + (seed % 95)) + (seed % 61 === 0 ? '\n' : '');
  }
  return text;
};
const MEGABYTE = noise(1_000_000);

describe.each<[string, (text: string) => ParseOutcome]>([
  ['parseKtap', parseKtap],
  ['parseLtp', parseLtp],
])('%s (properties)', (_name, parse) => {
  it('never throws and keeps the invariants on any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, structuredText),
        (text) => violation(parse(text)) === undefined,
      ),
      { numRuns: 400 },
    );
  });

  it.each<[string, () => string]>([
    ['1 MB of noise', () => MEGABYTE],
    ['250k short lines', () => 'ok 1 a\n# x\n'.repeat(125_000)],
    [
      '10k indentation levels',
      () => Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}ok 1 t${i}`).join('\n'),
    ],
    ['10k `# ` levels on one line', () => `${'# '.repeat(10_000)}ok 1 deep`],
    [
      '10k KTAP blocks opened and closed',
      () => {
        const open = Array.from(
          { length: 10_000 },
          (_, i) => `${' '.repeat(i)}KTAP version 1\n${' '.repeat(i)}1..1`,
        );
        const close = Array.from(
          { length: 10_000 },
          (_, i) => `${' '.repeat(9_999 - i)}ok 1 level${i}`,
        );
        return [...open, ...close].join('\n');
      },
    ],
    ['a 1 MB line', () => `ok 1 ${'a '.repeat(500_000)}`],
    ['a huge plan', () => '1..999999999\nok 1 a'],
    [
      '10k ltp-pan blocks',
      () => '<<<test_start>>>\ntag=t\n<<<test_output>>>\nt.c:1: TFAIL: x\n'.repeat(10_000),
    ],
    ['JSON nested 10k deep', () => `{"results": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
  ])('stays bounded on %s', (_label, build) => {
    const input = build();
    const { outcome, ms } = timed(() => parse(input));
    expect(violation(outcome)).toBeUndefined();
    expect(ms).toBeLessThan(HUGE_INPUT_MS);
  });
});

const resultWord = fc.constantFrom(
  'pass',
  'fail',
  'skip',
  'unknown',
  'error',
  'canceled',
  '',
  'PASS',
);
const tuxDoc = fc.dictionary(
  fc.oneof(
    fc.constantFrom('lava', '0_ltp-smoke', 'kselftest-timers', 'ltp-', '1_', ''),
    fc.string(),
  ),
  fc.dictionary(
    fc.oneof(fc.constantFrom('login-action', 'auto-login-action', 'job'), fc.string()),
    fc.oneof(
      fc.record({
        result: resultWord,
        duration: fc.anything(),
        measurement: fc.anything(),
        units: fc.anything(),
      }),
      fc.record({
        result: resultWord,
        error_type: fc.constantFrom('Infrastructure', 'Job', 'Test'),
      }),
      fc.anything({ maxDepth: 3 }),
    ),
  ),
);

describe('parseTuxsuiteResults (properties)', () => {
  it('never throws and keeps the invariants on any value', () => {
    fc.assert(
      fc.property(
        fc.oneof(tuxDoc, fc.anything({ maxDepth: 5, withNullPrototype: true })),
        fc.oneof(fc.array(fc.string()), fc.anything({ maxDepth: 2 })),
        (doc, testNames) =>
          violation(parseTuxsuiteResults(doc, { testNames: testNames as string[] })) === undefined,
      ),
      { numRuns: 400 },
    );
  });

  it('stays bounded on deep and wide documents', () => {
    let deep: unknown = { result: 'pass' };
    for (let i = 0; i < 10_000; i++) deep = { nested: deep };
    const wide = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`c${i}`, { result: 'pass' }]),
    );
    const { outcome, ms } = timed(() =>
      parseTuxsuiteResults(
        { lava: deep, 'ltp-deep': deep, 'ltp-wide': wide },
        { testNames: ['boot', 'x'] },
      ),
    );
    expect(violation(outcome)).toBeUndefined();
    expect(ms).toBeLessThan(HUGE_INPUT_MS);
  });
});

const lavaCase = fc.record({
  name: fc.oneof(
    fc.constantFrom('login-action', 'auto-login-action', 'job'),
    fc.string(),
    fc.integer(),
  ),
  result: fc.oneof(resultWord, fc.anything({ maxDepth: 1 })),
  measurement: fc.oneof(fc.constant('None'), fc.double().map(String), fc.string()),
  unit: fc.string(),
  metadata: fc.oneof(
    fc.record({
      set: fc.string(),
      error_type: fc.constantFrom('Infrastructure', 'Job'),
      duration: fc.string(),
    }),
    fc.anything({ maxDepth: 2 }),
  ),
});

describe('parseLavaResults (properties)', () => {
  it('never throws and keeps the invariants on any callback results', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom('lava', '0_ltp-smoke', '1_kselftest-timers'), fc.string()),
          fc.oneof(
            fc.array(lavaCase, { maxLength: 8 }).map((cases) => stringify(cases)),
            anyText,
            fc.anything({ maxDepth: 2 }),
          ),
        ),
        fc.oneof(
          fc.constantFrom('Complete', 'Incomplete', 'Canceled', 'Unknown'),
          fc.anything({ maxDepth: 1 }),
        ),
        (results, health) =>
          violation(parseLavaResults(results as Record<string, string>, health as string)) ===
          undefined,
      ),
      { numRuns: 300 },
    );
  });

  it.each<[string, () => string]>([
    ['1 MB of noise', () => MEGABYTE],
    ['YAML nested 10k deep', () => `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    [
      '10k block-nested YAML lists',
      () => Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}- `).join('\n'),
    ],
    [
      'an alias bomb',
      () => {
        let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
        for (let i = 1; i < 20; i++)
          yaml += `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]\n`;
        return yaml;
      },
    ],
    [
      '10k cases',
      () =>
        stringify(
          Array.from({ length: 10_000 }, (_, i) => ({
            name: `c${i}`,
            result: 'pass',
            metadata: {},
          })),
        ),
    ],
  ])('stays bounded on %s', (_label, build) => {
    const input = build();
    const { outcome, ms } = timed(() =>
      parseLavaResults({ lava: input, '0_x': input }, 'Incomplete'),
    );
    expect(violation(outcome)).toBeUndefined();
    expect(ms).toBeLessThan(HUGE_INPUT_MS);
  });
});

describe('excerptFor (properties)', () => {
  it('is never longer than the limit and ends like the joined lines', () => {
    fc.assert(
      fc.property(
        fc.array(anyText, { maxLength: 50 }),
        fc.integer({ min: 0, max: 400 }),
        (lines, max) => {
          const excerpt = excerptFor(lines, max);
          return excerpt.length <= max && !excerpt.includes('\0');
        },
      ),
      { numRuns: 300 },
    );
  });
});
