import type { EventType, Topology } from '@kci-bridge/contracts';
import { subjectOf } from '@kci-bridge/contracts';
import type {
  ConsumerConfig,
  ConsumerInfo,
  ConsumerUpdateConfig,
  JetStreamManager,
} from '@nats-io/jetstream';
import { AckPolicy, DeliverPolicy, JetStreamApiError } from '@nats-io/jetstream';

/** One durable consumer a service pulls from, and the subjects it is filtered on. */
export interface ConsumerPlan {
  name: string;
  filter: Pick<ConsumerUpdateConfig, 'filter_subject' | 'filter_subjects'>;
}

/** The consumer layouts a service can have: what to use now, and what an earlier layout left. */
export interface ConsumerLayout {
  consumers: ConsumerPlan[];
  /** Consumers of the other layout (a NATS upgrade, an older release): to take over, then delete. */
  predecessors: string[];
}

const perSubjectName = (durable: string, type: EventType): string =>
  `${durable}--${type.replaceAll('.', '-')}`;

/**
 * The durable consumers of a service that handles `events`. One consumer, filtered on every
 * subject, where the server can (nats-server 2.10 and later) or there is one subject. Older servers
 * filter a consumer on one subject only: one consumer per subject there, so that no service is
 * sent the events of the others (which it would only skip: 12–15 % of a core for the
 * runner-orchestrator in bench/pipeline).
 */
export function consumerLayout(
  durable: string,
  events: readonly EventType[],
  topology: Topology,
  multiFilter: boolean,
): ConsumerLayout {
  const subjects = events.map((type) => ({ type, subject: subjectOf(topology, type) }));
  const first = subjects[0];
  if (first === undefined) throw new Error(`${durable} consumes no events`);
  if (subjects.length === 1) {
    return {
      consumers: [{ name: durable, filter: { filter_subject: first.subject } }],
      predecessors: [],
    };
  }
  const perSubject = subjects.map(({ type, subject }) => ({
    name: perSubjectName(durable, type),
    filter: { filter_subject: subject },
  }));
  if (multiFilter) {
    return {
      consumers: [{ name: durable, filter: { filter_subjects: subjects.map((s) => s.subject) } }],
      predecessors: perSubject.map((c) => c.name),
    };
  }
  return { consumers: perSubject, predecessors: [durable] };
}

async function infoOf(
  jsm: JetStreamManager,
  stream: string,
  name: string,
): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, name);
  } catch (e) {
    if (e instanceof JetStreamApiError && e.status === 404) return undefined;
    throw e;
  }
}

/**
 * Creates the layout's consumers, or brings existing ones up to date; safe from every replica.
 * A consumer created while a predecessor exists starts after the predecessors' lowest ack floor,
 * not at the stream's start (that would hand every kept event to the service again), and the
 * predecessors are deleted once their successors exist. Messages acked above that floor come
 * again: handlers are idempotent.
 */
export async function ensureConsumers(
  jsm: JetStreamManager,
  stream: string,
  layout: ConsumerLayout,
  settings: Pick<ConsumerUpdateConfig, 'ack_wait' | 'max_deliver' | 'max_ack_pending'>,
): Promise<void> {
  const olds = (
    await Promise.all(layout.predecessors.map((name) => infoOf(jsm, stream, name)))
  ).filter((i): i is ConsumerInfo => i !== undefined);
  const floor = Math.min(...olds.map((i) => i.ack_floor.stream_seq));
  const start: Partial<ConsumerConfig> =
    olds.length > 0
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: floor + 1 }
      : { deliver_policy: DeliverPolicy.All };
  for (const c of layout.consumers) {
    const update: Partial<ConsumerUpdateConfig> = { ...settings, ...c.filter };
    if ((await infoOf(jsm, stream, c.name)) !== undefined) {
      await jsm.consumers.update(stream, c.name, update);
      continue;
    }
    try {
      await jsm.consumers.add(stream, {
        ...update,
        ...start,
        durable_name: c.name,
        ack_policy: AckPolicy.Explicit,
      });
    } catch (e) {
      // Another replica created it meanwhile (perhaps from another start): keep where it starts.
      if (!(e instanceof JetStreamApiError)) throw e;
      await jsm.consumers.update(stream, c.name, update);
    }
  }
  for (const old of olds) {
    try {
      await jsm.consumers.delete(stream, old.name);
    } catch (e) {
      if (!(e instanceof JetStreamApiError) || e.status !== 404) throw e;
    }
  }
}
