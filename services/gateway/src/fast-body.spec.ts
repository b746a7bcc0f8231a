import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFastCheck } from './fast-body.js';
import { TestResultDto, TestsSubmitDto } from './submissions/tests-submit.dto.js';
import { validationPipe } from './validation.js';

const meta: ArgumentMetadata = { type: 'body', metatype: TestsSubmitDto };
const fast = compileFastCheck(TestsSubmitDto, [TestResultDto]);
const reference = validationPipe({ fastPath: false });

/** class-validator's verdict and class-transformer's output, as JSON (or the error). */
async function slow(body: unknown): Promise<{ ok: true; out: unknown } | { ok: false }> {
  try {
    return { ok: true, out: JSON.parse(JSON.stringify(await reference.transform(body, meta))) };
  } catch {
    return { ok: false };
  }
}

// Values near each rule's edge, valid and not, so both paths see every branch.
// Mostly valid values, so that whole bodies are often valid and the fast path gets exercised.
const str = (valid: string[], invalid: unknown[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 12 },
    { arbitrary: fc.constantFrom(...invalid), weight: 1 },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  );
const longText = (n: number) => 'x'.repeat(n);
// Optional fields: absent about four times in five (absent key or undefined).
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const extra = maybe(fc.constantFrom('kept?', 1, null, { nested: true }));

const testItem = fc.record(
  {
    test_name: str(
      ['boot', 'read01', longText(512), 'ünïcode'],
      ['', 'a\0b', longText(513), 7, null],
    ),
    test_collection: str(
      ['ltp', 'kselftest.timers', '', 'a-b_c.d'],
      ['a b', 'ltp/x', longText(257), null, 3],
    ),
    result: fc.constantFrom(
      'PASS',
      'PASS',
      'FAIL',
      'SKIP',
      'FAIL',
      'SKIP',
      'ERROR',
      'MISS',
      'DONE',
      'pass',
      ' Fail ',
      'ok',
      null,
      1,
    ),
    logs: maybe(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(null, 5, 'KTAP version 1\n1..1\nok 1 x\n'),
      ),
    ),
    start_time: maybe(
      fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00', 'yesterday', null),
    ),
    duration: maybe(fc.constantFrom(0, 1.5, 2, 3600, -1, '3', null, 1e308)),
    log_url: maybe(fc.constantFrom('https://x.org/log', 'not a url', 'ftp://x/y', null)),
    unknown_field: extra,
  },
  // Missing required fields are covered by the body's own record below and by null values.
  { requiredKeys: ['test_name', 'test_collection', 'result'] },
);

const body = fc.record(
  {
    test_uid: str(['uid', longText(256), 'a:b'], ['', longText(257), 'nul\0', 0, null, ['x']]),
    build_id: str(
      ['maestro:abc', 'my_lab:681b69099ae9711e9ed49766', 'o:'],
      ['Maestro:abc', 'nocolon', ':x', 'o:\0', null, 12],
    ),
    device: maybe(fc.oneof(fc.constantFrom('qemu-x86_64', longText(257), null, 5), fc.string())),
    runtime: maybe(fc.constantFrom('lava-collabora', longText(256), null, false)),
    tests: fc.oneof(
      { arbitrary: fc.array(testItem, { maxLength: 3 }), weight: 8 },
      { arbitrary: fc.constantFrom(null, 'tests', [1], [null], [[]]), weight: 1 },
    ),
    unknown_field: extra,
  },
  { requiredKeys: ['test_uid', 'build_id'] },
);

describe('the tests/submit fast path', () => {
  it('accepts an ordinary valid body as sent', () => {
    expect(
      fast({
        test_uid: 'ci-4711',
        build_id: 'maestro:681b69099ae9711e9ed49766',
        device: 'qemu-x86_64',
        tests: [
          { test_name: 'boot', test_collection: 'boot', result: 'PASS', logs: 'ok', duration: 1 },
        ],
      }),
    ).toBe(true);
  });

  it('leaves to class-validator what it cannot judge exactly: URLs, dates, statuses in other case', () => {
    const base = { test_uid: 'u', build_id: 'maestro:b' };
    const item = { test_name: 't', test_collection: 'c', result: 'PASS' };
    expect(fast({ ...base, tests: [{ ...item, log_url: 'https://x.org/l' }] })).toBe(false);
    expect(fast({ ...base, tests: [{ ...item, start_time: '2026-01-01T00:00:00Z' }] })).toBe(false);
    expect(fast({ ...base, tests: [{ ...item, result: 'pass' }] })).toBe(false);
  });

  it('never accepts what class-validator refuses, and gives what class-transformer gives', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const forFast = structuredClone(generated);
        const expected = await slow(structuredClone(generated));
        if (!fast(forFast)) return;
        accepted += 1;
        expect(expected.ok).toBe(true);
        if (expected.ok) expect(JSON.parse(JSON.stringify(forFast))).toEqual(expected.out);
      }),
      { numRuns: 4000 },
    );
    // The property means something only if the fast path does accept bodies.
    expect(accepted).toBeGreaterThan(20);
  });
});
