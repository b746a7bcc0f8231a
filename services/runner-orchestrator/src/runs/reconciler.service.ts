import { describeError } from '@kci-bridge/messaging';
import { PINO, Sleeper } from '@kci-bridge/service-kit';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { OrchestratorConfig } from '../config/env.js';
import { RunnerError } from '../runners/runner-adapter.js';
import { RunnerRegistry } from '../runners/runner-registry.js';
import { ORCHESTRATOR_CONFIG } from '../tokens.js';
import type { RunRow } from './run.repository.js';
import { RunRepository } from './run.repository.js';
import { RunsService } from './runs.service.js';

/**
 * Polls the runner for runs whose callback is overdue, so a lost callback does not lose a run;
 * ends runs past their deadline and runs the runner no longer knows, as error results.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly sleeper = new Sleeper();

  constructor(
    private readonly runs: RunRepository,
    private readonly service: RunsService,
    private readonly runners: RunnerRegistry,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.reconcileOnce();
      } catch (e) {
        this.logger.error({ err: describeError(e) }, 'reconcile failed; retrying');
      }
      if (this.running) await this.sleeper.sleep(this.config.reconcileIntervalMs);
    }
  }

  /** One pass: every overdue run is polled once. */
  async reconcileOnce(): Promise<void> {
    const overdue = await this.runs.claimOverdue(20, this.config.pollIntervalMs);
    await Promise.all(overdue.map((run) => this.check(run)));
    for (const id of await this.runs.pastDeadline(50)) {
      await this.service.end(
        id,
        'timed_out',
        `no result within ${Math.round(this.config.runDeadlineMs / 60_000)} minutes`,
      );
    }
  }

  private async check(run: RunRow): Promise<void> {
    if (new Date(run.deadline_at).getTime() < Date.now()) {
      await this.service.end(
        run.id,
        'timed_out',
        `${run.runner} gave no result within ${Math.round(this.config.runDeadlineMs / 60_000)} minutes`,
      );
      return;
    }
    const adapter = this.runners.get(run.runner);
    if (!adapter || run.runner_job_id === null) return;
    try {
      const job = await adapter.fetchStatus(run.kind, run.runner_job_id);
      await this.service.apply(run, job);
      if (job.state !== 'finished')
        await this.runs.checkAgainIn(run.id, this.config.pollIntervalMs);
    } catch (e) {
      if (e instanceof RunnerError && e.httpStatus === 404) {
        await this.service.end(
          run.id,
          'failed',
          `${run.runner} no longer knows job ${run.runner_job_id}: the runner lost it`,
        );
        return;
      }
      this.logger.warn(
        { runId: run.id, err: describeError(e) },
        'could not poll the runner; will try again',
      );
    }
  }
}
