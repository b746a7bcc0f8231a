import { randomBytes } from 'node:crypto';
import type {
  Envelope,
  OrchestratorRunReplyV1,
  RecentRunsReplyV1,
  RunFinishedV1,
  RunSummaryV1,
} from '@kci-bridge/contracts';
import { listLimit } from '@kci-bridge/contracts';
import { RetryableError, describeError } from '@kci-bridge/messaging';
import { PINO } from '@kci-bridge/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { OrchestratorConfig } from '../config/env.js';
import type {
  BuildSpec,
  IncomingCallback,
  RunnerJobState,
  TestSpec,
} from '../runners/runner-adapter.js';
import { RunnerError } from '../runners/runner-adapter.js';
import { RunnerRegistry } from '../runners/runner-registry.js';
import { ORCHESTRATOR_CONFIG } from '../tokens.js';
import type { RunRow, RunSummaryRow } from './run.repository.js';
import { RunRepository } from './run.repository.js';
import { RunEvents } from './run-events.js';

export interface CallbackAnswer {
  status: number;
  body: { message: string };
}

/** Launches runs, applies what runners report (callbacks or polling), and ends runs that never report. */
@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunRepository,
    private readonly runners: RunnerRegistry,
    private readonly events: RunEvents,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  /** Records a requested build or test run (once) and launches it on its runner. */
  async request(
    envelope: Envelope<'build.requested'> | Envelope<'testrun.requested'>,
  ): Promise<void> {
    const request: RunFinishedV1['request'] =
      envelope.type === 'build.requested'
        ? { kind: 'build', build: envelope.payload }
        : (() => {
            const test = envelope.payload;
            return { kind: test.kind, test };
          })();
    const p = request.kind === 'build' ? request.build : request.test;
    const run = await this.runs.createOnce({
      id: p.runId,
      kind: request.kind,
      runner: p.runner,
      request,
      secret: randomBytes(32).toString('base64url'),
      deadlineMs: this.config.runDeadlineMs,
    });
    await this.launch(run);
  }

  private async launch(run: RunRow): Promise<void> {
    if (run.state !== 'requested') return; // launched before this redelivery
    const adapter = this.runners.get(run.runner);
    if (!adapter) {
      await this.end(run.id, 'failed', `runner ${run.runner} is not configured on this bridge`);
      return;
    }
    const callback = {
      url: `${this.config.publicUrl}/callbacks/${run.runner}/${run.id}`,
      secret: run.callback_secret,
    };
    try {
      const launched =
        run.request.kind === 'build'
          ? await adapter.launchBuild(buildSpec(run), callback)
          : await adapter.launchTests(testSpec(run), callback);
      await this.runs.transition(run.id, 'launched', {
        jobId: launched.jobId,
        ...(launched.jobUrl !== undefined ? { jobUrl: launched.jobUrl } : {}),
        nextCheckInMs: this.config.callbackGraceMs,
      });
      this.logger.info(
        { runId: run.id, runner: run.runner, jobId: launched.jobId },
        'run launched',
      );
    } catch (e) {
      if (e instanceof RunnerError && !e.retryable) {
        await this.end(run.id, 'failed', `${run.runner} refused the run: ${e.message}`);
        return;
      }
      throw new RetryableError(
        `could not launch run ${run.id} on ${run.runner}: ${describeError(e)}`,
        undefined,
        { cause: e },
      );
    }
  }

  /** Authenticates a runner's callback and applies it; a repeated callback changes nothing. */
  async callback(
    runner: string,
    runId: string,
    incoming: IncomingCallback,
  ): Promise<CallbackAnswer> {
    const run = await this.runs.find(runId);
    const adapter = run && run.runner === runner ? this.runners.get(run.runner) : undefined;
    if (!run || !adapter) return { status: 404, body: { message: `no ${runner} run ${runId}` } };
    const outcome = await adapter.verifyCallback(
      { runId, jobId: run.runner_job_id, secret: run.callback_secret },
      incoming,
    );
    if (!outcome.verified) {
      this.logger.warn(
        { runId, runner, status: outcome.status, reason: outcome.reason },
        'callback refused',
      );
      return { status: outcome.status, body: { message: outcome.reason } };
    }
    await this.apply(run, outcome.job);
    return { status: 200, body: { message: 'ok' } };
  }

  /** Applies a runner's view of a job to the run. */
  async apply(run: RunRow, job: RunnerJobState): Promise<void> {
    if (job.state === 'finished') {
      if (await this.runs.transition(run.id, 'finished', { result: job.result })) {
        this.logger.info({ runId: run.id, result: job.result.runnerResult }, 'run finished');
        this.events.kick();
      }
      return;
    }
    if (job.state === 'running' && run.state === 'launched') {
      await this.runs.transition(run.id, 'running', { nextCheckInMs: this.config.callbackGraceMs });
    }
  }

  /** Ends a run without a runner result (refused, lost, timed out): it still produces an error result. */
  async end(id: string, to: 'failed' | 'timed_out', reason: string): Promise<void> {
    if (await this.runs.transition(id, to, { reason })) {
      this.logger.warn({ runId: id, state: to, reason }, 'run ended without a result');
      this.events.kick();
    }
  }

  async describe(runId: string): Promise<OrchestratorRunReplyV1> {
    const run = await this.runs.find(runId);
    if (!run) return { found: false };
    return { found: true, ...summaryOf(run), transitions: await this.runs.transitions(runId) };
  }

  /** The newest runs, for the status page. */
  async recent(limit: number): Promise<RecentRunsReplyV1> {
    const rows = await this.runs.recent(listLimit(limit));
    return { items: rows.map(summaryOf) };
  }
}

function summaryOf(run: RunSummaryRow): RunSummaryV1 {
  return {
    id: run.id,
    kind: run.kind,
    runner: run.runner,
    state: run.state,
    runnerJobId: run.runner_job_id,
    runnerJobUrl: run.runner_job_url,
    reason: run.reason,
    createdAt: new Date(run.created_at).toISOString(),
    updatedAt: new Date(run.updated_at).toISOString(),
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
  };
}

function buildSpec(run: RunRow): BuildSpec {
  if (run.request.kind !== 'build') throw new Error(`run ${run.id} is not a build`);
  const b = run.request.build;
  return {
    runId: run.id,
    tree: b.tree,
    branch: b.branch,
    ...(b.commit !== undefined ? { commit: b.commit } : {}),
    arch: b.arch,
    toolchain: b.toolchain,
    kconfig: b.kconfig,
  };
}

function testSpec(run: RunRow): TestSpec {
  if (run.request.kind === 'build') throw new Error(`run ${run.id} is a build`);
  const t = run.request.test;
  return {
    runId: run.id,
    kind: t.kind,
    device: t.device,
    kernelImageUrl: t.kernelImageUrl,
    ...(t.modulesUrl !== undefined ? { modulesUrl: t.modulesUrl } : {}),
    tests: t.tests,
  };
}
