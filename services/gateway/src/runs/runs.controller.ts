import type { OrchestratorRunReplyV1, SubmitterSubmissionReplyV1 } from '@kci-bridge/contracts';
import { QueryClient } from '@kci-bridge/messaging';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import type { GatewayConfig } from '../config/env.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/scopes.js';
import { RequiresScope } from '../auth/scopes.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { assertOrigin } from '../submissions/submissions.service.js';
import { BootRunDto, BuildRunDto, TestsRunDto } from './run-requests.dto.js';
import type { RunAccepted } from './runs.service.js';
import { RunsService } from './runs.service.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

function checkedKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'invalid Idempotency-Key header', [
      { field: 'Idempotency-Key', message: 'must be 1 to 128 letters, digits, ., _, : or -' },
    ]);
  }
  return key;
}

export interface RunView {
  id: string;
  kind?: string;
  runner?: string;
  state?: string;
  runner_job_id?: string | null;
  runner_job_url?: string | null;
  reason?: string | null;
  created_at?: string;
  updated_at?: string;
  finished_at?: string | null;
  transitions: NonNullable<OrchestratorRunReplyV1['transitions']>;
  kcidb: {
    counts: SubmitterSubmissionReplyV1['counts'];
    objects: Array<{ id: string; kind: string; state: string; reason?: string }>;
  };
}

/** Runs on TuxSuite and LAVA: `builds/run`, `tests/run`, `boot-test/run`, and what became of a run. */
@Controller('api/v1')
export class RunsController {
  private readonly origin: string;

  constructor(
    private readonly runs: RunsService,
    private readonly queries: QueryClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.origin = config.origin;
  }

  @Post('builds/run')
  @HttpCode(202)
  @RequiresScope('run')
  build(
    @CurrentCaller() caller: Caller,
    @Body() body: BuildRunDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<RunAccepted> {
    assertOrigin(caller, this.origin);
    return this.runs.requestBuild(body, checkedKey(key));
  }

  @Post('tests/run')
  @HttpCode(202)
  @RequiresScope('run')
  tests(
    @CurrentCaller() caller: Caller,
    @Body() body: TestsRunDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<RunAccepted> {
    assertOrigin(caller, this.origin);
    return this.runs.requestTests(body, 'tests', checkedKey(key));
  }

  @Post('boot-test/run')
  @HttpCode(202)
  @RequiresScope('run')
  boot(
    @CurrentCaller() caller: Caller,
    @Body() body: BootRunDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<RunAccepted> {
    assertOrigin(caller, this.origin);
    return this.runs.requestTests(body, 'boot', checkedKey(key));
  }

  @Get('runs/:id')
  @RequiresScope('read')
  async describe(
    @Param(
      'id',
      new ParseUUIDPipe({
        exceptionFactory: () => new ApiError(ApiErrorCode.NOT_FOUND, 'Run ids are UUIDs.'),
      }),
    )
    id: string,
  ): Promise<RunView> {
    const [run, objects] = await Promise.all([
      this.queries.ask('run.orchestrator', { runId: id }),
      this.queries.ask('submission.submitter', { submissionId: id }),
    ]);
    if (!run.found) {
      throw new ApiError(
        ApiErrorCode.NOT_FOUND,
        `No run ${id} is known. A run accepted a moment ago may not be recorded yet: retry in a second.`,
      );
    }
    return {
      id,
      kind: run.kind,
      runner: run.runner,
      state: run.state,
      runner_job_id: run.runnerJobId,
      runner_job_url: run.runnerJobUrl,
      reason: run.reason,
      created_at: run.createdAt,
      updated_at: run.updatedAt,
      finished_at: run.finishedAt,
      transitions: run.transitions ?? [],
      kcidb: {
        counts: objects.counts,
        objects: objects.objects.map((o) => ({
          id: o.id,
          kind: o.kind,
          state: o.state,
          ...(o.reason !== undefined ? { reason: o.reason } : {}),
        })),
      },
    };
  }
}
