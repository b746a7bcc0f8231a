import { randomUUID } from 'node:crypto';
import type { KcidbObjects } from '@kci-bridge/contracts';
import { KCIDB_OBJECT_KINDS, validateReport } from '@kci-bridge/kcidb';
import { EventPublisher } from '@kci-bridge/messaging';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/scopes.js';
import { RequiresScope, mayUseOrigin } from '../auth/scopes.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { ApiErrors } from '../openapi/problems.js';
import { KcidbAcceptedDoc } from '../openapi/responses.js';

export interface KcidbAccepted {
  id: string;
  status: 'accepted';
  objects: number;
  warnings: Array<{ path: string; message: string }>;
  links: { self: string };
}

/**
 * `POST /api/v1/kcidb/submit`: a ready-made KCIDB v5.3 report, validated here and queued into
 * the submitter's outbox, so a CI that already speaks KCIDB gets retries, dead letters and status.
 */
@ApiTags('results')
@Controller('api/v1/kcidb')
export class KcidbSubmitController {
  constructor(private readonly publisher: EventPublisher) {}

  @Post('submit')
  @HttpCode(202)
  @RequiresScope('submit')
  @ApiOperation({
    summary: 'Queue a ready-made KCIDB v5.3 report (scope: submit)',
    description:
      "Validated against the KCIDB v5.3 schema here (a 422 lists each error with its JSON path), then queued into the outbox with retries and dead letters. Every object's origin must be one the token may use.",
  })
  @ApiBody({
    description:
      'A KCIDB v5.3 report: `{"version": {"major": 5, "minor": 3}, "checkouts": [...], "builds": [...], "tests": [...]}`; see https://github.com/kernelci/kcidb-io.',
    schema: {
      type: 'object',
      required: ['version'],
      properties: {
        version: {
          type: 'object',
          properties: { major: { type: 'integer', enum: [5] }, minor: { type: 'integer' } },
        },
        checkouts: { type: 'array', items: { type: 'object' } },
        builds: { type: 'array', items: { type: 'object' } },
        tests: { type: 'array', items: { type: 'object' } },
        issues: { type: 'array', items: { type: 'object' } },
        incidents: { type: 'array', items: { type: 'object' } },
      },
    },
  })
  @ApiResponse({ status: 202, type: KcidbAcceptedDoc, description: 'Queued.' })
  @ApiErrors(
    ApiErrorCode.MALFORMED_JSON,
    ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ApiErrorCode.INVALID_FIELDS,
    ApiErrorCode.BODY_TOO_LARGE,
    ApiErrorCode.MESSAGING_UNAVAILABLE,
  )
  async submit(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<KcidbAccepted> {
    const result = validateReport(body);
    if (!result.valid) {
      throw new ApiError(
        ApiErrorCode.INVALID_FIELDS,
        `the report is not valid KCIDB v5.3 (${result.errors.length} error(s)); nothing was queued`,
        result.errors.map((e) => ({ field: e.path || '(report)', message: e.message })),
      );
    }
    const report = body as KcidbObjects;
    const objects: KcidbObjects = {};
    let count = 0;
    for (const kind of KCIDB_OBJECT_KINDS) {
      const list = report[kind];
      if (list && list.length > 0) {
        Object.assign(objects, { [kind]: list });
        count += list.length;
      }
    }
    const origins = new Set(
      Object.values(objects).flatMap((list: Array<{ origin: string }>) =>
        list.map((o) => o.origin),
      ),
    );
    const refused = [...origins].filter((o) => !mayUseOrigin(caller, o));
    if (refused.length > 0) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        `Token "${caller.name}" may not submit under the KCIDB origin(s) ${refused.map((o) => `"${o}"`).join(', ')}.`,
      );
    }
    if (count === 0) {
      throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'the report holds no objects', [
        { field: '(report)', message: 'add checkouts, builds, tests, issues or incidents' },
      ]);
    }
    const id = randomUUID();
    await this.publisher.publish(
      'objects.parsed',
      { submissionId: id, part: 0, parts: 1, objects },
      {
        id: `objects-${id}-0`,
        correlationId:
          correlationId && /^[A-Za-z0-9._:-]{1,128}$/.test(correlationId) ? correlationId : id,
      },
    );
    return {
      id,
      status: 'accepted',
      objects: count,
      warnings: result.warnings,
      links: { self: `/api/v1/submissions/${id}` },
    };
  }
}
