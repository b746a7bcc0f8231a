import type { DeadLetterRetryReplyV1, DeadLettersReplyV1 } from '@kci-bridge/contracts';
import { QueryClient } from '@kci-bridge/messaging';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from './auth/scopes.js';
import { ApiError, ApiErrorCode } from './errors/api-error.js';
import { ApiErrors } from './openapi/problems.js';
import { DeadLetterRetryDoc, DeadLettersDoc } from './openapi/responses.js';

/** Dead letters, owned by kcidb-submitter: listed with the reason and KCIDB's response; retried after a fix. */
@ApiTags('operations')
@Controller('api/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly queries: QueryClient) {}

  @Get()
  @RequiresScope('read')
  @ApiOperation({
    summary: "Dead letters, newest first, with the reason and KCIDB's response (scope: read)",
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500 (default 100)' })
  @ApiQuery({
    name: 'pending',
    required: false,
    enum: ['true', 'false'],
    description: 'true: only those not retried yet',
  })
  @ApiOkResponse({ type: DeadLettersDoc })
  @ApiErrors(ApiErrorCode.INVALID_FIELDS)
  list(
    @Query('limit') limit?: string,
    @Query('pending') pending?: string,
  ): Promise<DeadLettersReplyV1> {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) {
      throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'bad limit', [
        { field: 'limit', message: 'must be a whole number from 1 to 500' },
      ]);
    }
    return this.queries.ask('deadletters.list', { limit: n, pendingOnly: pending === 'true' });
  }

  @Post(':id/retry')
  @HttpCode(202)
  // admin: an event dead letter may be a run command, which `submit` alone must not launch
  @RequiresScope('admin')
  @ApiOperation({
    summary: 'Re-queue a dead letter after the cause is fixed (scope: admin)',
  })
  @ApiResponse({ status: 202, type: DeadLetterRetryDoc })
  @ApiErrors(ApiErrorCode.NOT_FOUND)
  async retry(@Param('id') id: string): Promise<DeadLetterRetryReplyV1> {
    const reply = await this.queries.ask('deadletter.retry', { id });
    if (!reply.found) throw new ApiError(ApiErrorCode.NOT_FOUND, reply.detail);
    return reply;
  }
}
