import { randomUUID } from 'node:crypto';
import type { SyncScope } from '@kci-bridge/contracts';
import { EventPublisher } from '@kci-bridge/messaging';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '../auth/scopes.js';
import { ApiErrorCode } from '../errors/api-error.js';
import { ApiErrors } from '../openapi/problems.js';
import { SyncAcceptedDoc } from '../openapi/responses.js';

const SYNC_ERRORS = [ApiErrorCode.RATE_LIMITED, ApiErrorCode.MESSAGING_UNAVAILABLE];

export interface SyncAccepted {
  id: string;
  status: 'accepted';
  scope: SyncScope;
}

/** `POST /api/v1/sync/{results,builds}`: re-submit what is pending or failed-retryable in a scope. */
@ApiTags('sync')
@Controller('api/v1/sync')
@RequiresScope('sync')
export class SyncController {
  constructor(private readonly publisher: EventPublisher) {}

  @Post('results')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-submit every pending or retryable test result now (scope: sync)',
    description: 'What the daily sync does; the body is empty.',
  })
  @ApiResponse({ status: 202, type: SyncAcceptedDoc })
  @ApiErrors(...SYNC_ERRORS)
  results(): Promise<SyncAccepted> {
    return this.request('results');
  }

  @Post('builds')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-submit every pending or retryable build and checkout now (scope: sync)',
  })
  @ApiResponse({ status: 202, type: SyncAcceptedDoc })
  @ApiErrors(...SYNC_ERRORS)
  builds(): Promise<SyncAccepted> {
    return this.request('builds');
  }

  private async request(scope: SyncScope): Promise<SyncAccepted> {
    const id = randomUUID();
    await this.publisher.publish(
      'sync.requested',
      { scope, requestedBy: 'api' },
      { id, correlationId: id },
    );
    return { id, status: 'accepted', scope };
  }
}
