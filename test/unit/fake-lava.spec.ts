import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { FakeLava, lavaLog, type FakeLavaOptions } from '../fakes/lava/fake-lava.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  base: string;
  received: Received[];
}

const fakes: FakeLava[] = [];
const servers: Server[] = [];

async function start(options: FakeLavaOptions = {}): Promise<FakeLava> {
  const fake = await FakeLava.start({
    token: 'lab-secret-1',
    callbackTokens: { 'kci-callback': 'callback-secret-value' },
    ...options,
  });
  fakes.push(fake);
  return fake;
}

/** A tiny callback receiver answering `status` (kernelci-pipeline answers 202). */
async function receiver(status = 202): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function call(
  fake: FakeLava,
  path: string,
  init: { body?: string; authorization?: string | null; contentType?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    'content-type': init.contentType ?? 'application/json',
  };
  const authorization =
    init.authorization === undefined ? `Token ${fake.token}` : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${fake.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    body: init.body,
    redirect: 'manual',
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // logs, redirects and HTML errors are not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

function definition(
  notify: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
): string {
  return stringify({
    job_name: 'kci-bridge boot riscv',
    device_type: 'qemu',
    visibility: 'public',
    priority: 'medium',
    timeouts: { job: { minutes: 30 } },
    metadata: { run_id: 'run-42', attempt: 1 },
    ...(notify === undefined ? {} : { notify }),
    actions: [
      { deploy: { to: 'tmpfs', images: { kernel: { url: 'https://x.example/Image' } } } },
      { boot: { method: 'qemu', prompts: ['/ #'] } },
    ],
    ...extra,
  });
}

async function submit(fake: FakeLava, yaml: string): Promise<number> {
  const answer = await call(fake, '/api/v0.2/jobs/', {
    body: JSON.stringify({ definition: yaml }),
  });
  expect(answer.status).toBe(201);
  expect(answer.json).toEqual({
    message: 'job(s) successfully submitted',
    job_ids: [expect.any(Number)],
  });
  return (answer.json.job_ids as number[])[0] ?? 0;
}

describe('FakeLava speaks the LAVA REST API v0.2 and notify callbacks', () => {
  it('authenticates like DRF behind SessionAuthentication: 403 with "detail"', async () => {
    const fake = await start();
    const body = JSON.stringify({ definition: definition(undefined) });
    const none = await call(fake, '/api/v0.2/jobs/', { body, authorization: null });
    expect(none).toMatchObject({
      status: 403,
      json: { detail: 'Authentication credentials were not provided.' },
    });
    const bearer = await call(fake, '/api/v0.2/jobs/', {
      body,
      authorization: `Bearer ${fake.token}`,
    });
    expect(bearer.json).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await call(fake, '/api/v0.2/jobs/', { body, authorization: 'Token nope' });
    expect(wrong).toMatchObject({ status: 403, json: { detail: 'Invalid token.' } });
    expect(fake.jobs()).toHaveLength(0);

    const id = await submit(fake, definition(undefined));
    expect(id).toBe(1000);
    expect(fake.jobs()[0]).toMatchObject({
      id,
      submittedAuth: `Token ${fake.token}`,
      parsed: { device_type: 'qemu' },
    });
  });

  it('rejects bad definitions with the real 400 messages', async () => {
    const fake = await start({ deviceTypes: ['qemu', 'bcm2711-rpi-4-b'] });
    const post = (body: unknown): ReturnType<typeof call> =>
      call(fake, '/api/v0.2/jobs/', { body: JSON.stringify(body) });
    expect((await post({})).json).toEqual({ definition: ['This field is required.'] });
    const notYaml = await post({ definition: 'job_name: [unclosed' });
    expect(notYaml.status).toBe(400);
    expect(String(notYaml.json.message)).toMatch(
      /^Problem with submitted job data: Loading job submission failed/,
    );
    const noName = await post({ definition: definition(undefined, { job_name: undefined }) });
    expect(noName.json).toEqual({
      message: "Problem with submitted job data: required key not provided @ data['job_name']",
    });
    const noActions = await post({ definition: definition(undefined, { actions: undefined }) });
    expect(noActions.json.message).toContain("required key not provided @ data['actions']");
    const noDevice = await post({ definition: definition(undefined, { device_type: undefined }) });
    expect(noDevice.json.message).toContain('"device_type" or multinode should be defined');
    const unknown = await post({
      definition: definition(undefined, { device_type: 'sun50i-h6-pine-h64' }),
    });
    expect(unknown).toMatchObject({
      status: 400,
      json: { message: 'Specified device or device type not found.' },
    });
    expect(
      (await post({ definition: definition(undefined, { device_type: 'bcm2711-rpi-4-b' }) }))
        .status,
    ).toBe(201);
    expect((await call(fake, '/api/v0.2/jobs/', { body: '{"definition": ' })).status).toBe(400);
  });

  it('redirects URLs without the trailing slash, as Django does', async () => {
    const fake = await start();
    const answer = await call(fake, '/api/v0.2/jobs', {
      body: JSON.stringify({ definition: definition(undefined) }),
    });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe('/api/v0.2/jobs/');
    expect(fake.jobs()).toHaveLength(0);
  });

  it('shows a job with string state and health, and its log once it has one', async () => {
    const fake = await start();
    const id = await submit(fake, definition(undefined));
    const submitted = await call(fake, `/api/v0.2/jobs/${id}/`, { authorization: null });
    expect(submitted.json).toMatchObject({
      id,
      state: 'Submitted',
      health: 'Unknown',
      description: 'kci-bridge boot riscv',
      requested_device_type: 'qemu',
      submitter: 'kci-bridge',
      priority: 50,
      actual_device: null,
      start_time: null,
    });
    expect(String(submitted.json.submit_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect((await call(fake, `/api/v0.2/jobs/${id}/logs/`)).status).toBe(404);
    expect((await call(fake, '/api/v0.2/jobs/999999/')).json).toEqual({ detail: 'Not found.' });

    await fake.completeJob(id, {
      health: 'Complete',
      log: lavaLog(['Linux version 6.9', { lvl: 'info', msg: 'done' }]),
    });
    const finished = await call(fake, `/api/v0.2/jobs/${id}/`);
    expect(finished.json).toMatchObject({
      state: 'Finished',
      health: 'Complete',
      actual_device: 'qemu-01',
    });
    const log = await call(fake, `/api/v0.2/jobs/${id}/logs/`);
    expect(log.headers.get('content-type')).toBe('application/yaml');
    expect(parseYaml(log.text)).toEqual([
      { dt: expect.any(String), lvl: 'target', msg: 'Linux version 6.9' },
      { dt: expect.any(String), lvl: 'info', msg: 'done' },
    ]);
  });

  it('calls back with the job data as JSON, the token secret and every dataset field', async () => {
    const fake = await start();
    const cb = await receiver();
    const notify = {
      criteria: { status: 'finished' },
      callbacks: [
        {
          url: `${cb.base}/lava/{ID}?status={STATUS}`,
          method: 'POST',
          dataset: 'all',
          'content-type': 'json',
          token: 'kci-callback',
        },
      ],
    };
    const id = await submit(fake, definition(notify));
    const status = await fake.completeJob(id, {
      health: 'Incomplete',
      failureComment: 'kernel panic',
      results: {
        lava: [
          { name: 'job', result: 'fail', metadata: { error_type: 'Test', error_msg: 'boom' } },
        ],
        '0_ltp-smoke': [
          { name: 'access01', result: 'pass' },
          { name: 'chdir01', result: 'fail' },
        ],
        '1_raw': '- {name: x, result: skip}\n',
      },
    });
    expect(status).toBe(202);
    expect(cb.received).toHaveLength(1);
    const [sent] = cb.received;
    expect(sent?.url).toBe(`/lava/${id}?status=3`);
    expect(sent?.headers.authorization).toBe('callback-secret-value');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toMatch(/^\{"id": \d+, "status": 3, "status_string": "incomplete", /);
    const body = JSON.parse(sent?.body ?? '') as Record<string, unknown>;
    expect(body).toMatchObject({
      id,
      status: 3,
      status_string: 'incomplete',
      state: 5,
      state_string: 'Finished',
      health: 2,
      health_string: 'Incomplete',
      submitter_username: 'kci-bridge',
      failure_comment: 'kernel panic',
      priority: 50,
      description: 'kci-bridge boot riscv',
      actual_device_id: 'qemu-01',
      metadata: [{ run_id: 'run-42' }, { attempt: '1' }],
      health_check: false,
    });
    expect(body).not.toHaveProperty('token');
    expect(String(body.end_time)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(parseYaml(String(body.definition))).toMatchObject({ job_name: 'kci-bridge boot riscv' });
    expect(parseYaml(String(body.log))).toEqual(
      expect.arrayContaining([expect.objectContaining({ lvl: 'target' })]),
    );
    const results = body.results as Record<string, string>;
    expect(Object.keys(results)).toEqual(['lava', '0_ltp-smoke', '1_raw']);
    expect(parseYaml(results['0_ltp-smoke'] ?? '')).toEqual([
      expect.objectContaining({
        name: 'access01',
        result: 'pass',
        suite: '0_ltp-smoke',
        job: String(id),
      }),
      expect.objectContaining({ name: 'chdir01', result: 'fail' }),
    ]);
    expect(parseYaml(results.lava ?? '')).toEqual([
      expect.objectContaining({ name: 'job', metadata: { error_type: 'Test', error_msg: 'boom' } }),
    ]);
    expect(results['1_raw']).toBe('- {name: x, result: skip}\n');
    expect(fake.callbacks[0]).toMatchObject({
      jobId: id,
      status: 202,
      tokenDescription: 'kci-callback',
    });
  });

  it('sends the description itself when no token has it, in the header the job names', async () => {
    const fake = await start();
    const cb = await receiver(200);
    const notify = {
      criteria: { status: 'finished' },
      callback: {
        url: `${cb.base}/cb`,
        method: 'POST',
        dataset: 'minimal',
        'content-type': 'json',
        token: 'kci-calback',
        header: 'X-Lab-Token',
      },
    };
    const id = await submit(fake, definition(notify));
    expect(await fake.completeJob(id, { health: 'Complete' })).toBe(200);
    const [sent] = cb.received;
    expect(sent?.headers['x-lab-token']).toBe('kci-calback');
    expect(sent?.headers).not.toHaveProperty('authorization');
    const body = JSON.parse(sent?.body ?? '') as Record<string, unknown>;
    expect(body).toMatchObject({ status: 2, health_string: 'Complete' });
    expect(body).not.toHaveProperty('log');
    expect(body).not.toHaveProperty('results');
  });

  it('sends urlencoded bodies as lossy as requests makes them', async () => {
    const fake = await start();
    const cb = await receiver();
    const notify = {
      criteria: { status: 'finished' },
      callback: { url: `${cb.base}/cb`, method: 'POST', dataset: 'results', token: 'kci-callback' },
    };
    const id = await submit(fake, definition(notify));
    await fake.completeJob(id, {
      health: 'Complete',
      results: { '0_boot': [{ name: 'login', result: 'pass' }] },
    });
    const [sent] = cb.received;
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(sent?.body);
    expect(form.get('results')).toBe('0_boot');
    expect(form.getAll('metadata')).toEqual(['run_id', 'attempt']);
    expect(form.get('health_check')).toBe('False');
    expect(form.get('status')).toBe('2');
    expect(form.has('failure_comment')).toBe(false);
  });

  it('honours criteria: running on start, a health that did not happen sends nothing', async () => {
    const fake = await start();
    const cb = await receiver();
    const running = await submit(
      fake,
      definition({
        criteria: { status: 'running' },
        callback: { url: `${cb.base}/r`, method: 'POST', 'content-type': 'json' },
      }),
    );
    expect(await fake.startJob(running)).toBe(202);
    expect(JSON.parse(cb.received[0]?.body ?? '')).toMatchObject({
      state_string: 'Running',
      status: 1,
      end_time: 'None',
    });
    expect(await fake.completeJob(running, { health: 'Complete' })).toBeUndefined();

    const complete = await submit(
      fake,
      definition({
        criteria: { status: 'complete' },
        callback: { url: `${cb.base}/c`, method: 'POST' },
      }),
    );
    expect(await fake.completeJob(complete, { health: 'Incomplete' })).toBeUndefined();
    const skipped = await submit(
      fake,
      definition({
        criteria: { status: 'finished' },
        callback: { url: `${cb.base}/s`, method: 'POST' },
      }),
    );
    expect(
      await fake.completeJob(skipped, { health: 'Complete', skipCallback: true }),
    ).toBeUndefined();
    expect(cb.received).toHaveLength(1);
  });

  it('sends a bare GET with neither body nor token for method GET', async () => {
    const fake = await start();
    const cb = await receiver();
    const id = await submit(
      fake,
      definition({
        criteria: { status: 'finished' },
        callback: { url: `${cb.base}/g/{ID}`, token: 'kci-callback' },
      }),
    );
    await fake.completeJob(id, { health: 'Canceled' });
    expect(cb.received[0]).toMatchObject({ method: 'GET', url: `/g/${id}`, body: '' });
    expect(cb.received[0]?.headers).not.toHaveProperty('authorization');
    expect(fake.job(id)).toMatchObject({
      health: 'Canceled',
      startTime: undefined,
      actualDevice: null,
    });
  });

  it('plays scripted submission failures, then the real behaviour', async () => {
    const fake = await start();
    fake.failNext(500);
    fake.failNext(429, 1, { retryAfterSeconds: 5 });
    fake.failNext(503);
    const body = JSON.stringify({ definition: definition(undefined) });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await call(fake, '/api/v0.2/jobs/', { body }));
    expect(answers.map((a) => a.status)).toEqual([500, 429, 503, 201]);
    expect(answers[0]?.text).toContain('Server Error (500)');
    expect(answers[1]?.headers.get('retry-after')).toBe('5');
    expect(answers[1]?.json.detail).toMatch(/throttled/);
    expect(fake.requests.map((r) => r.failure?.status)).toEqual([500, 429, 503, undefined]);
    expect(fake.pendingFailures()).toBe(0);
  });
});
