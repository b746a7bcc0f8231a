import 'reflect-metadata';
import type { DeadLetterRecordedV1, Envelope, Topology } from '@kci-bridge/contracts';
import { subjectOf } from '@kci-bridge/contracts';
import type { INestMicroservice } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  EventController,
  EventPublisher,
  JetStreamServer,
  NatsLink,
  OnEvent,
  PermanentError,
  RetryableError,
  ensureStream,
} from '../../src/index.js';
import { isolation } from '../../../../test/support/isolation.js';

/** What the handler under test does with a sync event, keyed by the event's slot field. */
const behaviour = new Map<string, { failures: number; permanent?: boolean }>();
const handled: string[] = [];
const attempts = new Map<string, number>();

@EventController()
class Handlers {
  @OnEvent('sync.requested')
  async handle(@Payload() env: Envelope<'sync.requested'>): Promise<void> {
    const key = env.payload.slot ?? env.id;
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    const b = behaviour.get(key);
    if (b?.permanent) throw new PermanentError(`cannot handle ${key}`);
    if (b && n <= b.failures) throw new RetryableError(`transient failure ${n}`, 50);
    await Promise.resolve();
    handled.push(key);
  }
}

@Module({ controllers: [Handlers] })
class TestModule {}

const iso = isolation('messaging');
const topology: Topology = { stream: iso.stream, prefix: iso.prefix };
const deadLetters: DeadLetterRecordedV1[] = [];
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
let link: NatsLink;
let publisher: EventPublisher;
const apps: INestMicroservice[] = [];

async function startReplica(): Promise<void> {
  const app = await NestFactory.createMicroservice(TestModule, {
    strategy: new JetStreamServer({
      link,
      topology,
      durable: 'test-consumer',
      events: ['sync.requested'],
      retry: { maxDeliver: 4, baseDelayMs: 20, maxDelayMs: 100 },
      ackWaitMs: 5_000,
      concurrency: 4,
      deadLetters: (r) => {
        deadLetters.push(r);
        return Promise.resolve();
      },
      logger: quiet,
    }),
    logger: false,
  });
  await app.listen();
  apps.push(app);
}

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const publish = (slot: string, id?: string) =>
  publisher.publish(
    'sync.requested',
    { scope: 'results', requestedBy: 'api', slot },
    { correlationId: slot, ...(id ? { id } : {}) },
  );

beforeAll(async () => {
  link = await NatsLink.connect({ url: inject('natsUrl'), name: 'messaging-test' });
  await ensureStream(link, topology);
  await ensureStream(link, topology); // idempotent: a second replica starting changes nothing
  publisher = new EventPublisher(link, topology);
  await startReplica();
  await startReplica(); // two replicas share one durable consumer
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await link.close();
});

describe('JetStream transport (real NATS)', () => {
  it('delivers each event to one replica and acks it once handled', async () => {
    for (let i = 0; i < 20; i++) await publish(`ok-${i}`);
    await until(() => handled.filter((h) => h.startsWith('ok-')).length === 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(handled.filter((h) => h.startsWith('ok-')).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `ok-${i}`).sort(),
    );
  });

  it('drops a repeated publish with the same envelope id (Nats-Msg-Id)', async () => {
    const first = await publish('dup', 'fixed-id-1');
    const second = await publish('dup', 'fixed-id-1');
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    await until(() => handled.includes('dup'));
    await new Promise((r) => setTimeout(r, 200));
    expect(handled.filter((h) => h === 'dup')).toHaveLength(1);
  });

  it('redelivers after a retryable error until the handler succeeds', async () => {
    behaviour.set('flaky', { failures: 2 });
    await publish('flaky');
    await until(() => handled.includes('flaky'));
    expect(attempts.get('flaky')).toBe(3);
    expect(deadLetters.find((d) => d.data.includes('"flaky"'))).toBeUndefined();
  });

  it('dead-letters a permanent error at once, with the reason, and never redelivers it', async () => {
    behaviour.set('poison', { failures: 0, permanent: true });
    await publish('poison');
    await until(() => deadLetters.some((d) => d.data.includes('"poison"')));
    const dl = deadLetters.find((d) => d.data.includes('"poison"'));
    expect(dl).toMatchObject({
      service: 'test-consumer',
      eventType: 'sync.requested',
      reason: 'cannot handle poison',
      deliveries: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts.get('poison')).toBe(1);
  });

  it('dead-letters a message still failing at the delivery limit', async () => {
    behaviour.set('hopeless', { failures: 100 });
    await publish('hopeless');
    await until(() => deadLetters.some((d) => d.data.includes('"hopeless"')));
    const dl = deadLetters.find((d) => d.data.includes('"hopeless"'));
    expect(dl?.reason).toMatch(/^gave up after 4 deliveries: transient failure 4/);
    expect(attempts.get('hopeless')).toBe(4);
  });

  it('dead-letters a message that is not an envelope instead of dropping it', async () => {
    await link.nc.request(
      subjectOf(topology, 'sync.requested'),
      new TextEncoder().encode('{not json'),
    );
    await until(() => deadLetters.some((d) => d.data === '{not json'));
    expect(deadLetters.find((d) => d.data === '{not json')?.reason).toMatch(/^not JSON/);
  });
});
