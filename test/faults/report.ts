/** The fault suite's figures, computed by id from what was accepted and what the fake KCIDB got. */
import type { Attempt } from '../support/load.js';

export interface Outage {
  name: string;
  /** When the fault started and when the system was whole again (service ready, server back). */
  from: number;
  to: number;
  /** What was seen meanwhile, for the summary. */
  detail?: string;
}

export interface Figures {
  requests: number;
  accepted: number;
  repeatedBodiesAccepted: number;
  /** `<status> <code> [outage]` → count, for every answer other than 202. */
  rejected: Map<string, number>;
  eventSourcedObjects: number;
  expected: number;
  delivered: number;
  lost: string[];
  postedMoreThanOnce: number;
  extraCopies: number;
  kcidbPosts: number;
  kcidbPostsByStatus: Map<string, number>;
  outages: Outage[];
  drainMs: number;
  /** Restarts seen per service (pid changes). */
  restarts: Map<string, number>;
}

/** The outage a request was sent during, if any. */
export function outageAt(outages: readonly Outage[], at: number): string | undefined {
  return outages.find((o) => at >= o.from && at <= o.to)?.name;
}

/** `<status> <code> [during <outage>]` → count, for every answer other than 202. */
export function rejectedByReason(
  attempts: readonly Attempt[],
  outages: readonly Outage[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of attempts) {
    if (a.status === 202) continue;
    const status = a.status === undefined ? 'no answer' : String(a.status);
    const key = `${status} ${a.reason ?? ''} [${outageAt(outages, a.sentAt) ?? 'no fault'}]`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return new Map([...out].sort((x, y) => y[1] - x[1]));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatFigures(f: Figures): string {
  const pad = (label: string): string => `  ${label.padEnd(38)} `;
  const lines = [
    '── fault suite figures ────────────────────────────────────────────',
    `${pad('requests sent')}${f.requests}`,
    `${pad('accepted (202)')}${f.accepted} (of which ${f.repeatedBodiesAccepted} identical repeats)`,
    `${pad('rejected with a reason')}${[...f.rejected.values()].reduce((a, b) => a + b, 0)}`,
    ...[...f.rejected].map(([reason, n]) => `${pad(`    ${reason}`)}${n}`),
    `${pad('objects expected (distinct ids)')}${f.expected} (${f.eventSourcedObjects} from events published by the suite)`,
    `${pad('objects delivered (processed)')}${f.delivered}`,
    `${pad('lost')}${f.lost.length}`,
    `${pad('objects posted more than once')}${f.postedMoreThanOnce} (${f.extraCopies} extra copies)`,
    `${pad('KCIDB POSTs')}${[...f.kcidbPostsByStatus].map(([s, n]) => `${s}: ${n}`).join(', ')} (total ${f.kcidbPosts})`,
    `${pad('drain after the load stopped')}${seconds(f.drainMs)}`,
    `${pad('service restarts seen (pid changes)')}${[...f.restarts].map(([s, n]) => `${s} ${n}`).join(', ')}`,
    '  outages (fault start → whole again):',
    ...f.outages.map(
      (o) => `${pad(`    ${o.name}`)}${seconds(o.to - o.from)}${o.detail ? `  (${o.detail})` : ''}`,
    ),
    '───────────────────────────────────────────────────────────────────',
  ];
  return lines.join('\n');
}
