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
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/scopes.js';
import { RequiresScope } from '../auth/scopes.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { ApiErrors } from '../openapi/problems.js';
import { SubmissionAcceptedDoc, SubmissionViewDoc } from '../openapi/responses.js';
import type { Accepted, SubmissionView } from './submissions.service.js';
import { SubmissionsService } from './submissions.service.js';
import { TestsSubmitDto } from './tests-submit.dto.js';

const CORRELATION_HEADER = {
  name: 'X-Correlation-ID',
  required: false,
  description: 'Carried through every service and log line (1 to 128 of A-Z a-z 0-9 . _ : -).',
};

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

@ApiTags('results')
@Controller('api/v1')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post('tests/submit')
  @HttpCode(202)
  @RequiresScope('submit')
  @ApiOperation({
    summary: 'Submit test results a CI produced (scope: submit)',
    description:
      "Accepted once the results are durably queued (JetStream acknowledged). The tests become KCIDB tests under the token's origin; `logs` in KTAP or LTP form expand into one test per case.",
  })
  @ApiHeader(CORRELATION_HEADER)
  @ApiResponse({ status: 202, type: SubmissionAcceptedDoc, description: 'Queued.' })
  @ApiErrors(
    ApiErrorCode.MALFORMED_JSON,
    ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ApiErrorCode.INVALID_FIELDS,
    ApiErrorCode.BODY_TOO_LARGE,
    ApiErrorCode.MESSAGING_UNAVAILABLE,
  )
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
  @ApiOperation({
    summary: 'What became of a submission, object by object (scope: read)',
  })
  @ApiOkResponse({ type: SubmissionViewDoc })
  @ApiErrors(ApiErrorCode.NOT_FOUND)
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
