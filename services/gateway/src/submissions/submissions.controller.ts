import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/scopes.js';
import { RequiresScope } from '../auth/scopes.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import type { Accepted, SubmissionView } from './submissions.service.js';
import { SubmissionsService } from './submissions.service.js';
import { TestsSubmitDto } from './tests-submit.dto.js';

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

@Controller('api/v1')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post('tests/submit')
  @HttpCode(202)
  @RequiresScope('submit')
  submit(
    @CurrentCaller() caller: Caller,
    @Body() body: TestsSubmitDto,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<Accepted> {
    return this.submissions.submit(
      caller,
      body,
      correlationId !== undefined && CORRELATION.test(correlationId) ? correlationId : undefined,
    );
  }

  @Get('submissions/:id')
  @RequiresScope('read')
  describe(
    @Param(
      'id',
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new ApiError(
            ApiErrorCode.NOT_FOUND,
            'Submission ids are UUIDs, as returned by POST /api/v1/tests/submit.',
          ),
      }),
    )
    id: string,
  ): Promise<SubmissionView> {
    return this.submissions.describe(id);
  }
}
