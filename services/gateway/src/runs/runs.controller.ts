import type { OrchestratorRunReplyV1, SubmitterSubmissionReplyV1 } from '@kci-bridge/contracts';
import { QueryClient } from '@kci-bridge/messaging';
import {
  applyDecorators,
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
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { GatewayConfig } from '../config/env.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/scopes.js';
import { RequiresScope } from '../auth/scopes.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { ApiErrors } from '../openapi/problems.js';
import { RunAcceptedDoc, RunViewDoc } from '../openapi/responses.js';
import { assertOrigin } from '../submissions/submissions.service.js';
import { BootRunDto, BuildRunDto, TestsRunDto } from './run-requests.dto.js';
import type { RunAccepted } from './runs.service.js';
import { RunsService } from './runs.service.js';

/** What every run request can answer, besides its 202. */
function RunRequestDocs(summary: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: `${summary} (scope: run)`,
      description:
        "Idempotent: a repeat with the same Idempotency-Key, or the same body within KCI_IDEMPOTENCY_WINDOW_MS, answers the first run (replayed: true) and launches nothing. The token must be allowed the gateway's origin.",
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1 to 128 of A-Z a-z 0-9 . _ : -',
    }),
    ApiResponse({ status: 202, type: RunAcceptedDoc }),
    ApiErrors(
      ApiErrorCode.MALFORMED_JSON,
      ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
      ApiErrorCode.INVALID_FIELDS,
      ApiErrorCode.RATE_LIMITED,
      ApiErrorCode.BODY_TOO_LARGE,
      ApiErrorCode.MESSAGING_UNAVAILABLE,
    ),
  );
}

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
@ApiTags('runs')
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
  @RunRequestDocs('Build a kernel on a runner (TuxSuite)')
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
  @RunRequestDocs('Boot a built kernel and run test suites on it (TuxSuite or LAVA)')
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
  @RunRequestDocs('Boot a built kernel (TuxSuite or LAVA)')
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
  @ApiOperation({
    summary: 'A run: its state, transitions, and the KCIDB objects it produced (scope: read)',
  })
  @ApiOkResponse({ type: RunViewDoc })
  @ApiErrors(ApiErrorCode.NOT_FOUND)
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
