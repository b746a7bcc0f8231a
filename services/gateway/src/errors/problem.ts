import { randomUUID } from 'node:crypto';
import { MessagingUnavailableError } from '@kci-bridge/messaging';
import { HttpException } from '@nestjs/common';
import type { FieldError } from './api-error.js';
import { ApiError, ApiErrorCode, statusOf, TITLES } from './api-error.js';

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ApiErrorCode | string;
  errors?: FieldError[];
  error_id?: string;
  /** Seconds to wait (429); also sent as the Retry-After header. */
  retry_after?: number;
}

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

function fastifyError(e: unknown): ApiError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, statusCode, message } = e as FastifyLikeError;
  const text = typeof message === 'string' ? message : '';
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        ApiErrorCode.BODY_TOO_LARGE,
        'The request body is larger than this server accepts.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(
        ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the body as JSON with Content-Type: application/json.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(
        ApiErrorCode.MALFORMED_JSON,
        'The body is empty; a JSON object is expected.',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(ApiErrorCode.MALFORMED_JSON, `The body is not valid JSON: ${text}`);
    default:
      break;
  }
  if (statusCode === 400 && e instanceof SyntaxError) {
    return new ApiError(ApiErrorCode.MALFORMED_JSON, `The body is not valid JSON: ${text}`);
  }
  return undefined;
}

/** Maps anything thrown while serving a request to a problem document; unknown errors get an error id. */
export function toProblem(e: unknown): { problem: Problem; internal?: unknown } {
  const known = e instanceof ApiError ? e : fastifyError(e);
  if (known) return { problem: fromApiError(known) };
  if (e instanceof MessagingUnavailableError) {
    return {
      problem: fromApiError(
        new ApiError(
          ApiErrorCode.MESSAGING_UNAVAILABLE,
          'The message bus is unavailable; nothing was accepted. Retry later.',
        ),
      ),
    };
  }
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const mapped = fromHttpStatus(status, e.message);
    if (mapped) return { problem: fromApiError(mapped) };
    const body = e.getResponse();
    const detail = typeof body === 'string' ? body : e.message;
    return {
      problem: {
        type: 'about:blank',
        title: e.name.replace(/Exception$/, ''),
        status,
        detail,
        code: `http_${status}`,
      },
    };
  }
  const errorId = randomUUID();
  return {
    problem: {
      ...fromApiError(
        new ApiError(ApiErrorCode.INTERNAL, `Internal error; quote error id ${errorId}.`),
      ),
      error_id: errorId,
    },
    internal: e,
  };
}

/** Nest's own HTTP errors (body parsing, unknown routes) in our vocabulary. */
function fromHttpStatus(status: number, message: string): ApiError | undefined {
  switch (status) {
    case 400:
      return /json/i.test(message)
        ? new ApiError(ApiErrorCode.MALFORMED_JSON, `The body is not valid JSON (${message}).`)
        : undefined;
    case 404:
      return new ApiError(ApiErrorCode.NOT_FOUND, message);
    case 413:
      return new ApiError(
        ApiErrorCode.BODY_TOO_LARGE,
        'The request body is larger than this server accepts (KCI_MAX_BODY_BYTES).',
      );
    case 415:
      return new ApiError(
        ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the body as JSON with Content-Type: application/json.',
      );
    default:
      return undefined;
  }
}

function fromApiError(e: ApiError): Problem {
  const problem: Problem = {
    type: `https://kci-bridge.dev/problems/${e.code}`,
    title: TITLES[e.code],
    status: statusOf(e.code),
    detail: e.message,
    code: e.code,
  };
  if (e.fields.length > 0) problem.errors = e.fields;
  if (e.retryAfterSeconds !== undefined) problem.retry_after = e.retryAfterSeconds;
  return problem;
}
