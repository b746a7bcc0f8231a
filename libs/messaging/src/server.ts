import type { DeadLetterRecordedV1, Envelope, EventType, Topology } from '@kci-bridge/contracts';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { BaseRpcContext, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { NatsLink } from './connection.js';
import { consumerLayout, ensureConsumers } from './consumers.js';
import { correlation } from './correlation.js';
import { batchPattern } from './decorators.js';
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
  /** Handler calls at once in this process (one message, or one batch for `OnEventBatch`). */
  concurrency: number;
  /** Most messages in one call of an `OnEventBatch` handler (default 64). */
  batchSize?: number;
  deadLetters: DeadLetterSink;
  logger: TransportLogger;
  /** Called once per message handled, with its outcome (for metrics). */
  onSettled?: (type: string, outcome: Outcome['action'] | 'skip', seconds: number) => void;
}

const DEAD_LETTER_DATA_MAX = 64 * 1024;
const DEFAULT_BATCH_SIZE = 64;

/**
 * What an `OnEventBatch` handler returns: nothing when every message was handled (all acked),
 * or one entry per message, in order: `undefined` when handled, else the error it met, which
 * decides that message's outcome as a thrown error does for one message (`decideOutcome`).
 */
export type BatchResults = readonly (Error | undefined)[] | undefined | void;

const IDLE = Symbol('idle');

/** Resolves after the messages already received have been yielded (a macrotask later). */
function nextTick(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

/** A message admitted for its handler: a valid envelope within the delivery limit. */
interface Delivery {
  m: JsMsg;
  envelope: Envelope;
  deliveries: number;
}

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

/** What a batch handler receives beside the envelopes: the raw messages, in the same order. */
export class JetStreamBatchContext extends BaseRpcContext<[JsMsg[]]> {
  get messages(): JsMsg[] {
    return this.args[0];
  }
}

/**
 * A NestJS transport for JetStream: one durable pull consumer per service, explicit ack after
 * the handler (and so its transaction) completed, nak with backoff on transient errors,
 * term plus a dead-letter record on permanent errors and past the delivery limit.
 * Nest's own NATS transport has no JetStream, and its event dispatch does not await handlers.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly messages: ConsumerMessages[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly loops: Promise<void>[] = [];
  private readonly handlers = new Map<string, MessageHandler | undefined>();

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
    const { link, topology, durable, events } = this.options;
    const layout = consumerLayout(durable, events, topology, link.serverAtLeast(2, 10));
    await ensureConsumers(await jetstreamManager(link.nc), topology.stream, layout, {
      ack_wait: nanos(this.options.ackWaitMs),
      // Unlimited at the server: we count deliveries ourselves so that a message past the
      // limit is dead-lettered, never silently dropped (even when a crash ate its last try).
      max_deliver: -1,
      max_ack_pending: Math.max(1000, this.options.concurrency * 4),
    });
    const batching = [...this.messageHandlers.keys()].some((k) => k.endsWith(batchPattern('')));
    for (const { name } of layout.consumers) {
      const consumer = await jetstream(link.nc).consumers.get(topology.stream, name);
      const messages = await consumer.consume({
        // Enough buffered for a full batch to form while the previous ones are handled.
        max_messages: Math.max(16, this.options.concurrency * 2, batching ? this.batchSize * 2 : 0),
        expires: PULL_EXPIRES_MS,
      });
      this.messages.push(messages);
      // The loops share the concurrency limit (`dispatch`).
      this.loops.push(this.run(messages));
    }
  }

  /**
   * The handler of a pattern, looked up once: Nest's lookup tries `JSON.parse` on the pattern
   * first, and the exception it throws for a plain string cost more than the rest of the
   * transport's work per message in a CPU profile. Handlers are all registered before `listen`.
   */
  private handlerFor(pattern: string): MessageHandler | undefined {
    if (!this.handlers.has(pattern)) {
      this.handlers.set(pattern, this.getHandlerByPattern(pattern) ?? undefined);
    }
    return this.handlers.get(pattern);
  }

  private get batchSize(): number {
    return Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  /**
   * Hands each message to its handler, at most `concurrency` calls at once. Messages whose type
   * has an `OnEventBatch` handler wait in a batch, handed over when it is full or as soon as no
   * further message is already there: under load the batches grow by themselves, when idle a
   * message waits for nothing. (The iterator's `getPending()` cannot tell: nats.js miscounts it.)
   */
  private async run(messages: ConsumerMessages): Promise<void> {
    const waiting = new Map<string, Delivery[]>();
    const flush = async (type: string, batch: Delivery[]): Promise<void> => {
      waiting.delete(type);
      await this.dispatch(() => this.processBatch(type, batch));
    };
    const iterator = messages[Symbol.asyncIterator]();
    let next = iterator.next();
    for (;;) {
      const got = waiting.size === 0 ? await next : await Promise.race([next, nextTick()]);
      if (got === IDLE) {
        for (const [type, batch] of [...waiting]) await flush(type, batch);
        continue;
      }
      if (got.done) break;
      next = iterator.next();
      const d = this.admit(got.value);
      if (d instanceof Promise) {
        await this.dispatch(() => d);
      } else if (d && this.handlerFor(batchPattern(d.envelope.type))) {
        const batch = waiting.get(d.envelope.type) ?? [];
        batch.push(d);
        waiting.set(d.envelope.type, batch);
        if (batch.length >= this.batchSize) await flush(d.envelope.type, batch);
      } else if (d) {
        await this.dispatch(() => this.process(d));
      }
    }
    for (const [type, batch] of [...waiting]) await flush(type, batch);
  }

  private async dispatch(work: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.options.concurrency) await Promise.race(this.inFlight);
    const p = work().finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /**
   * A message for a handler, or the work that settles it without one: dead-lettered (not an
   * envelope, past the delivery limit) or skipped (another service's event on an unfiltered consumer).
   */
  private admit(m: JsMsg): Delivery | Promise<void> | undefined {
    const { retry } = this.options;
    const parsed = parseEnvelope(m.data);
    if (typeof parsed === 'string') {
      return this.settle(m, { action: 'term', reason: parsed }, undefined);
    }
    const deliveries = m.info.deliveryCount;
    if (deliveries > retry.maxDeliver) {
      return this.settle(
        m,
        { action: 'term', reason: `past the delivery limit (${retry.maxDeliver})` },
        parsed,
      );
    }
    if (!this.handlerFor(parsed.type) && !this.handlerFor(batchPattern(parsed.type))) {
      m.ack();
      this.options.onSettled?.(parsed.type, 'skip', 0);
      return undefined;
    }
    return { m, envelope: parsed, deliveries };
  }

  private async process(d: Delivery): Promise<void> {
    const handler = this.handlerFor(d.envelope.type);
    if (!handler) return;
    const started = performance.now();
    const heartbeat = this.keepAlive([d]);
    let error: unknown;
    try {
      await correlation.run({ correlationId: d.envelope.correlationId }, async () => {
        const result: unknown = await handler(d.envelope, new JetStreamContext([d.m]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
    } catch (e) {
      error = e ?? new Error('handler failed without a reason');
    } finally {
      clearInterval(heartbeat);
    }
    await this.conclude(d, error, started);
  }

  /** One handler call for the whole batch; each message then gets its own outcome. */
  private async processBatch(type: string, batch: Delivery[]): Promise<void> {
    const handler = this.handlerFor(batchPattern(type));
    if (!handler) return;
    const started = performance.now();
    const heartbeat = this.keepAlive(batch);
    let errors: unknown[];
    try {
      const result: unknown = await handler(
        batch.map((d) => d.envelope),
        new JetStreamBatchContext([batch.map((d) => d.m)]),
      );
      const value: unknown = await lastValueFrom(this.transformToObservable(result), {
        defaultValue: undefined,
      });
      errors = batchErrors(value, batch.length);
    } catch (e) {
      const error = e ?? new Error('batch handler failed without a reason');
      errors = batch.map(() => error);
    } finally {
      clearInterval(heartbeat);
    }
    await Promise.all(batch.map((d, i) => this.conclude(d, errors[i], started)));
  }

  /** Keeps the messages from being redelivered while their handler runs. */
  private keepAlive(batch: Delivery[]): NodeJS.Timeout {
    return setInterval(
      () => {
        for (const d of batch) d.m.working();
      },
      Math.max(1_000, this.options.ackWaitMs / 2),
    );
  }

  /** Settles a handled message from its handler's error (none: ack), and counts it. */
  private async conclude(d: Delivery, error: unknown, started: number): Promise<void> {
    const { envelope, deliveries } = d;
    const outcome = decideOutcome(error, deliveries, this.options.retry);
    if (outcome.action === 'nak') {
      this.options.logger.warn(
        `${envelope.type} ${envelope.id} will be retried in ${outcome.delayMs} ms: ${outcome.reason}`,
        { correlationId: envelope.correlationId, deliveries },
      );
    }
    await this.settle(d.m, outcome, envelope);
    this.options.onSettled?.(envelope.type, outcome.action, (performance.now() - started) / 1000);
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
    await Promise.all(this.messages.map((m) => m.close()));
    await Promise.all(this.loops);
    await Promise.allSettled([...this.inFlight]);
  }

  on(): void {
    // Connection events are watched by NatsLink.
  }

  unwrap<T>(): T {
    return this.options.link.nc as T;
  }
}

/** A batch handler's result as one error (or none) per message; a malformed result fails them all. */
function batchErrors(value: unknown, size: number): unknown[] {
  if (value === undefined) return new Array<unknown>(size).fill(undefined);
  if (Array.isArray(value) && value.length === size) return value as unknown[];
  const got = Array.isArray(value) ? `${value.length} results` : typeof value;
  const error = new Error(`batch handler returned ${got} for ${size} messages`);
  return new Array<unknown>(size).fill(error);
}
