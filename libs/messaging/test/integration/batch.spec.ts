import 'reflect-metadata';
import type { DeadLetterRecordedV1, Envelope, Topology } from '@kci-bridge/contracts';
import type { INestMicroservice } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BatchResults } from '../../src/index.js';
import {
  EventController,
  EventPublisher,
  JetStreamBatchContext,
  JetStreamServer,
  NatsLink,
  OnEventBatch,
  PermanentError,
  RetryableError,
  ensureStream,
} from '../../src/index.js';
import { isolation } from '../../../../test/support/isolation.js';

const BATCH_SIZE = 8;

/** How the handler treats each slot: fail `failures` times with a retryable error, or permanently. */
const behaviour = new Map<string, { failures: number; permanent?: boolean }>();
/** Slots whose whole batch call throws while they are in it, `n` times. */
const throwWith = new Map<string, number>();
const handled: string[] = [];
const attempts = new Map<string, number>();
const batches: { slots: string[]; deliveries: number[] }[] = [];

@EventController()
class BatchHandlers {
  @OnEventBatch('sync.requested')
  async handle(
    @Payload() envs: Envelope<'sync.requested'>[],
    @Ctx() ctx: JetStreamBatchContext,
  ): Promise<BatchResults> {
    await Promise.resolve();
    const slots = envs.map((e) => e.payload.slot ?? e.id);
    batches.push({ slots, deliveries: ctx.messages.map((m) => m.info.deliveryCount) });
    const thrower = slots.find((s) => (throwWith.get(s) ?? 0) > 0);
    if (thrower !== undefined) {
      throwWith.set(thrower, (throwWith.get(thrower) ?? 0) - 1);
      throw new RetryableError(`the batch with ${thrower} failed`, 30);
    }
    return slots.map((slot) => {
      const n = (attempts.get(slot) ?? 0) + 1;
      attempts.set(slot, n);
      const b = behaviour.get(slot);
      if (b?.permanent) return new PermanentError(`cannot handle ${slot}`);
      if (b && n <= b.failures) return new RetryableError(`transient failure ${n}`, 30);
      handled.push(slot);
      return undefined;
    });
  }
}

@Module({ controllers: [BatchHandlers] })
class BatchModule {}

const iso = isolation('messaging-batch');
const topology: Topology = { stream: iso.stream, prefix: iso.prefix };
const deadLetters: DeadLetterRecordedV1[] = [];
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
let link: NatsLink;
let publisher: EventPublisher;
let app: INestMicroservice | undefined;

async function startConsumer(): Promise<void> {
  app = await NestFactory.createMicroservice(BatchModule, {
    strategy: new JetStreamServer({
      link,
      topology,
      durable: 'batch-consumer',
      events: ['sync.requested'],
      retry: { maxDeliver: 4, baseDelayMs: 20, maxDelayMs: 100 },
      ackWaitMs: 5_000,
      concurrency: 2,
      batchSize: BATCH_SIZE,
      deadLetters: (r) => {
        deadLetters.push(r);
        return Promise.resolve();
      },
      logger: quiet,
    }),
    logger: false,
  });
  await app.listen();
}

async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const publishAll = (slots: string[]) =>
  Promise.all(
    slots.map((slot) =>
      publisher.publish(
        'sync.requested',
        { scope: 'results', requestedBy: 'api', slot },
        { correlationId: slot },
      ),
    ),
  );

/** Messages of the consumer not yet acked: pending at the server plus delivered, unacked. */
async function unsettled(): Promise<number> {
  const jsm = await jetstreamManager(link.nc);
  const info = await jsm.consumers.info(topology.stream, 'batch-consumer');
  return info.num_pending + info.num_ack_pending;
}

const slotsOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  link = await NatsLink.connect({ url: inject('natsUrl'), name: 'messaging-batch-test' });
  await ensureStream(link, topology);
  publisher = new EventPublisher(link, topology);
  // Published before the consumer starts, so they are waiting and arrive as full batches.
  behaviour.set('mixed-003', { failures: 2 });
  behaviour.set('mixed-005', { failures: 0, permanent: true });
  await publishAll(slotsOf('mixed', 40));
  await startConsumer();
});

afterAll(async () => {
  await app?.close();
  await link.close();
});

describe('JetStream transport, batch handlers (real NATS)', () => {
  it('hands waiting messages over in batches of at most batchSize, each message acked once', async () => {
    await until(() => handled.filter((h) => h.startsWith('mixed-')).length === 39);
    const mixed = batches.filter((b) => b.slots.every((s) => s.startsWith('mixed-')));
    expect(Math.max(...mixed.map((b) => b.slots.length))).toBeGreaterThan(1);
    expect(Math.max(...mixed.map((b) => b.slots.length))).toBeLessThanOrEqual(BATCH_SIZE);
    // The first delivery of each message went through exactly one batch.
    const firstDeliveries = mixed.flatMap((b) => b.slots.filter((_, i) => b.deliveries[i] === 1));
    expect(firstDeliveries.sort()).toEqual(slotsOf('mixed', 40));
    await until(() => deadLetters.some((d) => d.data.includes('"mixed-005"')));
    await new Promise((r) => setTimeout(r, 300));
    expect(await unsettled()).toBe(0);
  });

  it('settles each message of a batch on its own: a retryable one is redelivered alone, a permanent one dead-lettered', async () => {
    await until(() => handled.includes('mixed-003'));
    expect(attempts.get('mixed-003')).toBe(3);
    // The others of its first batch were acked: none was handled twice.
    const counts = new Map<string, number>();
    for (const h of handled) counts.set(h, (counts.get(h) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(handled).not.toContain('mixed-005');
    const dl = deadLetters.filter((d) => d.data.includes('"mixed-005"'));
    expect(dl).toHaveLength(1);
    expect(dl[0]).toMatchObject({
      service: 'batch-consumer',
      eventType: 'sync.requested',
      reason: 'cannot handle mixed-005',
      deliveries: 1,
    });
    expect(attempts.get('mixed-005')).toBe(1);
  });

  it('naks every message of a batch whose handler throws, and handles them all once it recovers', async () => {
    throwWith.set('boom-001', 2);
    await publishAll(slotsOf('boom', 6));
    await until(() => handled.filter((h) => h.startsWith('boom-')).length === 6);
    expect(handled.filter((h) => h.startsWith('boom-')).sort()).toEqual(slotsOf('boom', 6));
    // boom-001 was in two batches that threw, then in one that succeeded.
    const withIt = batches.filter((b) => b.slots.includes('boom-001'));
    expect(withIt.map((b) => b.deliveries[b.slots.indexOf('boom-001')])).toEqual([1, 2, 3]);
    expect(attempts.get('boom-001')).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await unsettled()).toBe(0);
    expect(deadLetters.some((d) => d.data.includes('"boom-'))).toBe(false);
  });

  it('hands over a lone message at once, without waiting for a batch to fill', async () => {
    const started = Date.now();
    await publishAll(['alone']);
    await until(() => handled.includes('alone'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(batches.find((b) => b.slots.includes('alone'))?.slots).toEqual(['alone']);
  });
});
