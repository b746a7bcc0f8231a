/**
 * Scale-out, shown (issue 6, item 5): the stack on a three-node NATS cluster (three nats-server
 * processes on loopback with cluster routes), its events stream replicated three times
 * (KCI_NATS_REPLICAS=3), the services given all three URLs (KCI_NATS_URL). Under a steady load of
 * submissions the node leading the stream is SIGKILLed, kept down ~10 s, and started again.
 * The services carry on: after a short failover blip (the gateway may answer 503 meanwhile) the
 * remaining two nodes keep accepting, no service restarts, and every accepted submission reaches
 * KCIDB: lost 0.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Stack } from '../e2e/stack.js';
import { validateUpstream } from '../e2e/upstream-schema.js';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { isolation } from '../support/isolation.js';
import { sleep, waitUntil } from '../support/servers.js';
import { NatsCluster } from './cluster.js';
import {
  allReady,
  keepLogsIfFailed,
  settledAcks,
  ORIGIN,
  stackEnv,
  steadyLoad,
  drain,
  logCounts,
  SERVICES,
  streamCounts,
  table,
} from './scale.js';

const WARMUP_MS = 5_000;
const OUTAGE_MS = 10_000;
const SETTLE_MS = 3_000;
const RECOVERY_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 60_000;

const iso = isolation('scale-cluster');

/** The longest interval between `from` and the sorted `times`, or between two of them. */
function longestGap(from: number, times: readonly number[]): number {
  let gap = 0;
  let previous = from;
  for (const t of times) {
    gap = Math.max(gap, t - previous);
    previous = t;
  }
  return gap;
}
let root: string | undefined;
let cluster: NatsCluster | undefined;
let fake: FakeKcidb | undefined;
let stack: Stack | undefined;
let passed = false;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kci-scale-'));
  chmodSync(root, 0o755);
  cluster = await NatsCluster.start(root, 3);
  fake = await FakeKcidb.start({ validate: (doc) => validateUpstream(doc) });
  stack = await Stack.start({
    ...stackEnv(iso, {
      databaseUrl: inject('databaseUrl'),
      natsUrl: cluster.url,
      kcidbRest: fake.restUrl,
    }),
    KCI_NATS_REPLICAS: '3',
  });
  await allReady(stack, {}, 60_000);
}, 180_000);

afterAll(async () => {
  const code = await stack?.stop();
  await fake?.close();
  await cluster?.stop();
  if (stack) keepLogsIfFailed(stack, passed);
  if (root) rmSync(root, { recursive: true, force: true });
  if (stack) expect(code, 'devstack up exit code').toBe(0);
}, 60_000);

describe('the stack on a three-node NATS cluster, stream replicated three times', () => {
  it('loses nothing and carries on when the stream leader is killed under load', async () => {
    if (!stack || !cluster || !fake) throw new Error('set-up failed');
    const s = stack;
    const c = cluster;

    const before = await c.streamInfo(iso.stream);
    expect(before.config.num_replicas, 'stream replicas').toBe(3);
    expect(before.cluster?.replicas?.length, 'replicas besides the leader').toBe(2);
    const pidsBefore = Object.fromEntries(SERVICES.map((n) => [n, s.pid(n)]));

    const load = steadyLoad(s, iso, 100);
    load.start();
    await sleep(WARMUP_MS);

    const leader = before.cluster?.leader ?? '';
    const victim = c.node(leader);
    const killedAt = Date.now();
    await victim.nats.stop('SIGKILL');
    // Down for OUTAGE_MS, and at least until the survivors accept again (bounded): the cluster
    // must show it carries on without the node.
    await sleep(Math.max(0, killedAt + OUTAGE_MS - Date.now()));
    await waitUntil('a submission accepted while the node is down', RECOVERY_TIMEOUT_MS, () =>
      load.accepted().some((a) => a.sentAt > killedAt),
    );
    const restartingAt = Date.now();
    await victim.nats.start();
    await allReady(s, {}, RECOVERY_TIMEOUT_MS);
    const restartedAt = Date.now();
    await waitUntil(
      'the restarted node is a current replica again',
      RECOVERY_TIMEOUT_MS,
      async () => {
        const info = await c.streamInfo(iso.stream);
        const peers = [
          ...(info.cluster?.leader ? [{ name: info.cluster.leader, current: true }] : []),
          ...(info.cluster?.replicas ?? []),
        ];
        return peers.length === 3 && peers.every((p) => p.current);
      },
    );
    await sleep(SETTLE_MS);
    const delivery = await drain(load, fake, ORIGIN, DRAIN_TIMEOUT_MS);
    const after = await c.streamInfo(iso.stream);

    const during = load.between(killedAt, restartingAt);
    const acceptedDuring = during.filter((a) => a.status === 202);
    const unavailable = load.attempts.filter((a) => a.status === 503);
    const other = load.attempts.filter((a) => a.status !== 202 && a.status !== 503);
    // The blip: the longest time, from the kill on, in which no request got a 202.
    const okTimes = load
      .accepted()
      .filter((a) => a.doneAt >= killedAt)
      .map((a) => a.doneAt)
      .sort((x, y) => x - y);
    const blipMs = longestGap(killedAt, okTimes);
    // Deliveries: the longest time, from the kill on, in which KCIDB received no report.
    const postTimes = fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/submit')
      .map((r) => r.receivedAt.getTime())
      .filter((t) => t >= killedAt)
      .sort((x, y) => x - y);
    const deliveryPauseMs = longestGap(killedAt, postTimes);
    const stream = await streamCounts(c.url, iso, ['results.submitted', 'objects.parsed']);
    const submittedEvents = stream.get('results.submitted') ?? 0;
    const parsedEvents = stream.get('objects.parsed') ?? 0;
    const [parserAcks = 0] = await settledAcks(
      s,
      'result-parser',
      1,
      'results.submitted',
      submittedEvents,
    );
    const [submitterAcks = 0] = await settledAcks(
      s,
      'kcidb-submitter',
      1,
      'objects.parsed',
      parsedEvents,
    );
    const parsedPerSubmission = logCounts(
      s,
      'result-parser',
      1,
      'submissions parsed',
      'submissionIds',
    );
    const parsedTwice = [...parsedPerSubmission].filter(([, n]) => n > 1).length;
    const tally = (xs: typeof other): string => {
      const m = new Map<string, number>();
      for (const a of xs) {
        const k = `${a.status ?? 'no answer'} ${a.reason ?? ''}`.trim();
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return [...m].map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
    };

    const figures = table('scale: three-node NATS cluster, stream leader killed', [
      ['submissions sent / accepted (202)', `${load.attempts.length} / ${load.accepted().length}`],
      ['answered 503 (failover)', `${unavailable.length} (${tally(unavailable)})`],
      ['other answers', tally(other)],
      [
        'node killed (SIGKILL)',
        `${leader} (stream leader), down ${((restartingAt - killedAt) / 1000).toFixed(1)} s`,
      ],
      ['accepted while it was down', `${acceptedDuring.length} of ${during.length}`],
      ['longest gap without a 202 after the kill', `${(blipMs / 1000).toFixed(1)} s`],
      ['stream leader after', after.cluster?.leader ?? '?'],
      [
        'longest pause in KCIDB deliveries after the kill',
        `${(deliveryPauseMs / 1000).toFixed(1)} s`,
      ],
      [
        'every service ready, checked after the restart',
        `${((restartedAt - restartingAt) / 1000).toFixed(1)} s`,
      ],
      [
        'events processed: results.submitted',
        `${submittedEvents} in the stream, ${parserAcks} acked by result-parser`,
      ],
      [
        'events processed: objects.parsed',
        `${parsedEvents} in the stream, ${submitterAcks} acked by kcidb-submitter`,
      ],
      ['KCIDB test objects expected', delivery.expected],
      ['processed twice: submissions parsed twice', parsedTwice],
      [
        'processed twice: events acked beyond the stream',
        parserAcks - submittedEvents + (submitterAcks - parsedEvents),
      ],
      ['processed twice: test ids posted twice to KCIDB', delivery.postedTwice.ids],
      ['lost', delivery.lost.length],
      ['drain after the load stopped', `${(delivery.drainMs / 1000).toFixed(1)} s`],
    ]);
    console.log(figures);
    if (delivery.lost.length > 0) console.log(`devstack output:\n${s.outputTail()}`);

    expect(delivery.lost, `accepted test ids missing at KCIDB\n${figures}`).toEqual([]);
    expect(submittedEvents, 'one results.submitted per accepted submission').toBe(
      load.accepted().length,
    );
    // Every accepted submission was parsed (so the "parsed twice" figure counts real lines).
    expect(parsedPerSubmission.size, 'submissions named in a "submissions parsed" line').toBe(
      load.accepted().length,
    );
    expect(
      acceptedDuring.length,
      `submissions accepted while a node was down\n${figures}`,
    ).toBeGreaterThan(0);
    expect(
      other.map((a) => `${a.status ?? 'no answer'} ${a.reason ?? ''}`),
      'answers other than 202 and 503',
    ).toEqual([]);
    expect(delivery.postedTwice, 'test ids KCIDB received more than once').toEqual({
      ids: 0,
      extra: 0,
    });
    expect(after.config.num_replicas).toBe(3);
    // The services carried on: none restarted.
    expect(Object.fromEntries(SERVICES.map((n) => [n, s.pid(n)])), 'service pids').toEqual(
      pidsBefore,
    );
    passed = true;
  }, 200_000);
});
