import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
} from '@nestjs/swagger';
import { ApiErrorCode, statusOf, TITLES } from '../errors/api-error.js';
import type { FieldError } from '../errors/api-error.js';
import type { Problem } from '../errors/problem.js';

export class FieldErrorDoc implements FieldError {
  @ApiProperty({ example: 'tests[3].result', description: 'The field, as a path into the body.' })
  field!: string;

  @ApiProperty({ example: 'result must be one of FAIL, ERROR, MISS, PASS, DONE, SKIP (any case)' })
  message!: string;
}

/** The RFC 9457 problem document every error is answered with (`application/problem+json`). */
export class ProblemDoc implements Problem {
  @ApiProperty({ example: 'https://kci-bridge.dev/problems/invalid_fields' })
  type!: string;

  @ApiProperty({ example: 'Invalid fields' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiProperty({ example: '1 field error(s): tests[3].result' })
  detail!: string;

  @ApiProperty({ enum: Object.values(ApiErrorCode), description: 'Stable machine-readable code.' })
  code!: ApiErrorCode;

  @ApiPropertyOptional({ type: [FieldErrorDoc], description: 'One entry per invalid field (422).' })
  errors?: FieldErrorDoc[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only on 500: quote it; the same id is in the gateway log.',
  })
  error_id?: string;

  @ApiPropertyOptional({ description: 'Seconds to wait (429); also sent as Retry-After.' })
  retry_after?: number;
}

/** What the auth guard can answer on any `/api/v1` endpoint. */
const AUTH_ERRORS = [
  ApiErrorCode.UNAUTHENTICATED,
  ApiErrorCode.FORBIDDEN,
  ApiErrorCode.STORE_UNAVAILABLE,
];

/**
 * Documents the problem answers an endpoint can give (its own codes plus the auth guard's),
 * one response per HTTP status, and the bearer token it needs.
 */
export function ApiErrors(...codes: ApiErrorCode[]): MethodDecorator {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of new Set([...codes, ...AUTH_ERRORS])) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiBearerAuth(),
    ApiExtraModels(ProblemDoc),
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: list.map((c) => `\`${c}\`: ${TITLES[c]}`).join('; '),
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDoc' } },
        },
      }),
    ),
  );
}
