import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FinishedResult, RunnerJobState } from '../runner-adapter.js';
import {
  TUX_RESULT_IS_INFRASTRUCTURE,
  TUX_STATES,
  mapTuxsuiteStatus,
  parseTuxsuiteCallback,
  tuxTime,
  type TuxCallback,
} from './tuxsuite.status.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/tuxsuite/${name}`, import.meta.url), 'utf8');
const BUILD = fixture('callback-build.json');
const TEST = fixture('callback-test.json');

function parsed(text: string): TuxCallback {
  const out = parseTuxsuiteCallback(text);
  if (!out.ok) throw new Error(out.reason);
  return out.callback;
}

function finished(job: RunnerJobState): FinishedResult {
  if (job.state !== 'finished') throw new Error(`not finished: ${job.state}`);
  return job.result;
}

describe('parseTuxsuiteCallback', () => {
  it("reads TuxSuite's published build callback", () => {
    const cb = parsed(BUILD);
    expect(cb.kind).toBe('build');
    expect(cb.status.uid).toBe('2ZITcwA6wxeKxh9cZA5HBJ6FkSj');
  });

  it("reads the build callback with the \\' escapes TuxSuite sends in git_short_log", () => {
    const broken = BUILD.replace(`'net-6.7-rc5'`, String.raw`\'net-6.7-rc5\'`);
    expect(broken).not.toBe(BUILD);
    expect(parsed(broken).status.git_short_log).toBe(
      `5e3f5b81de80 ("Merge tag 'net-6.7-rc5' of git://git.kernel.org/pub/scm/linux/kernel/git/netdev/net")`,
    );
  });

  it('unwraps a double-encoded body', () => {
    expect(parsed(JSON.stringify(TEST)).status.uid).toBe('2MBYa8FhoBHkRCX2BMMPusjuClf');
  });

  it('accepts the older kind word kbuild as a build', () => {
    expect(parsed('{"kind": "kbuild", "status": {"uid": "u1"}}').kind).toBe('build');
  });

  it.each([
    ['not JSON', '{"kind": ', /not JSON/],
    ['an array', '[{"kind": "build"}]', /not a JSON object/],
    ['a plan', '{"kind": "plan", "status": {"uid": "u1"}}', /unexpected callback kind "plan"/],
    ['an oebuild', '{"kind": "oebuild", "status": {"uid": "u1"}}', /oebuild/],
    ['no kind', '{"status": {"uid": "u1"}}', /kind undefined/],
    ['a prototype word', '{"kind": "constructor", "status": {"uid": "u1"}}', /constructor/],
    ['no status', '{"kind": "test"}', /status\.uid/],
    ['an empty uid', '{"kind": "test", "status": {"uid": ""}}', /status\.uid/],
  ])('refuses %s', (_what, body, reason) => {
    const out = parseTuxsuiteCallback(body);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toMatch(reason);
  });
});

describe('mapTuxsuiteStatus', () => {
  it('maps a finished build: result, artefacts, times in UTC, status without personal data', () => {
    const cb = parsed(BUILD);
    const result = finished(mapTuxsuiteStatus(cb.kind, cb.status));
    const base =
      'https://storage.tuxsuite.com/public/demo/demo/builds/2ZITcwA6wxeKxh9cZA5HBJ6FkSj/';
    expect(result).toMatchObject({
      runnerResult: 'pass',
      infrastructureError: false,
      logUrl: `${base}build.log`,
      artifacts: {
        kernelImageUrl: `${base}Image.gz`,
        configUrl: `${base}config`,
        buildLogUrl: `${base}build.log`,
      },
      startedAt: '2023-12-09T08:03:50.889831Z',
      finishedAt: '2023-12-09T08:08:24.822016Z',
      durationSeconds: 258,
    });
    expect(result.artifacts?.modulesUrl).toBeUndefined(); // "modules": false
    expect(result.resultsUrl).toBeUndefined();
    expect(result.status.user).toBeUndefined();
    expect(result.status.git_sha).toBe('5e3f5b81de80c98338bcb47c233aebefee5a4801');
    expect(result.status.tuxmake_metadata).toBeDefined();
  });

  it('maps a finished test: results.json and logs.txt in its storage folder', () => {
    const cb = parsed(TEST);
    const result = finished(mapTuxsuiteStatus(cb.kind, cb.status));
    const base =
      'https://storage.tuxsuite.com/public/tuxsuite/demo/tests/2MBYa8FhoBHkRCX2BMMPusjuClf/';
    expect(result).toMatchObject({
      runnerResult: 'pass',
      infrastructureError: false,
      resultsUrl: `${base}results.json`,
      logUrl: `${base}logs.txt`,
      startedAt: '2023-02-24T12:42:27.314447Z',
      finishedAt: '2023-02-24T12:44:23.178581Z',
      durationSeconds: 117,
    });
    expect(result.artifacts).toBeUndefined();
    expect(result.status.results).toEqual({ boot: 'pass' });
  });

  it('builds modules URL when modules is a file name', () => {
    const status = { ...parsed(BUILD).status, modules: 'modules.tar.xz' };
    expect(finished(mapTuxsuiteStatus('build', status)).artifacts?.modulesUrl).toMatch(
      /\/modules\.tar\.xz$/,
    );
  });

  it('never builds URLs from a download_url that is not http(s), nor from odd file names', () => {
    const status = {
      ...parsed(BUILD).status,
      download_url: 'file:///etc/',
      kernel_image_name: '../x',
    };
    const result = finished(mapTuxsuiteStatus('build', status));
    expect(result.logUrl).toBeUndefined();
    expect(result.artifacts).toEqual({});
    const odd = { ...parsed(BUILD).status, kernel_image_name: '../../x' };
    expect(finished(mapTuxsuiteStatus('build', odd)).artifacts?.kernelImageUrl).toBeUndefined();
  });

  it('maps every state word', () => {
    const seen = Object.fromEntries(
      (Object.keys(TUX_STATES) as (keyof typeof TUX_STATES)[]).map((state) => [
        state,
        mapTuxsuiteStatus('test', { uid: 'u', state, result: 'pass' }).state,
      ]),
    );
    expect(seen).toEqual({
      queued: 'queued',
      waiting: 'queued',
      provisioning: 'queued',
      building: 'running',
      running: 'running',
      finished: 'finished',
    });
    expect(mapTuxsuiteStatus('test', { uid: 'u', state: 'teleporting' }).state).toBe('running');
    expect(mapTuxsuiteStatus('test', { uid: 'u', state: 'constructor' }).state).toBe('running');
    expect(mapTuxsuiteStatus('test', { uid: 'u' }).state).toBe('running');
  });

  it('maps every result word, and reads build_status when result is missing', () => {
    const words = Object.keys(TUX_RESULT_IS_INFRASTRUCTURE);
    const seen = Object.fromEntries(
      words.map((result) => [
        result,
        finished(mapTuxsuiteStatus('test', { uid: 'u', state: 'finished', result }))
          .infrastructureError,
      ]),
    );
    expect(seen).toEqual({ pass: false, fail: false, error: true, canceled: true, unknown: true });
    const fromBuildStatus = finished(
      mapTuxsuiteStatus('build', { uid: 'u', state: 'finished', build_status: 'fail' }),
    );
    expect(fromBuildStatus).toMatchObject({ runnerResult: 'fail', infrastructureError: false });
    const none = finished(mapTuxsuiteStatus('build', { uid: 'u', state: 'finished' }));
    expect(none).toMatchObject({ runnerResult: 'unknown', infrastructureError: true });
    const novel = finished(
      mapTuxsuiteStatus('build', { uid: 'u', state: 'finished', result: 'exploded' }),
    );
    expect(novel).toMatchObject({ runnerResult: 'exploded', infrastructureError: true });
  });

  it('drops the secret TuxSuite may echo in callback_headers', () => {
    const status = {
      uid: 'u',
      state: 'finished',
      result: 'pass',
      callback_headers: { 'X-Kci-Bridge-Token': 's' },
    };
    expect(finished(mapTuxsuiteStatus('test', status)).status).not.toHaveProperty(
      'callback_headers',
    );
  });
});

describe('tuxTime', () => {
  it.each([
    ['2023-12-09T08:08:24.822016', '2023-12-09T08:08:24.822016Z'],
    ['2023-12-09T08:08:24', '2023-12-09T08:08:24Z'],
    ['2023-12-09 08:08:24', '2023-12-09T08:08:24Z'],
    ['2023-12-09T08:08:24Z', '2023-12-09T08:08:24Z'],
    ['2023-12-09T08:08:24+0200', '2023-12-09T08:08:24+02:00'],
  ])('%s → %s', (input, output) => expect(tuxTime(input)).toBe(output));

  it.each([[null], [''], ['yesterday'], ['2023-13-45T99:00:00'], [1702109304]])(
    'ignores %s',
    (input) => expect(tuxTime(input)).toBeUndefined(),
  );
});
