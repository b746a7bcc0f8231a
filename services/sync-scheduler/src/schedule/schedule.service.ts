import type { SyncScope } from '@kci-bridge/contracts';
import { SYNC_SCOPES } from '@kci-bridge/contracts';
import { EventPublisher, describeError } from '@kci-bridge/messaging';
import { PINO } from '@kci-bridge/service-kit';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { CronJob } from 'cron';
import type { Logger as Pino } from 'pino';
import type { SchedulerConfig } from '../config/env.js';
import { SCHEDULER_CONFIG } from '../tokens.js';
import { ScheduleRunRepository } from './schedule-run.repository.js';

const STALE_MS = 60_000;

/** The slot a tick stands for: the tick time truncated to the cron's resolution. */
export function slotOf(now: Date, cron: string): Date {
  const hasSeconds = cron.trim().split(/\s+/).length >= 6;
  const step = hasSeconds ? 1_000 : 60_000;
  return new Date(Math.floor(now.getTime() / step) * step);
}

/**
 * Publishes `sync.requested` for each scope on the cron. Replicas all tick; the slot row in
 * Postgres elects one publisher, and the message id (scope + slot) makes a repeat a no-op.
 */
@Injectable()
export class ScheduleService implements OnApplicationBootstrap, OnModuleDestroy {
  private job: CronJob | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly runs: ScheduleRunRepository,
    private readonly publisher: EventPublisher,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  onApplicationBootstrap(): void {
    this.job = CronJob.from({
      cronTime: this.config.cron,
      timeZone: this.config.timeZone,
      start: true,
      onTick: () => {
        this.ticking = this.tick(new Date());
      },
    });
    this.logger.info(
      { cron: this.config.cron, timeZone: this.config.timeZone, next: this.job.nextDate().toISO() },
      'sync scheduled',
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
    await this.ticking;
  }

  /** One cron tick: claim the slot for each scope and publish what this replica claimed or left unpublished. */
  async tick(now: Date): Promise<void> {
    const slot = slotOf(now, this.config.cron);
    try {
      for (const scope of SYNC_SCOPES) {
        if (await this.runs.claim(scope, slot)) await this.publish(scope, slot);
      }
      // A replica that claimed a slot and died (or met a NATS outage) left it unpublished: take it over.
      for (const run of await this.runs.unpublished(STALE_MS))
        await this.publish(run.scope, new Date(run.slot));
    } catch (e) {
      this.logger.error(
        { err: describeError(e), slot: slot.toISOString() },
        'scheduled sync not published; next tick retries',
      );
    }
  }

  private async publish(scope: SyncScope, slot: Date): Promise<void> {
    const iso = slot.toISOString();
    await this.publisher.publish(
      'sync.requested',
      { scope, requestedBy: 'schedule', slot: iso },
      { id: `sync-${scope}-${iso}`, correlationId: `sync-${scope}-${iso}` },
    );
    await this.runs.markPublished(scope, slot);
    this.logger.info({ scope, slot: iso }, 'scheduled sync published');
  }
}
