/** Every error the API answers with, by code; `statusOf` maps each one exhaustively. */
export enum ApiErrorCode {
  MALFORMED_JSON = 'malformed_json',
  UNSUPPORTED_MEDIA_TYPE = 'unsupported_media_type',
  INVALID_FIELDS = 'invalid_fields',
  UNAUTHENTICATED = 'unauthenticated',
  FORBIDDEN = 'forbidden',
  RATE_LIMITED = 'rate_limited',
  BODY_TOO_LARGE = 'body_too_large',
  NOT_FOUND = 'not_found',
  MESSAGING_UNAVAILABLE = 'messaging_unavailable',
  STORE_UNAVAILABLE = 'store_unavailable',
  INTERNAL = 'internal',
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    /** Seconds, for 429 (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

export function statusOf(code: ApiErrorCode): number {
  switch (code) {
    case ApiErrorCode.MALFORMED_JSON:
      return 400;
    case ApiErrorCode.UNAUTHENTICATED:
      return 401;
    case ApiErrorCode.FORBIDDEN:
      return 403;
    case ApiErrorCode.NOT_FOUND:
      return 404;
    case ApiErrorCode.BODY_TOO_LARGE:
      return 413;
    case ApiErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ApiErrorCode.INVALID_FIELDS:
      return 422;
    case ApiErrorCode.RATE_LIMITED:
      return 429;
    case ApiErrorCode.INTERNAL:
      return 500;
    case ApiErrorCode.MESSAGING_UNAVAILABLE:
    case ApiErrorCode.STORE_UNAVAILABLE:
      return 503;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

export const TITLES: Record<ApiErrorCode, string> = {
  [ApiErrorCode.MALFORMED_JSON]: 'Malformed JSON',
  [ApiErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported media type',
  [ApiErrorCode.INVALID_FIELDS]: 'Invalid fields',
  [ApiErrorCode.UNAUTHENTICATED]: 'Unauthenticated',
  [ApiErrorCode.FORBIDDEN]: 'Forbidden',
  [ApiErrorCode.RATE_LIMITED]: 'Too many requests',
  [ApiErrorCode.BODY_TOO_LARGE]: 'Body too large',
  [ApiErrorCode.NOT_FOUND]: 'Not found',
  [ApiErrorCode.MESSAGING_UNAVAILABLE]: 'Service unavailable',
  [ApiErrorCode.STORE_UNAVAILABLE]: 'Service unavailable',
  [ApiErrorCode.INTERNAL]: 'Internal error',
};
