/**
 * Scale-out, shown (issue 6, item 5): two replicas of result-parser and two of kcidb-submitter on
 * one stack (devstack's KCI_UP_REPLICAS) under a steady load of submissions. Replicas of a service
 * share its durable JetStream consumer, and the submitter's replicas share the outbox through row
 * leases (SKIP LOCKED). Afterwards:
 * - each replica handled a share of the events (its own /metrics counters);
 * - nothing was processed twice: every results.submitted was parsed once (the parsers' log lines
 *   per submission, their ack counters against the stream's message count), every objects.parsed
 *   was stored once (the submitters' ack counters against the stream), and KCIDB received each
 *   test id once;
 * - nothing accepted was lost (every accepted submission's test ids at the fake KCIDB).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { instanceName, Stack, type ServiceName } from '../e2e/stack.js';
import { validateUpstream } from '../e2e/upstream-schema.js';
import { isolation } from '../support/isolation.js';
import { sleep } from '../support/servers.js';
import {
  allReady,
  keepLogsIfFailed,
  settledAcks,
  ORIGIN,
  stackEnv,
  steadyLoad,
  counter,
  drain,
  logCounts,
  scrape,
  streamCounts,
  table,
} from './scale.js';

const LOAD_MS = 15_000;
const DRAIN_TIMEOUT_MS = 60_000;
const REPLICAS: Partial<Record<ServiceName, number>> = {
  'result-parser': 2,
  'kcidb-submitter': 2,
};

const iso = isolation('scale-replicas');
let fake: FakeKcidb | undefined;
let stack: Stack | undefined;
let passed = false;

beforeAll(async () => {
  fake = await FakeKcidb.start({ validate: (doc) => validateUpstream(doc) });
  stack = await Stack.start(
    stackEnv(iso, {
      databaseUrl: inject('databaseUrl'),
      natsUrl: inject('natsUrl'),
      kcidbRest: fake.restUrl,
    }),
    { replicas: REPLICAS },
  );
  await allReady(stack, REPLICAS, 60_000);
}, 180_000);

afterAll(async () => {
  const code = await stack?.stop();
  await fake?.close();
  if (stack) keepLogsIfFailed(stack, passed);
  if (stack) expect(code, 'devstack up exit code').toBe(0);
}, 60_000);

describe('two replicas of result-parser and of kcidb-submitter on one stack', () => {
  it('share the work, process nothing twice and lose nothing', async () => {
    if (!stack || !fake) throw new Error('set-up failed');
    const s = stack;
    const replicaPids = (): Record<string, number> =>
      Object.fromEntries(
        (['result-parser', 'kcidb-submitter'] as const).flatMap((svc) =>
          [1, 2].map((k) => [instanceName(svc, k), s.pid(svc, k)] as const),
        ),
      );
    const pidsBefore = replicaPids();
    expect(new Set(Object.values(pidsBefore)).size, 'four distinct processes').toBe(4);

    const load = steadyLoad(s, iso, 50);
    load.start();
    await sleep(LOAD_MS);
    const delivery = await drain(load, fake, ORIGIN, DRAIN_TIMEOUT_MS);
    if (delivery.lost.length > 0) console.log(`devstack output:\n${s.outputTail()}`);

    const accepted = load.accepted();
    const stream = await streamCounts(inject('natsUrl'), iso, [
      'results.submitted',
      'objects.parsed',
    ]);
    const posts = async (k: number): Promise<number> =>
      counter(await scrape(s, 'kcidb-submitter', k), 'kci_kcidb_submissions_total', {});
    const submittedEvents = stream.get('results.submitted') ?? 0;
    const parsedEvents = stream.get('objects.parsed') ?? 0;
    const parser = await settledAcks(s, 'result-parser', 2, 'results.submitted', submittedEvents);
    const submitter = await settledAcks(s, 'kcidb-submitter', 2, 'objects.parsed', parsedEvents);
    const submitterPosts = [await posts(1), await posts(2)];
    const parsedPerSubmission = logCounts(
      s,
      'result-parser',
      2,
      'submissions parsed',
      'submissionIds',
    );
    const parsedTwice = [...parsedPerSubmission].filter(([, n]) => n > 1);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const share = (xs: number[], i: number): string =>
      `${xs[i] ?? 0} (${Math.round((100 * (xs[i] ?? 0)) / Math.max(1, sum(xs)))} %)`;
    const rejected = load.attempts.filter((a) => a.status !== 202);

    const figures = table('scale: two replicas of result-parser and kcidb-submitter', [
      ['submissions accepted (202) / rejected', `${accepted.length} / ${rejected.length}`],
      ['results.submitted events in the stream', submittedEvents],
      ['  handled by result-parser', share(parser, 0)],
      ['  handled by result-parser#2', share(parser, 1)],
      ['objects.parsed events in the stream', parsedEvents],
      ['  handled by kcidb-submitter', share(submitter, 0)],
      ['  handled by kcidb-submitter#2', share(submitter, 1)],
      [
        'KCIDB POSTs by kcidb-submitter / #2',
        `${submitterPosts[0] ?? 0} / ${submitterPosts[1] ?? 0}`,
      ],
      ['KCIDB test objects expected', delivery.expected],
      ['processed twice: submissions parsed twice', parsedTwice.length],
      [
        'processed twice: events acked beyond the stream',
        sum(parser) - submittedEvents + (sum(submitter) - parsedEvents),
      ],
      ['processed twice: test ids posted twice to KCIDB', delivery.postedTwice.ids],
      ['lost', delivery.lost.length],
      ['drain after the load stopped', `${(delivery.drainMs / 1000).toFixed(1)} s`],
    ]);
    console.log(figures);

    expect(accepted.length, 'submissions accepted').toBeGreaterThan(20);
    expect(
      rejected.map((a) => `${a.status ?? 'no answer'} ${a.reason ?? ''}`),
      'rejected',
    ).toEqual([]);
    expect(delivery.lost, `accepted test ids missing at KCIDB\n${figures}`).toEqual([]);
    // One results.submitted per accepted submission, and one objects.parsed per submission.
    expect(submittedEvents).toBe(accepted.length);
    expect(parsedEvents).toBe(accepted.length);
    // Both replicas of each service did work.
    for (const [name, xs] of [
      ['result-parser', parser],
      ['kcidb-submitter', submitter],
    ] as const)
      for (const [i, n] of xs.entries())
        expect(n, `events handled by ${instanceName(name, i + 1)}\n${figures}`).toBeGreaterThan(0);
    // Nothing twice: each event handled once in all, each submission parsed once, each id posted once.
    expect(sum(parser), 'results.submitted acks over both parsers').toBe(submittedEvents);
    expect(sum(submitter), 'objects.parsed acks over both submitters').toBe(parsedEvents);
    expect(parsedPerSubmission.size, 'submissions named in a "submissions parsed" line').toBe(
      accepted.length,
    );
    expect(parsedTwice, 'submissions parsed more than once').toEqual([]);
    expect(delivery.postedTwice, 'test ids KCIDB received more than once').toEqual({
      ids: 0,
      extra: 0,
    });
    // No replica restarted meanwhile (the counters are whole).
    expect(replicaPids(), 'replica pids').toEqual(pidsBefore);
    passed = true;
  }, 150_000);
});
