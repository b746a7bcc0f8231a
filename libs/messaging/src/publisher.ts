import type { EventType, PayloadOf, Topology } from '@kci-bridge/contracts';
import { subjectOf } from '@kci-bridge/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { jetstream } from '@nats-io/jetstream';
import type { NatsLink } from './connection.js';
import { makeEnvelope } from './envelope.js';
import { MessagingUnavailableError } from './errors.js';

export interface Published {
  id: string;
  seq: number;
  /** True when JetStream already had a message with this id (a retried publish). */
  duplicate: boolean;
}

export interface PublishMeta {
  correlationId: string;
  /** The envelope id, also the `Nats-Msg-Id`; derive it from the content to make a publish idempotent. */
  id?: string;
}

/** Publishes events and resolves only once JetStream has stored them. */
export class EventPublisher {
  private readonly js: JetStreamClient;

  constructor(
    private readonly link: NatsLink,
    private readonly topology: Topology,
    private readonly timeoutMs = 5_000,
  ) {
    this.js = jetstream(link.nc, { timeout: timeoutMs });
  }

  /** Publishes one event; throws MessagingUnavailableError when NATS cannot take it now. */
  async publish<T extends EventType>(
    type: T,
    payload: PayloadOf<T>,
    meta: PublishMeta,
  ): Promise<Published> {
    if (!this.link.connected) {
      throw new MessagingUnavailableError(this.link.problem ?? 'NATS is not connected');
    }
    const envelope = makeEnvelope(type, payload, meta);
    const data = new TextEncoder().encode(JSON.stringify(envelope));
    if (data.byteLength > this.link.maxPayload) {
      throw new RangeError(
        `event ${type} is ${data.byteLength} bytes, over the NATS limit of ${this.link.maxPayload}`,
      );
    }
    try {
      const ack = await this.js.publish(subjectOf(this.topology, type), data, {
        msgID: envelope.id,
        timeout: this.timeoutMs,
      });
      return { id: envelope.id, seq: ack.seq, duplicate: ack.duplicate };
    } catch (e) {
      throw new MessagingUnavailableError(
        `JetStream did not acknowledge ${type}: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
  }
}
