import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { SubmitterSubmissionReplyV1, Topology } from '@kci-bridge/contracts';
import type { KcidbTest } from '@kci-bridge/kcidb';
import { EventPublisher, NatsLink, QueryClient } from '@kci-bridge/messaging';
import { Database, createLogger, runService } from '@kci-bridge/service-kit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakeKcidb } from '../../../../test/fakes/kcidb/fake-kcidb.js';
import { isolation } from '../../../../test/support/isolation.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/env.js';
import { OutboxService } from '../../src/outbox/outbox.service.js';

const iso = isolation('submitter');
const topology: Topology = { stream: iso.stream, prefix: iso.prefix };
let fake: FakeKcidb;
let app: NestFastifyApplication;
let link: NatsLink;
let publisher: EventPublisher;
let queries: QueryClient;
let baseUrl: string;

function tests(buildId: string, n: number, extra: Partial<KcidbTest> = {}): KcidbTest[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `kci_bridge:t-${buildId}-${i}`,
    origin: 'kci_bridge',
    build_id: `maestro:${buildId}`,
    path: `ltp.case${i}`,
    status: 'PASS',
    start_time: '2026-11-23T10:00:00Z',
    ...extra,
  }));
}

async function publishObjects(
  submissionId: string,
  list: KcidbTest[],
  eventId = `objects-${submissionId}`,
): Promise<void> {
  await publisher.publish(
    'objects.parsed',
    { submissionId, part: 0, parts: 1, objects: { tests: list } },
    { correlationId: submissionId, id: eventId },
  );
}

async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const describeSubmission = (id: string): Promise<SubmitterSubmissionReplyV1> =>
  queries.ask('submission.submitter', { submissionId: id });

beforeAll(async () => {
  fake = await FakeKcidb.start();
  const config = loadConfig({
    KCI_DATABASE_URL: inject('databaseUrl'),
    KCI_NATS_URL: inject('natsUrl'),
    KCI_DB_SCHEMA_PREFIX: iso.schemaPrefix,
    KCI_NATS_STREAM: iso.stream,
    KCI_SUBJECT_PREFIX: iso.prefix,
    KCI_HTTP_PORT: '0',
    KCIDB_REST: fake.restUrl,
    KCI_BATCH_MAX_AGE_MS: '50',
    KCI_BATCH_MAX_OBJECTS: '100',
    KCI_RETRY_BASE_MS: '100',
    KCI_RETRY_MAX_MS: '400',
    KCI_CREDENTIALS_RETRY_MS: '300',
    KCI_STATUS_POLL_MS: '50',
    KCI_STATUS_POLL_MAX_MS: '200',
    KCI_KCIDB_TIMEOUT_MS: '1000',
    KCI_LEASE_MS: '3000',
    KCI_LOG_LEVEL: 'silent',
  });
  const logger = createLogger('kcidb-submitter', 'silent');
  app = await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    consumer: { events: ['objects.parsed', 'sync.requested', 'deadletter.recorded'] },
  });
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  link = await NatsLink.connect({ url: inject('natsUrl'), name: 'submitter-test' });
  publisher = new EventPublisher(link, topology);
  queries = new QueryClient(link, topology);
});

afterAll(async () => {
  await app?.close();
  await link?.close();
  await fake?.close();
});

describe('kcidb-submitter against a KCIDB-compatible server', () => {
  it('batches objects into few reports, follows /status, and a redelivered event adds nothing', async () => {
    const list = tests('happy', 250);
    await publishObjects('s-happy', list);
    const summary = await until(async () => {
      const s = await describeSubmission('s-happy');
      return s.counts.submitted === 250 ? s : undefined;
    });
    expect(summary.counts).toEqual({ pending: 0, posted: 0, submitted: 250, dead: 0 });
    const received = fake.receivedObjectIds('tests');
    for (const t of list) expect(received.has(t.id)).toBe(true);
    const posts = fake.postCount();
    expect(posts).toBeLessThanOrEqual(4); // 100 objects per report at most
    await publishObjects('s-happy', list, 'objects-s-happy-redelivered');
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.postCount()).toBe(posts);
  });

  it('stores a batch of events in one transaction; an event the database refuses fails alone', async () => {
    const event = (submissionId: string, list: KcidbTest[]) => ({
      submissionId,
      part: 0,
      parts: 1,
      objects: { tests: list },
    });
    // PostgreSQL's jsonb refuses \u0000: that event's insert fails, and so the batch's.
    const results = await app
      .get(OutboxService)
      .store([
        event('s-batch-a', tests('batch-a', 3)),
        event('s-batch-bad', tests('batch-bad', 1, { comment: 'a NUL \u0000 byte' })),
        event('s-batch-b', tests('batch-b', 2)),
      ]);
    expect(results.map((r) => r === undefined)).toEqual([true, false, true]);
    expect(results[1]?.message).toMatch(/\\u0000|unicode|escape/i);
    await until(async () =>
      (await describeSubmission('s-batch-a')).counts.submitted === 3 &&
      (await describeSubmission('s-batch-b')).counts.submitted === 2
        ? true
        : undefined,
    );
    expect((await describeSubmission('s-batch-bad')).found).toBe(false);
  });

  it('keeps objects through a KCIDB outage (500, then 429 with Retry-After) and delivers them all after', async () => {
    fake.script(
      { status: 500 },
      { status: 500 },
      { status: 429, retryAfterSeconds: 1 },
      { status: 502 },
    );
    const list = tests('outage', 30);
    await publishObjects('s-outage', list);
    await until(async () =>
      (await describeSubmission('s-outage')).counts.submitted === 30 ? true : undefined,
    );
    const received = fake.receivedObjectIds('tests', { processedOnly: true });
    for (const t of list) expect(received.has(t.id)).toBe(true);
    const s = await describeSubmission('s-outage');
    expect(s.counts.dead).toBe(0);
  });

  it('dead-letters a report KCIDB rejects with 400, with the response as the reason', async () => {
    fake.script({ status: 400, message: 'expected value at line 1 column 1' });
    await publishObjects('s-reject', tests('reject', 5));
    const s = await until(async () => {
      const d = await describeSubmission('s-reject');
      return d.counts.dead === 5 ? d : undefined;
    });
    expect(s.objects[0]?.reason).toMatch(/KCIDB rejected the report \(HTTP 400\)/);
    expect(s.objects[0]?.reason).toMatch(/expected value at line 1 column 1/);
  });

  it('dead-letters a report that KCIDB fails at /status', async () => {
    fake.script({ statusResult: 'failed' });
    await publishObjects('s-failed', tests('failed', 4));
    const s = await until(async () => {
      const d = await describeSubmission('s-failed');
      return d.counts.dead === 4 ? d : undefined;
    });
    expect(s.objects[0]?.reason).toMatch(/\/status: failed/);
    expect(s.objects[0]?.kcidbSubmissionId).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('on 401 dead-letters nothing, reports not ready with the reason, and delivers once the token works', async () => {
    fake.setMode({ status: 401 });
    await publishObjects('s-creds', tests('creds', 6));
    const body = await until(async () => {
      const res = await fetch(`${baseUrl}/health/ready`);
      return res.status === 503
        ? ((await res.json()) as { problems: Record<string, string> })
        : undefined;
    });
    expect(body.problems['kcidb']).toMatch(/KCIDB refused the credentials: HTTP 401/);
    const held = await describeSubmission('s-creds');
    expect(held.counts.dead).toBe(0);
    expect(held.counts.pending).toBe(6);
    fake.setMode(undefined);
    await until(async () =>
      (await describeSubmission('s-creds')).counts.submitted === 6 ? true : undefined,
    );
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
  });

  it('dead-letters only the objects our validation refuses and sends the rest', async () => {
    const good = tests('mixed', 3);
    const bad = tests('mixed-bad', 1, { path: 'not a path' });
    await publishObjects('s-mixed', [...good, ...bad]);
    const s = await until(async () => {
      const d = await describeSubmission('s-mixed');
      return d.counts.submitted === 3 && d.counts.dead === 1 ? d : undefined;
    });
    const dead = s.objects.find((o) => o.state === 'dead');
    expect(dead?.id).toBe(bad[0]?.id);
    expect(dead?.reason).toMatch(/^invalid KCIDB object: .*path/);
    expect(fake.receivedObjectIds('tests').has(bad[0]?.id ?? '')).toBe(false);
  });

  it('splits a report KCIDB finds too large (413) and delivers every part', async () => {
    fake.script({ status: 413 });
    const list = tests('split', 8);
    await publishObjects('s-split', list);
    await until(async () =>
      (await describeSubmission('s-split')).counts.submitted === 8 ? true : undefined,
    );
    const sizes = fake.submissions
      .filter((x) => JSON.stringify(x.document).includes('t-split-'))
      .map((x) => (x.document as { tests?: unknown[] }).tests?.length ?? 0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  it('a sync request sends at once what was waiting out a long Retry-After', async () => {
    fake.script({ status: 429, retryAfterSeconds: 600 });
    await publishObjects('s-sync', tests('sync', 3));
    await until(async () => {
      const s = await describeSubmission('s-sync');
      return s.objects.every(
        (o) => o.state === 'pending' && o.attempts === 1 && o.reason !== undefined,
      ) && s.counts.pending === 3
        ? true
        : undefined;
    });
    await publisher.publish(
      'sync.requested',
      { scope: 'results', requestedBy: 'api' },
      { correlationId: 'sync-test' },
    );
    await until(
      async () => ((await describeSubmission('s-sync')).counts.submitted === 3 ? true : undefined),
      5_000,
    );
  });

  it('answers the status page: the newest submissions with their KCIDB state, and what waits with why', async () => {
    // Two events for one submission, then a second submission that KCIDB makes wait.
    await publishObjects('s-list-a', tests('list-a0', 2), 'objects-s-list-a-0');
    await publishObjects('s-list-a', tests('list-a1', 2), 'objects-s-list-a-1');
    await until(async () =>
      (await describeSubmission('s-list-a')).counts.submitted === 4 ? true : undefined,
    );
    fake.script({ status: 429, retryAfterSeconds: 600 });
    await publishObjects('s-list-b', tests('list-b', 2));
    const waiting = await until(async () => {
      const p = await queries.ask('outbox.pending', { limit: 500 });
      const mine = p.items.filter((o) => o.id.includes(':t-list-b-'));
      return mine.length === 2 && mine.every((o) => o.attempts === 1 && o.reason !== null)
        ? { counts: p.counts, mine }
        : undefined;
    });
    expect(waiting.counts.pending).toBeGreaterThanOrEqual(2);
    expect(waiting.mine[0]).toMatchObject({ kind: 'tests', state: 'pending' });
    expect(waiting.mine[0]?.reason).toMatch(/429/);
    expect(Date.parse(waiting.mine[0]?.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() + 60_000);

    // One of them as if KCIDB had taken it and not processed it yet (its report checked much later).
    const db = app.get(Database);
    const reportId = randomUUID();
    const kcidbId = 'K'.repeat(32);
    await db.execute(
      `insert into reports (id, state, kcidb_id, object_count, bytes, next_check_at)
       values (?, 'posted', ?, 1, 1, now() + interval '1 hour')`,
      [reportId, kcidbId],
    );
    const postedId = waiting.mine[1]?.id ?? '';
    await db.execute(`update outbox_objects set state = 'posted', report_id = ? where id = ?`, [
      reportId,
      postedId,
    ]);
    const after = await queries.ask('outbox.pending', { limit: 500 });
    expect(after.counts.posted).toBe(1);
    expect(after.items.find((o) => o.id === postedId)).toMatchObject({
      state: 'posted',
      kcidbSubmissionId: kcidbId,
      nextAttemptAt: null,
    });

    const recent = await queries.ask('submissions.recent', { limit: 2 });
    expect(recent.items.map((s) => s.submissionId)).toEqual(['s-list-b', 's-list-a']);
    const [b, a] = recent.items;
    expect(b?.counts).toEqual({ pending: 1, posted: 1, submitted: 0, dead: 0 });
    expect(b?.kcidbSubmissionIds).toEqual([kcidbId]);
    expect(a?.counts).toEqual({ pending: 0, posted: 0, submitted: 4, dead: 0 });
    expect(a?.kcidbSubmissionIds.length).toBeGreaterThan(0);
    for (const id of a?.kcidbSubmissionIds ?? []) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(Date.parse(a?.firstAt ?? '')).toBeLessThanOrEqual(Date.parse(a?.lastAt ?? ''));

    // One transaction links a whole pull batch of submissions at one time: the newest submission
    // must still come first, whatever its id, when an older time holds more than `limit` of them.
    const objectId = waiting.mine[0]?.id ?? '';
    const link = (submissionId: string, at: Date) =>
      db.execute(
        `insert into submission_objects (submission_id, object_id, created_at) values (?, ?, ?)`,
        [submissionId, objectId, at],
      );
    const batchAt = new Date(Date.now() + 3_600_000);
    for (const id of ['s-batch-a', 's-batch-b', 's-batch-c']) await link(id, batchAt);
    await link('s-zz-newest', new Date(batchAt.getTime() + 1_000));
    const newest = await queries.ask('submissions.recent', { limit: 2 });
    expect(newest.items.map((s) => s.submissionId)).toEqual(['s-zz-newest', 's-batch-a']);
  });
});
