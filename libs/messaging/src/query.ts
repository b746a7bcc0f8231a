import type {
  QueryErrorV1,
  QueryReplyOf,
  QueryRequestOf,
  QueryType,
  Topology,
} from '@kci-bridge/contracts';
import { querySubjectOf } from '@kci-bridge/contracts';
import type { Subscription } from '@nats-io/transport-node';
import type { NatsLink } from './connection.js';
import { describeError } from './outcome.js';
import { MessagingUnavailableError } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Asks the service that owns some state (core NATS request/reply, not stored). */
export class QueryClient {
  constructor(
    private readonly link: NatsLink,
    private readonly topology: Topology,
    private readonly timeoutMs = 3_000,
  ) {}

  /** Sends a query; throws MessagingUnavailableError when no owner answers in time. */
  async ask<Q extends QueryType>(type: Q, request: QueryRequestOf<Q>): Promise<QueryReplyOf<Q>> {
    if (!this.link.connected)
      throw new MessagingUnavailableError(this.link.problem ?? 'NATS is not connected');
    let raw: Uint8Array;
    try {
      const msg = await this.link.nc.request(
        querySubjectOf(this.topology, type),
        encoder.encode(JSON.stringify(request)),
        {
          timeout: this.timeoutMs,
        },
      );
      raw = msg.data;
    } catch (e) {
      throw new MessagingUnavailableError(`no answer to ${type}: ${describeError(e)}`, {
        cause: e,
      });
    }
    const reply = JSON.parse(decoder.decode(raw)) as QueryReplyOf<Q> | QueryErrorV1;
    if (
      typeof reply === 'object' &&
      reply !== null &&
      'error' in reply &&
      typeof reply.error === 'string'
    ) {
      throw new MessagingUnavailableError(`${type} failed: ${reply.error}`);
    }
    return reply as QueryReplyOf<Q>;
  }
}

/** Answers queries for the state a service owns; replicas share the work through a queue group. */
export class QueryResponder {
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly link: NatsLink,
    private readonly topology: Topology,
    private readonly group: string,
  ) {}

  /** Registers the answer to one query type. */
  answer<Q extends QueryType>(
    type: Q,
    handler: (request: QueryRequestOf<Q>) => Promise<QueryReplyOf<Q>>,
  ): void {
    const sub = this.link.nc.subscribe(querySubjectOf(this.topology, type), {
      queue: this.group,
      callback: (err, msg) => {
        if (err) return;
        void (async () => {
          let reply: QueryReplyOf<Q> | QueryErrorV1;
          try {
            reply = await handler(JSON.parse(decoder.decode(msg.data)) as QueryRequestOf<Q>);
          } catch (e) {
            reply = { error: describeError(e) };
          }
          msg.respond(encoder.encode(JSON.stringify(reply)));
        })();
      },
    });
    this.subs.push(sub);
  }

  /** Stops answering (before the connection drains). */
  close(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
  }
}
