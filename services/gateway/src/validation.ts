import type { ArgumentMetadata, ValidationError, ValidationPipeOptions } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationPipe } from '@nestjs/common';
import { isStatusUrl } from './auth/status-session.js';
import type { FieldError } from './errors/api-error.js';
import { ApiError, ApiErrorCode } from './errors/api-error.js';
import { compileFastCheck, type FastCheck } from './fast-body.js';
import { TestResultDto, TestsSubmitDto } from './submissions/tests-submit.dto.js';

/** Flattens class-validator's tree into `tests[3].result`-style field errors. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const isIndex = /^\d+$/.test(e.property);
    const field =
      parent === '' ? e.property : isIndex ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message });
    }
    if (e.children && e.children.length > 0) out.push(...fieldErrors(e.children, field));
  }
  return out;
}

/**
 * A ValidationPipe that first insists on a JSON object body, so `[]` or `"x"` get one clear error,
 * then lets the hot bodies that are valid as sent through a compiled check (fast-body.ts).
 */
class BodyValidationPipe extends ValidationPipe {
  private readonly fast = new Map<unknown, FastCheck>();

  constructor(options: ValidationPipeOptions, fastPath: boolean) {
    super(options);
    if (fastPath) this.fast.set(TestsSubmitDto, compileFastCheck(TestsSubmitDto, [TestResultDto]));
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return super.transform(value, metadata);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'The body must be a JSON object.', [
        {
          field: '(body)',
          message: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
        },
      ]);
    }
    if (this.fast.get(metadata.metatype)?.(value) === true) return value;
    return super.transform(value, metadata);
  }
}

/**
 * Validates request bodies (class-validator) and answers 422 listing every field error, one per
 * field. `fastPath: false` leaves class-validator alone (the reference the fast path is tested against).
 */
export function validationPipe({ fastPath = true }: { fastPath?: boolean } = {}): ValidationPipe {
  return new BodyValidationPipe(
    {
      transform: true,
      whitelist: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const fields = fieldErrors(errors);
        return new ApiError(
          ApiErrorCode.INVALID_FIELDS,
          fields.length > 0
            ? `${fields.length} field error(s): ${fields.map((f) => f.field).join(', ')}`
            : 'The body must be a JSON object.',
          fields.length > 0 ? fields : [{ field: '(body)', message: 'expected a JSON object' }],
        );
      },
    },
    fastPath,
  );
}

/**
 * Fastify's JSON parser, except that an empty body is no body: `POST /sync/results` with
 * `Content-Type: application/json` and nothing else is a request many clients send.
 */
export function allowEmptyJsonBody(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void json(req, text, done);
  });
}

/** The most a status page form may send (a sign-in token, a CSRF token). */
const FORM_LIMIT_BYTES = 16 * 1024;

/**
 * HTML forms (`application/x-www-form-urlencoded`), for the status page only: the API itself
 * stays JSON, and a form sent to it is still a 415.
 */
export function allowStatusForms(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
    (req, body, done) => {
      if (!isStatusUrl(req.url)) {
        done(
          Object.assign(new Error('Unsupported Media Type'), {
            code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
            statusCode: 415,
          }),
          undefined,
        );
        return;
      }
      const text = typeof body === 'string' ? body : body.toString('utf8');
      done(null, Object.fromEntries(new URLSearchParams(text)));
    },
  );
}
