import type { RunFinishedV1 } from '@kci-bridge/contracts';
import { EventPublisher, describeError } from '@kci-bridge/messaging';
import { Metrics, PINO, Sleeper } from '@kci-bridge/service-kit';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { RunRow } from './run.repository.js';
import { RunRepository } from './run.repository.js';

const LEASE_MS = 30_000;
const IDLE_MS = 2_000;

/**
 * Publishes `run.finished` for every ended run, from the runs table (an outbox): the state change
 * commits first, the event follows, so a crash or a NATS outage between the two loses nothing.
 */
@Injectable()
export class RunEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly sleeper = new Sleeper();

  constructor(
    private readonly runs: RunRepository,
    private readonly publisher: EventPublisher,
    private readonly metrics: Metrics,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.gauge('kci_runs', 'Runs by state and runner', ['state', 'runner'], async (g) => {
      g.reset();
      for (const r of await this.runs.countByState())
        g.set({ state: r.state, runner: r.runner }, r.n);
    });
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
  }

  /** A run just ended: publish now rather than at the next tick. */
  kick(): void {
    this.sleeper.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const rows = await this.runs.claimUnpublished(50, LEASE_MS);
        for (const row of rows) await this.publish(row);
      } catch (e) {
        this.logger.error({ err: describeError(e) }, 'publishing run.finished failed; retrying');
      }
      if (this.running) await this.sleeper.sleep(IDLE_MS);
    }
  }

  private async publish(row: RunRow): Promise<void> {
    const p = row.request.kind === 'build' ? row.request.build : row.request.test;
    const outcome: RunFinishedV1['outcome'] =
      row.state === 'finished' ? 'finished' : row.state === 'timed_out' ? 'timed_out' : 'failed';
    const event: RunFinishedV1 = {
      runId: row.id,
      runner: p.runner,
      runnerJobId: row.runner_job_id,
      outcome,
      ...(row.reason !== null ? { reason: row.reason } : {}),
      request: row.request,
      ...(row.result ? { result: row.result } : {}),
      finishedAt: new Date(row.finished_at ?? Date.now()).toISOString(),
    };
    await this.publisher.publish('run.finished', event, {
      id: `run-finished-${row.id}`,
      correlationId: row.id,
    });
    await this.runs.markPublished(row.id);
  }
}
