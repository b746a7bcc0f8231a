import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { isolatedStackEnv, isolation, QUICK_DELIVERY } from '../support/isolation.js';
import { Stack, until } from './stack.js';
import { validateUpstream } from './upstream-schema.js';

const iso = isolation('e2e_submit');
let fake: FakeKcidb;
let stack: Stack;

const STATUSES = ['PASS', 'FAIL', 'SKIP', 'ERROR', 'MISS', 'DONE'] as const;

interface SubmissionView {
  id: string;
  state: string;
  objects: Record<string, number>;
  items: Array<{ id: string; state: string; reason?: string }>;
}

function body(uid: string, n: number, build = 'maestro:681b69099ae9711e9ed49766') {
  return {
    test_uid: uid,
    build_id: build,
    device: 'qemu-riscv64',
    runtime: 'GitHub Actions',
    tests: Array.from({ length: n }, (_, i) => ({
      test_name: `case ${i}/sub`,
      test_collection: i % 2 === 0 ? 'ltp.syscalls' : 'kselftest',
      result: STATUSES[i % STATUSES.length]?.toLowerCase(),
      logs: `log of case ${i}\n`,
    })),
  };
}

async function post(
  path: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(stack.api(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.headers(), ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

/**
 * A POST that reads the answer even when the server answers early and closes while the body is
 * still being written (as the gateway does for a body over its limit): fetch reports EPIPE then.
 */
/**
 * POSTs like curl does a large body: headers first, the body only if no answer came within a few
 * seconds. A server refusing by Content-Length (413) answers at once and closes the connection;
 * a client already writing the body can then lose that answer to the reset (EPIPE), a race.
 */
function rawPost(path: string, payload: string): Promise<{ status: number; body: string }> {
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      stack.api(path),
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...stack.headers(),
        },
      },
      (res) => {
        clearTimeout(sendBody);
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
      },
    );
    const sendBody = setTimeout(() => req.end(payload), 5_000);
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(sendBody);
      if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
      else resolveAnswer({ status: 0, body: `connection ${e.code} before an answer` });
    });
    req.flushHeaders();
  });
}

async function submit(payload: unknown): Promise<string> {
  const res = await post('/tests/submit', payload);
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function view(id: string): Promise<SubmissionView | undefined> {
  const res = await fetch(stack.api(`/submissions/${id}`), { headers: stack.headers() });
  return res.status === 200 ? ((await res.json()) as SubmissionView) : undefined;
}

const settled = (id: string, pred: (v: SubmissionView) => boolean, timeoutMs = 30_000) =>
  until(
    async () => {
      const v = await view(id);
      return v && pred(v) ? v : undefined;
    },
    timeoutMs,
    `submission ${id} to settle`,
  );

beforeAll(async () => {
  fake = await FakeKcidb.start({ validate: (doc) => validateUpstream(doc) });
  stack = await Stack.start({
    ...isolatedStackEnv(iso, fake.restUrl, 'kci_e2e'),
    ...QUICK_DELIVERY,
    KCI_MAX_BODY_BYTES: '65536',
  });
});

afterAll(async () => {
  const code = await stack?.stop();
  await fake?.close();
  expect(code).toBe(0);
});

describe('the whole stack, started as a user starts it', () => {
  it('has five ready services', async () => {
    for (const s of [
      'gateway',
      'runner-orchestrator',
      'result-parser',
      'kcidb-submitter',
      'sync-scheduler',
    ] as const) {
      const res = await fetch(stack.url(s, '/health/ready'));
      expect(res.status, s).toBe(200);
    }
  });

  it('delivers 50 tests for a maestro build as valid v5.3 reports, and a repeat adds no KCIDB id', async () => {
    const payload = body('e2e-fifty', 50);
    const id = await submit(payload);
    const done = await settled(id, (v) => v.objects['submitted'] === 50);
    expect(done.state).toBe('submitted');

    const reports = fake.submissions.filter((s) =>
      JSON.stringify(s.document).includes('e2e-fifty'),
    );
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports)
      expect(validateUpstream(r.document), JSON.stringify(validateUpstream.errors)).toBe(true);
    const tests = fake
      .allTests({ processedOnly: true })
      .filter((t) => (t['misc'] as { test_uid?: string }).test_uid === 'e2e-fifty');
    expect(tests).toHaveLength(50);
    for (let i = 0; i < 50; i++) {
      const path = `${i % 2 === 0 ? 'ltp.syscalls' : 'kselftest'}.case_${i}_sub`;
      const t = tests.find((x) => x['path'] === path);
      expect(t, path).toMatchObject({
        origin: 'kci_e2e',
        build_id: 'maestro:681b69099ae9711e9ed49766',
        status: STATUSES[i % STATUSES.length],
        log_excerpt: `log of case ${i}\n`,
      });
    }

    const idsBefore = fake.receivedObjectIds('tests');
    const again = await submit(payload);
    await settled(again, (v) => v.objects['submitted'] === 50);
    expect(fake.receivedObjectIds('tests')).toEqual(idsBefore);
  });

  it('answers bad input with the documented 4xx and a message a person understands', async () => {
    const malformed = await post('/tests/submit', '{"test_uid": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await malformed.json()) as { detail: string }).detail).toMatch(/not valid JSON/);

    const wrongStatus = await post('/tests/submit', {
      ...body('bad', 1),
      tests: [{ test_name: 'a', test_collection: 'ltp', result: 'PASSED' }],
    });
    expect(wrongStatus.status).toBe(422);
    expect(await wrongStatus.json()).toMatchObject({
      errors: [
        {
          field: 'tests[0].result',
          message: 'result must be one of FAIL, ERROR, MISS, PASS, DONE, SKIP (any case)',
        },
      ],
    });

    const missing = await post('/tests/submit', {
      test_uid: 'x',
      tests: [{ test_name: 'a', test_collection: 'ltp', result: 'pass' }],
    });
    expect(missing.status).toBe(422);
    expect(
      ((await missing.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
    ).toEqual(['build_id']);

    const oversize = await post('/tests/submit', {
      ...body('big', 1),
      tests: [{ test_name: 'a', test_collection: 'c', result: 'PASS', logs: 'x'.repeat(70_000) }],
    });
    expect(oversize.status).toBe(413);
    expect(((await oversize.json()) as { code: string }).code).toBe('body_too_large');
  });

  it('refuses a 10 MB body and a 100,000-test submission with 413, accepting nothing', async () => {
    const before = fake.postCount();
    const huge = await rawPost(
      '/tests/submit',
      JSON.stringify({
        ...body('huge', 1),
        tests: [
          {
            test_name: 'a',
            test_collection: 'c',
            result: 'PASS',
            logs: 'x'.repeat(10 * 1024 * 1024),
          },
        ],
      }),
    );
    expect(huge.status, huge.body).toBe(413);
    const many = await rawPost('/tests/submit', JSON.stringify(body('many', 100_000)));
    expect(many.status, many.body).toBe(413);
    expect((JSON.parse(many.body) as { code: string }).code).toBe('body_too_large');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.postCount()).toBe(before);
  });

  it('loses nothing while KCIDB answers 500 for a while', async () => {
    fake.failFor({ status: 500 }, 4);
    const id = await submit(body('e2e-outage', 20));
    const v = await settled(id, (x) => x.objects['submitted'] === 20);
    expect(v.objects['dead']).toBe(0);
    expect(fake.requests.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(4);
  });

  it('shows the reason when KCIDB rejects a report (400) or fails it at /status', async () => {
    fake.script({ status: 400, message: 'EOF while parsing an object' });
    const rejected = await submit(body('e2e-rejected', 3, 'maestro:rejected'));
    const r = await settled(rejected, (x) => x.objects['dead'] === 3);
    expect(r.state).toBe('failed');
    expect(r.items[0]?.reason).toMatch(/HTTP 400.*EOF while parsing an object/);

    fake.script({ statusResult: 'failed' });
    const failed = await submit(body('e2e-failed', 3, 'maestro:failed'));
    const f = await settled(failed, (x) => x.objects['dead'] === 3);
    expect(f.items[0]?.reason).toMatch(/\/status: failed/);
  });

  it('lists dead letters with the KCIDB response, and a retry after the fix delivers the objects', async () => {
    fake.script({ status: 400, message: 'malformed report, fixed upstream since' });
    const id = await submit(body('e2e-dlq', 2, 'maestro:dlq'));
    await settled(id, (x) => x.objects['dead'] === 2);
    const list = await fetch(stack.api('/dead-letters?pending=true'), { headers: stack.headers() });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as {
      items: Array<{
        id: string;
        source: string;
        reason: string;
        response: string | null;
        objectIds: string[];
      }>;
    };
    const dl = items.find((d) => d.response?.includes('fixed upstream since'));
    expect(dl).toMatchObject({ source: 'report', reason: expect.stringMatching(/HTTP 400/) });
    expect(dl?.objectIds).toHaveLength(2);
    const retry = await fetch(stack.api(`/dead-letters/${dl?.id ?? ''}/retry`), {
      method: 'POST',
      headers: stack.headers(),
    });
    expect(retry.status).toBe(202);
    await settled(id, (x) => x.objects['submitted'] === 2);
  });

  it('on 401 dead-letters nothing and says why in readiness, then delivers once KCIDB accepts the token', async () => {
    fake.setMode({ status: 401 });
    const id = await submit(body('e2e-creds', 5, 'maestro:creds'));
    const ready = await until(async () => {
      const res = await fetch(stack.url('kcidb-submitter', '/health/ready'));
      return res.status === 503
        ? ((await res.json()) as { problems: Record<string, string> })
        : undefined;
    });
    expect(ready.problems['kcidb']).toMatch(/credentials.*401/);
    expect((await view(id))?.objects['dead']).toBe(0);
    fake.setMode(undefined);
    await settled(id, (x) => x.objects['submitted'] === 5);
  });

  it('loses nothing when the submitter is SIGKILLed in the middle of a batch', async () => {
    fake.setMode({ hangMs: 3_000 });
    const id = await submit(body('e2e-kill', 40, 'maestro:kill'));
    await until(
      () => fake.requests.some((r) => r.step !== undefined && 'hangMs' in r.step),
      20_000,
      'a hanging POST',
    );
    const victim = stack.pid('kcidb-submitter');
    process.kill(victim, 'SIGKILL');
    fake.setMode(undefined);
    await until(
      () => {
        try {
          return stack.pid('kcidb-submitter') !== victim;
        } catch {
          return false;
        }
      },
      20_000,
      'the supervisor to restart the submitter',
    );
    const v = await settled(id, (x) => x.objects['submitted'] === 40, 40_000);
    expect(v.objects['dead']).toBe(0);
    const got = fake.receivedObjectIds('tests', { processedOnly: true });
    for (const item of v.items) expect(got.has(item.id)).toBe(true);
  });

  it('exposes Prometheus metrics on every service', async () => {
    for (const svc of [
      'gateway',
      'runner-orchestrator',
      'result-parser',
      'kcidb-submitter',
      'sync-scheduler',
    ] as const) {
      const res = await fetch(stack.url(svc, '/metrics'));
      expect(res.status, svc).toBe(200);
      expect(await res.text(), svc).toMatch(/^kci_process_resident_memory_bytes /m);
    }
    const gateway = await (await fetch(stack.url('gateway', '/metrics'))).text();
    expect(gateway).toMatch(
      /kci_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/tests\/submit",status="202"\} \d+/,
    );
    const submitter = await (await fetch(stack.url('kcidb-submitter', '/metrics'))).text();
    expect(submitter).toMatch(/kci_outbox_objects\{state="submitted"\} \d+/);
    expect(submitter).toMatch(/kci_kcidb_submissions_total\{result="accepted"\} \d+/);
    const parser = await (await fetch(stack.url('result-parser', '/metrics'))).text();
    expect(parser).toMatch(
      /kci_events_handled_total\{type="results.submitted",outcome="ack"\} \d+/,
    );
    expect(submitter).toMatch(/kci_outbox_oldest_pending_seconds \d/);
    expect(submitter).toMatch(/kci_dead_letters \d/);
  });

  it('queues a ready-made KCIDB report through the outbox, and refuses an invalid one naming each error', async () => {
    const report = {
      version: { major: 5, minor: 3 },
      checkouts: [{ id: 'kci_e2e:ck-ready', origin: 'kci_e2e', git_commit_hash: '0'.repeat(40) }],
      builds: [
        {
          id: 'kci_e2e:b-ready',
          origin: 'kci_e2e',
          checkout_id: 'kci_e2e:ck-ready',
          start_time: '2026-11-23T10:00:00Z',
          status: 'PASS',
        },
      ],
    };
    const res = await post('/kcidb/submit', report);
    expect(res.status).toBe(202);
    const { id, objects } = (await res.json()) as { id: string; objects: number };
    expect(objects).toBe(2);
    await settled(id, (x) => x.objects['submitted'] === 2);
    expect(fake.receivedObjectIds('builds').has('kci_e2e:b-ready')).toBe(true);

    const bad = await post('/kcidb/submit', {
      ...report,
      builds: [{ ...report.builds[0], status: 'GREEN' }],
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/builds\/0\/status/);
  });

  it('accepts sync requests', async () => {
    for (const scope of ['results', 'builds']) {
      const res = await post(`/sync/${scope}`, '');
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ status: 'accepted', scope });
    }
  });
});
