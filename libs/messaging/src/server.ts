import type { DeadLetterRecordedV1, Envelope, EventType, Topology } from '@kci-bridge/contracts';
import { subjectOf } from '@kci-bridge/contracts';
import type { ConsumerConfig, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { BaseRpcContext, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { NatsLink } from './connection.js';
import { correlation } from './correlation.js';
import { parseEnvelope } from './envelope.js';
import type { Outcome, RetryPolicy } from './outcome.js';
import { decideOutcome, describeError } from './outcome.js';

/** Where a message that can never be handled is recorded; if it throws, the message is kept (nak). */
export type DeadLetterSink = (record: DeadLetterRecordedV1) => Promise<void>;

export interface TransportLogger {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface JetStreamServerOptions {
  link: NatsLink;
  topology: Topology;
  /** The service name: its durable consumer, shared by its replicas. */
  durable: string;
  /** The event types this service handles (others on the stream are acked and skipped). */
  events: readonly EventType[];
  retry: RetryPolicy;
  ackWaitMs: number;
  /** Messages handled at once by this process. */
  concurrency: number;
  deadLetters: DeadLetterSink;
  logger: TransportLogger;
  /** Called once per message handled, with its outcome (for metrics). */
  onSettled?: (type: string, outcome: Outcome['action'] | 'skip', seconds: number) => void;
}

const DEAD_LETTER_DATA_MAX = 64 * 1024;

/**
 * How long one pull request waits at the server. The client expects a heartbeat every half of
 * it and pulls again after two are missed: when the consumer's leader moves to another node of a
 * cluster, the pull sent to the old leader is lost, and this bounds the stall to about 5 s
 * (nats.js's default, 30 s, stalled deliveries for ~30 s in test/scale).
 */
const PULL_EXPIRES_MS = 5_000;

/** What a handler receives beside the envelope: the raw JetStream message. */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  /** The raw message (sequence, headers). */
  get message(): JsMsg {
    return this.args[0];
  }

  /** 1 on first delivery. */
  get deliveryCount(): number {
    return this.args[0].info.deliveryCount;
  }
}

/**
 * A NestJS transport for JetStream: one durable pull consumer per service, explicit ack after
 * the handler (and so its transaction) completed, nak with backoff on transient errors,
 * term plus a dead-letter record on permanent errors and past the delivery limit.
 * Nest's own NATS transport has no JetStream, and its event dispatch does not await handlers.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private messages: ConsumerMessages | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.start().then(
      () => callback(),
      (e: unknown) => callback(e),
    );
  }

  private async start(): Promise<void> {
    const { link, topology, durable } = this.options;
    await this.ensureConsumer();
    const consumer = await jetstream(link.nc).consumers.get(topology.stream, durable);
    this.messages = await consumer.consume({
      max_messages: Math.max(16, this.options.concurrency * 2),
      expires: PULL_EXPIRES_MS,
    });
    this.loop = this.run(this.messages);
  }

  private async ensureConsumer(): Promise<void> {
    const { link, topology, durable, events } = this.options;
    const jsm = await jetstreamManager(link.nc);
    const subjects = events.map((e) => subjectOf(topology, e));
    const filter: Partial<ConsumerConfig> =
      subjects.length === 1
        ? { filter_subject: subjects[0] }
        : link.serverAtLeast(2, 10)
          ? { filter_subjects: subjects }
          : {}; // nats-server 2.9 filters on one subject only: take all, skip the others
    const config: Partial<ConsumerConfig> = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      // Unlimited at the server: we count deliveries ourselves so that a message past the
      // limit is dead-lettered, never silently dropped (even when a crash ate its last try).
      max_deliver: -1,
      max_ack_pending: Math.max(1000, this.options.concurrency * 4),
      ...filter,
    };
    try {
      await jsm.consumers.add(topology.stream, config);
    } catch (e) {
      if (!(e instanceof JetStreamApiError)) throw e;
      await jsm.consumers.update(topology.stream, durable, config);
    }
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      while (this.inFlight.size >= this.options.concurrency) await Promise.race(this.inFlight);
      const p = this.process(m).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  private async process(m: JsMsg): Promise<void> {
    const { retry, logger } = this.options;
    const parsed = parseEnvelope(m.data);
    if (typeof parsed === 'string') {
      await this.settle(m, { action: 'term', reason: parsed }, undefined);
      return;
    }
    const deliveries = m.info.deliveryCount;
    if (deliveries > retry.maxDeliver) {
      await this.settle(
        m,
        { action: 'term', reason: `past the delivery limit (${retry.maxDeliver})` },
        parsed,
      );
      return;
    }
    const handler = this.getHandlerByPattern(parsed.type);
    if (!handler) {
      m.ack(); // another service's event on an unfiltered consumer
      this.options.onSettled?.(parsed.type, 'skip', 0);
      return;
    }
    const started = performance.now();
    const heartbeat = setInterval(() => m.working(), Math.max(1_000, this.options.ackWaitMs / 2));
    let error: unknown;
    try {
      await correlation.run({ correlationId: parsed.correlationId }, async () => {
        const result: unknown = await handler(parsed, new JetStreamContext([m]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
    } catch (e) {
      error = e ?? new Error('handler failed without a reason');
    } finally {
      clearInterval(heartbeat);
    }
    const outcome = decideOutcome(error, deliveries, retry);
    if (outcome.action === 'nak') {
      logger.warn(
        `${parsed.type} ${parsed.id} will be retried in ${outcome.delayMs} ms: ${outcome.reason}`,
        {
          correlationId: parsed.correlationId,
          deliveries,
        },
      );
    }
    await this.settle(m, outcome, parsed);
    this.options.onSettled?.(parsed.type, outcome.action, (performance.now() - started) / 1000);
  }

  private async settle(m: JsMsg, outcome: Outcome, envelope: Envelope | undefined): Promise<void> {
    switch (outcome.action) {
      case 'ack':
        m.ack();
        return;
      case 'nak':
        m.nak(outcome.delayMs);
        return;
      case 'term':
        await this.deadLetter(m, outcome.reason, envelope);
        return;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private async deadLetter(
    m: JsMsg,
    reason: string,
    envelope: Envelope | undefined,
  ): Promise<void> {
    const { logger, durable, retry } = this.options;
    const data = new TextDecoder().decode(m.data);
    const record: DeadLetterRecordedV1 = {
      service: durable,
      eventId: envelope?.id ?? `${m.info.stream}:${m.seq}`,
      eventType: envelope?.type ?? 'unknown',
      subject: m.subject,
      reason,
      deliveries: m.info.deliveryCount,
      data: data.length > DEAD_LETTER_DATA_MAX ? data.slice(0, DEAD_LETTER_DATA_MAX) : data,
      recordedAt: new Date().toISOString(),
    };
    try {
      await this.options.deadLetters(record);
    } catch (e) {
      logger.error(`could not record a dead letter, keeping the message: ${describeError(e)}`, {
        eventId: record.eventId,
      });
      m.nak(retry.maxDelayMs);
      return;
    }
    logger.error(`dead letter: ${record.eventType} ${record.eventId}: ${reason}`, {
      correlationId: envelope?.correlationId,
      deliveries: record.deliveries,
    });
    // nats-server 2.9 ignores `+TERM <reason>` (the message stays pending): term without one.
    m.term();
  }

  /** Stops pulling, lets the handlers in flight finish (their acks go out), then returns. */
  async close(): Promise<void> {
    if (this.messages) {
      await this.messages.close();
    }
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  on(): void {
    // Connection events are watched by NatsLink.
  }

  unwrap<T>(): T {
    return this.options.link.nc as T;
  }
}
