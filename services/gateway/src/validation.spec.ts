import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors/api-error.js';
import { toProblem } from './errors/problem.js';
import { TestsSubmitDto } from './submissions/tests-submit.dto.js';
import { validationPipe } from './validation.js';

const meta: ArgumentMetadata = { type: 'body', metatype: TestsSubmitDto };

async function errorsFor(body: unknown): Promise<Array<{ field: string; message: string }>> {
  try {
    await validationPipe().transform(body, meta);
  } catch (e) {
    if (e instanceof ApiError) return e.fields;
    throw e;
  }
  return [];
}

const valid = {
  test_uid: 'uid',
  build_id: 'maestro:abc',
  tests: [{ test_name: 'smoke', test_collection: 'ltp', result: 'pass' }],
};

describe('tests/submit validation', () => {
  it('accepts the original body, results in any case', async () => {
    const out = (await validationPipe().transform(valid, meta)) as TestsSubmitDto;
    expect(out.tests[0]?.result).toBe('PASS');
  });

  it('lists one clear error per bad field, with its path', async () => {
    expect(
      await errorsFor({
        build_id: 'no-origin',
        tests: [
          { test_name: 'a', test_collection: 'ltp', result: 'ok' },
          { test_collection: 'a b', result: 'FAIL' },
        ],
      }),
    ).toEqual([
      { field: 'test_uid', message: 'test_uid is required' },
      {
        field: 'build_id',
        message:
          'build_id must be a KCIDB id "<origin>:<id>", e.g. "maestro:681b69099ae9711e9ed49766"',
      },
      {
        field: 'tests[0].result',
        message: 'result must be one of FAIL, ERROR, MISS, PASS, DONE, SKIP (any case)',
      },
      { field: 'tests[1].test_name', message: 'test_name is required' },
      {
        field: 'tests[1].test_collection',
        message:
          'test_collection must be dot-separated names of letters, digits, _ and - (e.g. "ltp" or "kselftest.timers")',
      },
    ]);
  });

  it('wants a timezone on start_time and a non-empty tests array', async () => {
    expect(await errorsFor({ ...valid, tests: [] })).toEqual([
      { field: 'tests', message: 'tests must hold at least one test result' },
    ]);
    const fields = await errorsFor({
      ...valid,
      tests: [{ ...valid.tests[0], start_time: '2026-01-01T10:00:00' }],
    });
    expect(fields).toEqual([
      { field: 'tests[0].start_time', message: 'start_time must carry a timezone (Z or +hh:mm)' },
    ]);
  });

  it('says the body must be an object when it is not', async () => {
    expect(await errorsFor([1, 2])).toEqual([
      { field: '(body)', message: 'expected a JSON object, got an array' },
    ]);
  });
});

describe('problem documents', () => {
  it('hides internal errors behind an error id', () => {
    const { problem, internal } = toProblem(new Error('connection string postgres://secret@db'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('secret');
    expect(problem.detail).toContain(problem.error_id);
    expect(internal).toBeInstanceOf(Error);
  });
});
