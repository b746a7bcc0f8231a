import type { EventType } from './events.js';
import { EVENT_TYPES } from './events.js';
import type { QueryType } from './queries.js';

/** Where the bridge's events live. Both are configurable so a test run gets its own. */
export interface Topology {
  /** JetStream stream name, e.g. `KCI_EVENTS`. */
  stream: string;
  /** Subject prefix, e.g. `kci`. */
  prefix: string;
}

export const DEFAULT_TOPOLOGY: Topology = { stream: 'KCI_EVENTS', prefix: 'kci' };

const STREAM_NAME = /^[A-Za-z0-9_-]+$/;
const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Checks a topology read from configuration; returns an error message or undefined. */
export function topologyError(t: Topology): string | undefined {
  if (!STREAM_NAME.test(t.stream)) return `stream name "${t.stream}" must match ${STREAM_NAME}`;
  if (!PREFIX.test(t.prefix)) return `subject prefix "${t.prefix}" must be dot-separated tokens`;
  return undefined;
}

/** The subject an event type is published on. */
export function subjectOf(t: Topology, type: EventType): string {
  return `${t.prefix}.${type}`;
}

/** The event type of a subject, or undefined when it is not one of ours. */
export function eventTypeOf(t: Topology, subject: string): EventType | undefined {
  const head = `${t.prefix}.`;
  if (!subject.startsWith(head)) return undefined;
  const rest = subject.slice(head.length);
  return EVENT_TYPES.find((e) => e === rest);
}

/** Every subject the stream stores (queries are not stored). */
export function streamSubjects(t: Topology): string[] {
  return EVENT_TYPES.map((e) => subjectOf(t, e));
}

/** The subject a query is answered on. */
export function querySubjectOf(t: Topology, type: QueryType): string {
  return `${t.prefix}.query.${type}`;
}

/** Durable consumer names, one per consuming service; replicas of a service share it. */
export const CONSUMERS = {
  runnerOrchestrator: {
    durable: 'runner-orchestrator',
    events: ['build.requested', 'testrun.requested'],
  },
  resultParser: { durable: 'result-parser', events: ['results.submitted', 'run.finished'] },
  kcidbSubmitter: {
    durable: 'kcidb-submitter',
    events: ['objects.parsed', 'sync.requested', 'deadletter.recorded'],
  },
} as const satisfies Record<string, { durable: string; events: readonly EventType[] }>;
