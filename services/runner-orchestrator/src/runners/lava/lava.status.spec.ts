import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FinishedResult, RunnerJobState } from '../runner-adapter.js';
import {
  LAVA_STATES,
  groupBySuite,
  jobError,
  lavaTime,
  mapLavaCallback,
  mapLavaJob,
} from './lava.status.js';
import { lavaCallbackBody, lavaLog } from './lava.testing.js';

const LOG_URL = 'https://lava.example.org/scheduler/job/42/log_file/plain';

function finished(job: RunnerJobState): FinishedResult {
  if (job.state !== 'finished') throw new Error(`not finished: ${job.state}`);
  return job.result;
}

describe('mapLavaCallback', () => {
  it('maps a job LAVA ended on a login timeout (error_type Job) as the kernel failing, not the lab', () => {
    const body = lavaCallbackBody(lavaLog('log-fail-4.yaml'), { id: 42, health: 'Incomplete' });
    const result = finished(mapLavaCallback(body, LOG_URL));
    expect(result).toMatchObject({
      runnerResult: 'Incomplete',
      infrastructureError: false,
      logUrl: LOG_URL,
      startedAt: '2022-06-09T11:11:27.010520+00:00',
      finishedAt: '2022-06-09T11:42:44.103169+00:00',
    });
    expect(result.durationSeconds).toBeCloseTo(1877.09, 1);
    expect(jobError(result.inlineResults)).toEqual({
      errorType: 'Job',
      errorMsg: 'auto-login-action timed out after 1786 seconds',
    });
  });

  it('maps a canceled job as the lab failing, and drops log, results, definition and e-mail from status', () => {
    const body = lavaCallbackBody(lavaLog('log-canceled-1.yaml'), { id: 43, health: 'Canceled' });
    const result = finished(mapLavaCallback(body, LOG_URL));
    expect(result).toMatchObject({ runnerResult: 'Canceled', infrastructureError: true });
    expect(Object.keys(result.inlineResults ?? {})).toEqual(['lava']);
    for (const key of ['log', 'results', 'definition', 'submitter_email', 'token']) {
      expect(result.status).not.toHaveProperty(key);
    }
    expect(result.status).toMatchObject({
      id: 43,
      health_string: 'Canceled',
      actual_device_id: 'qemu-01',
    });
  });

  it('reads Incomplete as the lab failing when the job error type says so', () => {
    const canceledLog = lavaLog('log-canceled-1.yaml');
    const asIncomplete = lavaCallbackBody(canceledLog, { id: 44, health: 'Incomplete' });
    expect(finished(mapLavaCallback(asIncomplete, LOG_URL)).infrastructureError).toBe(true);
    const infra = canceledLog.replace('"error_type": "Canceled"', '"error_type": "Infrastructure"');
    const body = lavaCallbackBody(infra, { id: 44, health: 'Incomplete' });
    expect(finished(mapLavaCallback(body, LOG_URL)).infrastructureError).toBe(true);
    const noResults = { ...body, results: undefined };
    expect(finished(mapLavaCallback(noResults, LOG_URL)).infrastructureError).toBe(false);
  });

  it('maps a complete job, reading only the numeric fields when the words are missing', () => {
    const body = {
      id: 45,
      state: 5,
      health: 1,
      start_time: 'None',
      end_time: 'None',
      results: { '0_ltp-smoke': '[]' },
    };
    const result = finished(mapLavaCallback(body, LOG_URL));
    expect(result).toMatchObject({ runnerResult: 'Complete', infrastructureError: false });
    expect(result.inlineResults).toEqual({ '0_ltp-smoke': '[]' });
    expect(result.startedAt).toBeUndefined();
  });

  it('falls back to the legacy status_string', () => {
    expect(
      finished(mapLavaCallback({ id: 1, status_string: 'incomplete' }, LOG_URL)).runnerResult,
    ).toBe('Incomplete');
    expect(mapLavaCallback({ id: 1, status_string: 'running' }, LOG_URL)).toEqual({
      state: 'running',
    });
  });

  it('maps every state word, and unknown ones as still running', () => {
    const seen = Object.fromEntries(
      Object.keys(LAVA_STATES).map((s) => [
        s,
        mapLavaCallback({ id: 1, state_string: s, health_string: 'Complete' }, LOG_URL).state,
      ]),
    );
    expect(seen).toEqual({
      Submitted: 'queued',
      Scheduling: 'queued',
      Scheduled: 'queued',
      Running: 'running',
      Canceling: 'running',
      Finished: 'finished',
    });
    expect(mapLavaCallback({ id: 1, state_string: 'Levitating' }, LOG_URL).state).toBe('running');
    expect(mapLavaCallback({ id: 1, state: 9 }, LOG_URL).state).toBe('running');
  });

  it('maps every health word of a finished job', () => {
    const seen = Object.fromEntries(
      ['Complete', 'Incomplete', 'Canceled', 'Unknown', 'Sideways'].map((h) => [
        h,
        finished(mapLavaCallback({ id: 1, state_string: 'Finished', health_string: h }, LOG_URL))
          .infrastructureError,
      ]),
    );
    expect(seen).toEqual({
      Complete: false,
      Incomplete: false,
      Canceled: true,
      Unknown: true,
      Sideways: true,
    });
  });
});

describe('mapLavaJob (REST)', () => {
  it('maps a finished job and groups the results export by suite', () => {
    const cases = [
      { name: 'job', suite: 'lava', result: 'pass', metadata: { definition: 'lava' } },
      { name: 'chdir01', suite: '1_ltp-smoke', result: 'pass' },
      { name: 'ping01', suite: '1_ltp-smoke', result: 'skip' },
    ];
    const job = {
      id: 42,
      state: 'Finished',
      health: 'Complete',
      start_time: '2024-05-02T10:00:00.123456Z',
      end_time: '2024-05-02T10:05:00.123456Z',
      definition: 'device_type: qemu',
    };
    const result = finished(mapLavaJob(job, LOG_URL, stringify(cases)));
    expect(result).toMatchObject({
      runnerResult: 'Complete',
      infrastructureError: false,
      startedAt: '2024-05-02T10:00:00.123456Z',
      durationSeconds: 300,
    });
    expect(Object.keys(result.inlineResults ?? {})).toEqual(['lava', '1_ltp-smoke']);
    expect(result.status).not.toHaveProperty('definition');
    expect(mapLavaJob({ id: 42, state: 'Scheduled', health: 'Unknown' }, LOG_URL)).toEqual({
      state: 'queued',
    });
  });

  it('reads a results export that is not a list as no results', () => {
    expect(groupBySuite('just: a mapping')).toBeUndefined();
    expect(groupBySuite('[unclosed')).toBeUndefined();
  });
});

describe('lavaTime', () => {
  it.each([
    ['2024-05-02 10:00:00.123456+00:00', '2024-05-02T10:00:00.123456+00:00'],
    ['2024-05-02 10:00:00+02:00', '2024-05-02T10:00:00+02:00'],
    ['2024-05-02T10:00:00.123456Z', '2024-05-02T10:00:00.123456Z'],
    ['2024-05-02 10:00:00', '2024-05-02T10:00:00Z'],
  ])('%s → %s', (input, output) => expect(lavaTime(input)).toBe(output));

  it.each([['None'], [null], [''], ['tomorrow']])('ignores %s', (input) =>
    expect(lavaTime(input)).toBeUndefined(),
  );
});
