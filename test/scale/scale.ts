/**
 * What the scale suite measures, from real sources: each process's own Prometheus counters, the
 * events stream's per-subject message counts, the services' log lines, and what the fake KCIDB
 * received.
 */
import { rmSync } from 'node:fs';
import type { EventType, Topology } from '@kci-bridge/contracts';
import { subjectOf } from '@kci-bridge/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Stack, ServiceName } from '../e2e/stack.js';
import { instanceName } from '../e2e/stack.js';
import type { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import type { Isolation, StackServers } from '../support/isolation.js';
import { isolatedStackEnv } from '../support/isolation.js';
import { expectedTestIds, Load, repeats } from '../support/load.js';
import { waitUntil } from '../support/servers.js';

/** The origin of the objects the scale tests submit. */
export const ORIGIN = 'kci_scale';

export const SERVICES: readonly ServiceName[] = [
  'gateway',
  'runner-orchestrator',
  'result-parser',
  'kcidb-submitter',
  'sync-scheduler',
];

/** One value of a Prometheus counter from a /metrics text, 0 when the series is absent. */
export function counter(text: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const labelText = line.slice(name.length + 1, close);
    const got = Object.fromEntries(
      [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v))
      total += Number(line.slice(close + 1).trim());
  }
  return total;
}

/** A process's /metrics text. */
export async function scrape(stack: Stack, service: ServiceName, replica: number): Promise<string> {
  const res = await fetch(stack.url(service, '/metrics', replica), {
    signal: AbortSignal.timeout(5_000),
  });
  if (res.status !== 200)
    throw new Error(`${instanceName(service, replica)} /metrics: ${res.status}`);
  return res.text();
}

/** A process's `kci_events_handled_total` for one event type, outcome ack. */
async function eventsHandled(
  stack: Stack,
  service: ServiceName,
  replica: number,
  type: EventType,
): Promise<number> {
  return counter(await scrape(stack, service, replica), 'kci_events_handled_total', {
    type,
    outcome: 'ack',
  });
}

/**
 * Each replica's acks of one event type, once their sum reached `atLeast` (the stream's count:
 * an ack is counted just after it is sent, so the last ones may trail the deliveries a little)
 * or `timeoutMs` passed.
 */
export async function settledAcks(
  stack: Stack,
  service: ServiceName,
  replicas: number,
  type: EventType,
  atLeast: number,
  timeoutMs = 10_000,
): Promise<number[]> {
  const read = (): Promise<number[]> =>
    Promise.all(
      Array.from({ length: replicas }, (_, i) => eventsHandled(stack, service, i + 1, type)),
    );
  await waitUntil(
    `${service} acks of ${type} reach ${atLeast}`,
    timeoutMs,
    async () => (await read()).reduce((x, y) => x + y, 0) >= atLeast,
  ).catch(() => undefined);
  return read();
}

/** Messages the stream holds per event type (JetStream's own count per subject). */
export async function streamCounts(
  natsUrl: string,
  topology: Topology,
  types: readonly EventType[],
): Promise<Map<EventType, number>> {
  const nc = await connect({ servers: natsUrl.split(','), timeout: 5_000 });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(topology.stream, { subjects_filter: '>' });
    const bySubject = info.state.subjects ?? {};
    return new Map(types.map((t) => [t, bySubject[subjectOf(topology, t)] ?? 0]));
  } finally {
    await nc.close();
  }
}

/** How many log entries with `msg` each value of `field` has, over a service's processes. */
export function logCounts(
  stack: Stack,
  service: ServiceName,
  replicas: number,
  msg: string,
  field: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = 1; k <= replicas; k++)
    for (const e of stack.logEntries(service, k)) {
      if (e['msg'] !== msg) continue;
      const value = e[field];
      // A field holds one key, or several (a line per batch names each of its items).
      const keys = Array.isArray(value) ? value : [value];
      for (const key of keys) if (typeof key === 'string') out.set(key, (out.get(key) ?? 0) + 1);
    }
  return out;
}

/** The stack's settings for a scale test: its own schemas, stream and prefix, the fake KCIDB. */
export function stackEnv(
  iso: Isolation,
  servers: StackServers & { kcidbRest: string },
): Record<string, string> {
  return {
    ...isolatedStackEnv(iso, servers.kcidbRest, ORIGIN, servers),
    KCI_LOG_LEVEL: 'info',
    KCI_BATCH_MAX_AGE_MS: '100',
    KCI_STATUS_POLL_MS: '100',
    KCI_STATUS_POLL_MAX_MS: '500',
  };
}

/** Four clients posting distinct 5-test submissions (one event each), pausing `pauseMs` between two. */
export function steadyLoad(stack: Stack, iso: Isolation, pauseMs: number): Load {
  return new Load({
    url: stack.api('/tests/submit'),
    headers: () => stack.headers(),
    clients: 4,
    pauseMs,
    repeatEvery: Number.MAX_SAFE_INTEGER, // no identical repeats: one event per submission
    timeoutMs: 20_000,
    tag: `scale-${iso.runId}-${iso.stream}`,
    testsPerSubmission: 5,
  });
}

/** Every service answers /health/ready with 200 (each replica). */
export async function allReady(
  stack: Stack,
  replicas: Partial<Record<ServiceName, number>>,
  timeoutMs: number,
): Promise<void> {
  await waitUntil('every process answers /health/ready with 200', timeoutMs, async () => {
    const missing: string[] = [];
    for (const service of SERVICES)
      for (let k = 1; k <= (replicas[service] ?? 1); k++) {
        const res = await fetch(stack.url(service, '/health/ready', k), {
          signal: AbortSignal.timeout(2_000),
        }).catch(() => undefined);
        if (res?.status !== 200)
          missing.push(`${instanceName(service, k)} (${res?.status ?? 'no answer'})`);
        await res?.arrayBuffer();
      }
    if (missing.length > 0) throw new Error(`not ready: ${missing.join(', ')}`);
    return true;
  });
}

export interface Delivery {
  /** Distinct KCIDB test ids the accepted submissions must produce. */
  expected: number;
  lost: string[];
  /** Test ids KCIDB received more than once, and the extra copies. */
  postedTwice: { ids: number; extra: number };
  drainMs: number;
}

/** Stops the load, waits (bounded) for every accepted submission's tests at KCIDB, and counts. */
export async function drain(
  load: Load,
  fake: FakeKcidb,
  origin: string,
  timeoutMs: number,
): Promise<Delivery> {
  await load.stop();
  const stoppedAt = Date.now();
  const expected = new Set(load.accepted().flatMap((a) => expectedTestIds(a.body, origin)));
  const missing = (): string[] => {
    const got = fake.receivedObjectIds('tests', { processedOnly: true });
    return [...expected].filter((id) => !got.has(id));
  };
  // Bounded; what is still missing afterwards is reported as lost.
  await waitUntil(
    'every accepted test at KCIDB',
    timeoutMs,
    () => missing().length === 0,
    250,
  ).catch(() => undefined);
  return {
    expected: expected.size,
    lost: missing(),
    postedTwice: repeats(fake.allTests().map((t) => String(t['id']))),
    drainMs: Date.now() - stoppedAt,
  };
}

/** Removes the stack's state dir (its logs) after a pass; after a failure, says where it is. */
export function keepLogsIfFailed(stack: Stack, passed: boolean): void {
  if (passed) rmSync(stack.stateDir, { recursive: true, force: true });
  else console.log(`the stack's logs are kept in ${stack.logDir}`);
}

/** A figures table: a title, then `label  value` rows. */
export function table(
  title: string,
  rows: ReadonlyArray<readonly [string, string | number]>,
): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const rule = '─'.repeat(Math.max(60, width + 30));
  return [
    `── ${title} ${rule.slice(title.length + 4)}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
    rule,
  ].join('\n');
}
