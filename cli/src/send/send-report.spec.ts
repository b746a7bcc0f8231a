import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeKcidb } from '../../../test/fakes/kcidb/fake-kcidb.js';
import {
  cleanScratch,
  cli,
  kcidbRest,
  startKcidb,
  VECTOR,
  vectorArgs,
} from '../../test/harness.js';
import { retryDelayMs } from './send-report.js';

let kcidb: FakeKcidb;
const TOKEN = 's3cret-env-token';
let env: Record<string, string>;

beforeAll(async () => {
  kcidb = await startKcidb();
});
afterAll(async () => {
  await kcidb.close();
  cleanScratch();
});
beforeEach(() => {
  kcidb.reset();
  env = { KCIDB_REST: kcidbRest(kcidb, TOKEN) };
});

const submit = (...extra: string[]) =>
  cli([...vectorArgs(), '--status', 'PASS', ...extra], { env });
/** The id KCIDB gave the (only) accepted submission. */
const submissionId = (): string => kcidb.submissions[0]?.id ?? '(none accepted)';
const posts = () => kcidb.requests.filter((r) => r.method === 'POST');

describe('sending to KCIDB', () => {
  it('POSTs the report once with the Bearer token and prints the ids and submission id', async () => {
    const result = await submit();
    expect(result.code).toBe(0);
    expect(kcidb.requests).toHaveLength(1);
    const [request] = kcidb.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/submit',
      search: '',
      headers: { authorization: `Bearer ${TOKEN}` },
      status: 200,
    });
    const sent = JSON.parse(request?.body ?? '') as { builds: { id: string }[] };
    expect(sent.builds[0]?.id).toBe(VECTOR.buildId);
    expect(submissionId()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(result.stdout).toContain(`checkout    ${VECTOR.checkoutId}`);
    expect(result.stdout).toContain(`build       ${VECTOR.buildId}`);
    expect(result.stdout).toContain(`submission  ${submissionId()}`);
    expect(result.stdout).toContain(`kci-bridge status ${submissionId()}`);
  });

  it('with --wait, polls /status until processed', async () => {
    kcidb.scriptStatus('ready', 'ready', 'processed');
    const result = await submit('--wait', '60');
    expect(result.code).toBe(0);
    const id = submissionId();
    expect(kcidb.requests.map((r) => `${r.method} ${r.path}${r.search}`)).toEqual([
      'POST /submit',
      `GET /status?id=${id}`,
      `GET /status?id=${id}`,
      `GET /status?id=${id}`,
    ]);
    expect(result.stdout).toContain('KCIDB accepted and processed the report');
    expect(result.stderr).toContain(`submission ${id}: ready after`);
  });

  it('exits 1 when KCIDB fails to ingest the submission', async () => {
    kcidb.scriptStatus('failed');
    const result = await submit('--wait', '60');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed to ingest it/);
  });

  it('exits 0 and says so when --wait runs out before processing', async () => {
    // Nothing ingests: the fake holds it ready until told otherwise.
    const result = await submit('--wait', '20');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('has not processed it yet (ready)');
    // Polls back off 1, 2, 4, 8 s, then the last 5 s of the 20.
    expect(result.sleeps).toEqual([1000, 2000, 4000, 8000, 5000]);
  });

  it('retries a 500 with backoff and succeeds', async () => {
    kcidb.script({ status: 500 });
    const result = await submit();
    expect(result.code).toBe(0);
    expect(posts().map((r) => r.status)).toEqual([500, 200]);
    expect(posts()[0]?.body).toBe(posts()[1]?.body);
    expect(result.sleeps).toEqual([750]);
    expect(result.stderr).toContain(
      'KCIDB answered HTTP 500: Internal server error; retry 1 of 5 in 0.8 s',
    );
    expect(result.stdout).toContain(`submission  ${submissionId()}`);
  });

  it("waits as long as a 503's Retry-After says", async () => {
    kcidb.script({ status: 503, retryAfterSeconds: 7, message: 'busy' });
    const result = await submit();
    expect(result.code).toBe(0);
    expect(result.sleeps).toEqual([7000]);
  });

  it('gives up after --retries with exit 4', async () => {
    kcidb.setMode({ status: 502, message: 'Bad gateway' });
    const result = await submit('--retries', '2');
    expect(result.code).toBe(3);
    expect(kcidb.postCount()).toBe(3);
    expect(result.sleeps).toEqual([750, 1500]);
    expect(result.stderr).toMatch(
      /error: gave up after 3 attempts: KCIDB answered HTTP 502: Bad gateway/,
    );
  });

  it('exits 4 when KCIDB cannot be reached', async () => {
    const port = await closedPort();
    const result = await cli([...vectorArgs(), '--retries', '1'], {
      env: { KCIDB_REST: `http://${TOKEN}@127.0.0.1:${port}` },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/could not reach KCIDB: ECONNREFUSED/);
  });

  it('exits 3 with a hint on 401, without retrying', async () => {
    kcidb.script({ status: 401, message: 'Missing or invalid JWT (Bearer)' });
    const result = await submit();
    expect(result.code).toBe(4);
    expect(kcidb.postCount()).toBe(1);
    expect(result.stderr).toContain(
      'KCIDB refused the token (HTTP 401): Missing or invalid JWT (Bearer)',
    );
    expect(result.stderr).toContain('hint: check the token');
    // And a token the receiver never signed, refused by its own check.
    kcidb.reset();
    const stranger = await cli(vectorArgs(), {
      env: { KCIDB_REST: kcidbRest(kcidb, 'not.signed.here') },
    });
    expect(stranger.code).toBe(4);
    expect(kcidb.postCount()).toBe(1);
    expect(stranger.stderr).toContain('KCIDB refused the token (HTTP 401): InvalidSignature');
  });

  it("exits 1 on 400 and prints KCIDB's answer", async () => {
    kcidb.script({ status: 400 });
    const result = await submit();
    expect(result.code).toBe(1);
    expect(kcidb.postCount()).toBe(1);
    expect(result.stderr).toContain(
      'KCIDB refused the report (HTTP 400): expected value at line 1 column 1',
    );
    expect(result.stderr).toContain('KCIDB answered: {"id":"0","status":"error"');
  });

  it('exits 1 on 413 with advice to split', async () => {
    kcidb.script({ status: 413 });
    const result = await submit();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/too large \(HTTP 413\)/);
  });

  it('prints machine-readable results with --json', async () => {
    const ok = await cli(['--json', ...vectorArgs()], { env });
    expect(JSON.parse(ok.stdout)).toEqual({
      attempts: 1,
      build_id: VECTOR.buildId,
      checkout_id: VECTOR.checkoutId,
      result: 'accepted',
      submission_id: submissionId(),
      target: `${kcidb.url}/submit`,
    });
    kcidb.script({ status: 400, message: 'nope' });
    const refused = await cli([...vectorArgs(), '--json'], { env });
    expect(JSON.parse(refused.stdout)).toMatchObject({ result: 'rejected', http_status: 400 });
    expect(refused.code).toBe(1);
  });

  it('sends a --from-json report exactly as written', async () => {
    const file = resolve(
      import.meta.dirname,
      '../../fixtures/kcidb-samples/kcidb-test_db-comprehensive-v5.3.json',
    );
    const result = await cli(['submit', 'build', '--from-json', file], { env });
    expect(result.code).toBe(0);
    expect(posts()[0]?.body).toBe(readFileSync(file, 'utf8'));
    expect(result.stdout).toContain('report      1 checkout, 1 build, 1 test, 1 issue, 1 incident');
  });

  it('sends nothing for an invalid --from-json report', async () => {
    const file = join(
      import.meta.dirname,
      '../../fixtures/kcidb-samples/kcidb-test_monitor-cki-v4.0.json',
    );
    const result = await cli(['submit', 'build', '--from-json', file], { env });
    expect(result.code).toBe(1);
    expect(kcidb.requests).toHaveLength(0);
  });
});

describe('kci-bridge status', () => {
  it('reports a processed submission (exit 0) and a failed one (exit 1)', async () => {
    expect((await submit()).code).toBe(0);
    const id = submissionId();
    kcidb.processPending();
    const processed = await cli(['status', id], { env });
    expect(processed.code).toBe(0);
    expect(processed.stdout).toBe(`submission ${id}: processed (ingested into KCIDB)\n`);
    kcidb.scriptStatus('failed');
    const failed = await cli(['status', id, '--json'], { env });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({ submission_id: id, state: 'failed' });
  });

  it('refuses an id KCIDB could not hold', async () => {
    const result = await cli(['status', '../etc'], { env });
    expect(result.code).toBe(2);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 1 s up to 30 s, jittered between half and all of it', () => {
    expect([1, 2, 3, 6, 10].map((n) => retryDelayMs(n, undefined, () => 1))).toEqual([
      1000, 2000, 4000, 30000, 30000,
    ]);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(500);
  });

  it('waits at least what Retry-After asks, up to 5 minutes', () => {
    expect(retryDelayMs(1, 10_000, () => 0)).toBe(10_000);
    expect(retryDelayMs(1, 3_600_000, () => 0)).toBe(300_000);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address !== null ? address.port : 9;
}
