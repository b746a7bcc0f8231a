import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bridgeAccepted,
  FakeGateway,
  problem,
  SUBMISSION_ID,
  view,
} from '../../test/fake-gateway.js';
import { cleanScratch, cli, scratchDir, vectorArgs, VECTOR } from '../../test/harness.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const gateway = new FakeGateway();
beforeAll(() => gateway.start());
afterAll(async () => {
  await gateway.stop();
  cleanScratch();
});
beforeEach(() => gateway.reset());

const TOKEN = 's3cret-bridge-token';
const follow = () => `${gateway.base}/api/v1/submissions/${SUBMISSION_ID}`;
const via = (...extra: string[]) => [...vectorArgs(), '--via', gateway.base, ...extra];
const withToken = { env: { KCI_BRIDGE_TOKEN: TOKEN } };

describe('--via: through a kci-bridge gateway', () => {
  it('POSTs the validated report to /api/v1/kcidb/submit with the bridge token, and says how to follow it', async () => {
    const { code, stdout, stderr } = await cli(via(), withToken);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(gateway.submissions).toHaveLength(1);
    const [request] = gateway.submissions;
    expect(request?.url).toBe('/api/v1/kcidb/submit');
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`);
    const report = JSON.parse(request?.body ?? '{}') as {
      checkouts: Array<{ id: string }>;
      builds: Array<{ id: string }>;
    };
    expect(report.checkouts[0]?.id).toBe(VECTOR.checkoutId);
    expect(report.builds[0]?.id).toBe(VECTOR.buildId);
    expect(stdout).toBe(
      [
        `checkout    ${VECTOR.checkoutId}`,
        `build       ${VECTOR.buildId}`,
        `submission  ${SUBMISSION_ID}`,
        `the kci-bridge gateway accepted the report and queued 2 objects for KCIDB (${gateway.base})`,
        `follow it:  ${follow()}`,
        '',
      ].join('\n'),
    );
  });

  it('needs no KCIDB credentials, and takes the base URL with a trailing / or /api/v1', async () => {
    for (const base of [`${gateway.base}/`, `${gateway.base}/api/v1`]) {
      gateway.reset();
      const { code } = await cli([...vectorArgs(), '--via', base]);
      expect(code).toBe(0);
      expect(gateway.submissions[0]?.url).toBe('/api/v1/kcidb/submit');
      // No token anywhere: none is sent (the gateway does not check tokens yet).
      expect(gateway.submissions[0]?.authorization).toBeUndefined();
    }
  });

  it("reads the token from the kci-dev config instance's kci_bridge_token", async () => {
    const dir = scratchDir();
    writeFileSync(
      join(dir, '.kci-dev.toml'),
      `default_instance = "local"\n\n[local]\nkci_bridge_token = "${TOKEN}"\n`,
    );
    const { code, stderr } = await cli(via('--verbose'), { cwd: dir });
    expect(code).toBe(0);
    expect(gateway.submissions[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(stderr).toContain('token from');
    expect(stderr).toContain('[local] kci_bridge_token');
  });

  it('sends --from-json byte for byte', async () => {
    const file = resolve(
      import.meta.dirname,
      '../../fixtures/kcidb-samples/kci-dev-submit-build-dry-run-v5.3.json',
    );
    const { code } = await cli([
      ...['submit', 'build', '--from-json', file, '--via', gateway.base],
    ]);
    expect(code).toBe(0);
    expect(gateway.submissions[0]?.body).toBe(readFileSync(file, 'utf8'));
  });

  it('sends tests too', async () => {
    const { code, stdout } = await cli([
      ...['submit', 'tests', '--origin', 'myci', '--build-id', VECTOR.buildId, '--test-uid', '1'],
      ...['--path', 'boot', '--status', 'PASS', '--via', gateway.base],
    ]);
    expect(code).toBe(0);
    const sent = JSON.parse(gateway.submissions[0]?.body ?? '{}') as { tests: unknown[] };
    expect(sent.tests).toHaveLength(1);
    expect(stdout).toContain('report      1 test\n');
  });

  it('--wait polls the submission until KCIDB has every object', async () => {
    gateway.onView(
      problem(404, 'not_found', 'No submission is known'),
      view(SUBMISSION_ID, 'submitting', { pending: 2 }),
      view(SUBMISSION_ID, 'submitting', { posted: 1, submitted: 1 }),
      view(SUBMISSION_ID, 'submitted', { submitted: 2 }),
    );
    const { code, stdout, stderr, sleeps } = await cli(via('--wait', '60'));
    expect(code).toBe(0);
    expect(gateway.seen.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual(
      Array(4).fill(`/api/v1/submissions/${SUBMISSION_ID}`),
    );
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(stderr).toBe(
      [
        `submission ${SUBMISSION_ID}: not recorded by the submitter yet after 0 s`,
        `submission ${SUBMISSION_ID}: submitting (0 of 2 objects in KCIDB) after 1 s`,
        `submission ${SUBMISSION_ID}: submitting (1 of 2 objects in KCIDB) after 3 s`,
        '',
      ].join('\n'),
    );
    expect(stdout).toContain('KCIDB has every object (state submitted)\n');
  });

  it('--wait exits 1 with the reasons when objects end up dead', async () => {
    gateway.onView(
      view(SUBMISSION_ID, 'partially_failed', { submitted: 1, dead: 1 }, [
        { id: VECTOR.checkoutId, kind: 'checkouts', state: 'submitted', attempts: 1 },
        {
          id: VECTOR.buildId,
          kind: 'builds',
          state: 'dead',
          attempts: 3,
          reason: 'KCIDB refused the report (HTTP 400): bad build',
        },
      ]),
    );
    const { code, stderr } = await cli(via('--wait', '60'));
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        'error: the gateway could not deliver 1 object to KCIDB (state partially_failed)',
        `  builds ${VECTOR.buildId}: KCIDB refused the report (HTTP 400): bad build`,
        '',
      ].join('\n'),
    );
  });

  it('--wait that runs out still exits 0, and says where the submission is', async () => {
    gateway.onView(view(SUBMISSION_ID, 'submitting', { pending: 2 }));
    const { code, stdout } = await cli(via('--wait', '5'));
    expect(code).toBe(0);
    expect(stdout).toContain(
      'KCIDB does not have every object yet: submitting (0 of 2 objects in KCIDB)',
    );
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await cli(['--json', ...via('--wait', '10')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      attempts: 1,
      build_id: VECTOR.buildId,
      checkout_id: VECTOR.checkoutId,
      counts: { dead: 0, pending: 0, posted: 0, submitted: 2 },
      follow: follow(),
      objects: 2,
      result: 'submitted',
      state: 'submitted',
      submission_id: SUBMISSION_ID,
      via: gateway.base,
    });
  });
});

describe('--via: failures', () => {
  it('retries 503 (the bridge lost NATS) and 429, then succeeds', async () => {
    gateway.onSubmit(
      problem(503, 'messaging_unavailable', 'Messaging is unavailable, retry shortly.'),
      problem(429, 'too_many', 'slow down', undefined, { 'Retry-After': '7' }),
      bridgeAccepted(SUBMISSION_ID, 2),
    );
    const { code, stderr, sleeps } = await cli(via());
    expect(code).toBe(0);
    expect(gateway.submissions).toHaveLength(3);
    expect(sleeps).toEqual([750, 7000]);
    expect(stderr).toContain(
      'the gateway answered HTTP 503: Messaging is unavailable, retry shortly.; retry 1 of 5 in 0.8 s',
    );
  });

  it('gives up with exit 3 after --retries', async () => {
    gateway.onSubmit(problem(503, 'messaging_unavailable', 'down'));
    const { code, stderr } = await cli(via('--retries', '2'));
    expect(code).toBe(3);
    expect(gateway.submissions).toHaveLength(3);
    expect(stderr).toContain(
      'error: gave up after 3 attempts: the gateway answered HTTP 503: down',
    );
  });

  it('exits 3 when nothing listens', async () => {
    const closed = await closedPort();
    const { code, stderr } = await cli([
      ...vectorArgs(),
      ...['--via', `http://127.0.0.1:${closed}`, '--retries', '1'],
    ]);
    expect(code).toBe(3);
    expect(stderr).toContain(
      `could not reach the gateway at http://127.0.0.1:${closed}/api/v1/kcidb/submit: ECONNREFUSED`,
    );
  });

  it('prints every field error of a 422 and exits 1', async () => {
    gateway.onSubmit(
      problem(422, 'invalid_fields', 'the report is not valid KCIDB v5.3 (1 error(s))', [
        { field: '/builds/0/architecture', message: 'builds[0].architecture must be ...' },
      ]),
    );
    const { code, stderr } = await cli(via());
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        'error: the gateway refused the report (HTTP 422): the report is not valid KCIDB v5.3 (1 error(s))',
        'error /builds/0/architecture: builds[0].architecture must be ...',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [413, 'body_too_large', 1, /too large \(HTTP 413\); split it/],
    [401, 'unauthorized', 4, /refused the token \(HTTP 401\)[\s\S]*KCI_BRIDGE_TOKEN/],
    [403, 'forbidden', 4, /refused the token \(HTTP 403\)/],
  ])('HTTP %i (%s) exits %i', async (status, codeName, exit, message) => {
    gateway.onSubmit(problem(status, codeName, 'no'));
    const { code, stderr } = await cli(via(), withToken);
    expect(code).toBe(exit);
    expect(gateway.submissions).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('says so when --via is not a gateway (404)', async () => {
    const { code, stderr } = await cli([...vectorArgs(), '--via', `${gateway.base}/nothing`]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no kci-bridge gateway answers at .*\/nothing\/api\/v1\/kcidb\/submit/);
  });

  it('never sends an invalid report', async () => {
    const { code } = await cli([...vectorArgs(), '--arch', 'X86-64', '--via', gateway.base]);
    expect(code).toBe(1);
    expect(gateway.seen).toHaveLength(0);
  });

  it.each([
    [['--kcidb-rest', 'https://db.example.org'], /cannot be combined with --kcidb-rest/],
    [['--kcidb-token', 's3cret-flag-token'], /cannot be combined with --kcidb-token/],
  ])('refuses KCIDB target options with --via: %j', async (extra, message) => {
    const { code, stderr } = await cli(via(...extra));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(gateway.seen).toHaveLength(0);
  });

  it.each([
    ['ftp://bridge.example.org', /expected an https:\/\/ \(or http:\/\/\) URL/],
    ['https://s3cret-bridge-token@bridge.example.org', /put the token in KCI_BRIDGE_TOKEN/],
    ['https://bridge.example.org/?x=1', /without a query/],
    ['bridge', /expected the http\(s\) URL of a kci-bridge gateway/],
  ])('refuses --via %s', async (url, message) => {
    const { code, stderr } = await cli([...vectorArgs(), '--via', url]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
