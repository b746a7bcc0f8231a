import 'reflect-metadata';
import type { Topology } from '@kci-bridge/contracts';
import { streamSubjects } from '@kci-bridge/contracts';
import { NatsLink } from '@kci-bridge/messaging';
import { createLogger, runService } from '@kci-bridge/service-kit';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isolation } from '../../../../test/support/isolation.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/env.js';
import { ScheduleService } from '../../src/schedule/schedule.service.js';

const iso = isolation('scheduler');
const topology: Topology = { stream: iso.stream, prefix: iso.prefix };
const replicas: NestFastifyApplication[] = [];
let link: NatsLink;

async function startReplica(): Promise<NestFastifyApplication> {
  const config = loadConfig({
    KCI_DATABASE_URL: inject('databaseUrl'),
    KCI_NATS_URL: inject('natsUrl'),
    KCI_DB_SCHEMA_PREFIX: iso.schemaPrefix,
    KCI_NATS_STREAM: iso.stream,
    KCI_SUBJECT_PREFIX: iso.prefix,
    KCI_HTTP_PORT: '0',
    KCI_SYNC_CRON: '0 0 1 1 *', // far away: the test drives the ticks itself
  });
  const logger = createLogger('sync-scheduler', 'silent');
  const app = await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
  });
  replicas.push(app);
  return app;
}

async function syncEvents(): Promise<Array<{ scope: string; slot: string }>> {
  const jsm = await jetstreamManager(link.nc);
  const info = await jsm.streams.info(topology.stream);
  const out: Array<{ scope: string; slot: string }> = [];
  for (
    let seq = info.state.first_seq;
    seq <= info.state.last_seq && info.state.messages > 0;
    seq++
  ) {
    const m = await jsm.streams.getMessage(topology.stream, { seq });
    if (!m || m.subject !== streamSubjects(topology).find((s) => s.endsWith('.sync.requested')))
      continue;
    const env = m.json<{ payload: { scope: string; slot: string } }>();
    out.push({ scope: env.payload.scope, slot: env.payload.slot });
  }
  return out;
}

beforeAll(async () => {
  link = await NatsLink.connect({ url: inject('natsUrl'), name: 'scheduler-test' });
  await startReplica();
  await startReplica();
});

afterAll(async () => {
  for (const r of replicas) await r.close();
  await link.close();
});

describe('sync-scheduler replicas', () => {
  it('publish one sync per scope for a cron slot, however many replicas tick', async () => {
    const tick = new Date('2026-11-24T03:00:00.250Z');
    await Promise.all(replicas.map((r) => r.get(ScheduleService).tick(tick)));
    await Promise.all(
      replicas.map((r) => r.get(ScheduleService).tick(new Date('2026-11-24T03:00:20Z'))),
    );
    const events = await syncEvents();
    expect(events.sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: 'builds', slot: '2026-11-24T03:00:00.000Z' },
      { scope: 'results', slot: '2026-11-24T03:00:00.000Z' },
    ]);
  });

  it('publishes the next slot again', async () => {
    await Promise.all(
      replicas.map((r) => r.get(ScheduleService).tick(new Date('2026-11-25T03:00:00Z'))),
    );
    const events = await syncEvents();
    expect(events.filter((e) => e.slot === '2026-11-25T03:00:00.000Z')).toHaveLength(2);
  });
});
