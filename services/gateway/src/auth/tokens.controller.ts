import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches } from 'class-validator';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { ApiErrors } from '../openapi/problems.js';
import { TokenCreatedDoc, TokenDoc } from '../openapi/responses.js';
import { AuthService } from './auth.service.js';
import type { Scope } from './scopes.js';
import { RequiresScope, SCOPES } from './scopes.js';
import type { TokenRecord } from './token.repository.js';
import { TokenRepository, newToken } from './token.repository.js';

export class CreateTokenDto {
  @Matches(/^[A-Za-z0-9 ._@-]{1,64}$/, {
    message: 'name must be 1 to 64 letters, digits, spaces, ., _, @ or -',
  })
  @IsString({ message: 'name is required' })
  name!: string;

  @Matches(/^(\*|[a-z0-9_]+)$/, {
    each: true,
    message: 'each origin must be a KCIDB origin (lowercase, digits, _) or *',
  })
  @ArrayUnique()
  @ArrayMinSize(1, {
    message: 'origins must list at least one KCIDB origin the token may submit under (or "*")',
  })
  @IsArray({ message: 'origins must be an array' })
  origins!: string[];

  @IsIn(SCOPES, { each: true, message: `each scope must be one of ${SCOPES.join(', ')}` })
  @ArrayUnique()
  @ArrayMinSize(1, { message: 'scopes must list at least one of submit, run, sync, read, admin' })
  @IsArray({ message: 'scopes must be an array' })
  scopes!: Scope[];
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  origins: string[];
  scopes: Scope[];
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

function view(t: TokenRecord): TokenView {
  const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    origins: t.origins,
    scopes: t.scopes,
    created_at: new Date(t.created_at).toISOString(),
    revoked_at: iso(t.revoked_at),
    last_used_at: iso(t.last_used_at),
  };
}

/** Token administration, behind the admin scope. Tokens are shown once, at creation. */
@ApiTags('admin')
@Controller('api/v1/admin/tokens')
@RequiresScope('admin')
export class TokensController {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API token; the secret is shown once (scope: admin)' })
  @ApiResponse({ status: 201, type: TokenCreatedDoc })
  @ApiErrors(ApiErrorCode.MALFORMED_JSON, ApiErrorCode.INVALID_FIELDS)
  async create(@Body() body: CreateTokenDto): Promise<TokenView & { token: string }> {
    const token = newToken();
    try {
      return {
        ...view(await this.tokens.create(token, body.name, body.origins, body.scopes)),
        token,
      };
    } catch (e) {
      if (e instanceof Error && /unique|duplicate/i.test(e.message)) {
        throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'a live token already has this name', [
          {
            field: 'name',
            message: `"${body.name}" is taken; revoke that token or pick another name`,
          },
        ]);
      }
      throw e;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Every token, live and revoked, without secrets (scope: admin)' })
  @ApiOkResponse({ type: [TokenDoc] })
  @ApiErrors()
  async list(): Promise<TokenView[]> {
    return (await this.tokens.list()).map(view);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token, effective within seconds (scope: admin)' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiErrors(ApiErrorCode.NOT_FOUND)
  async revoke(
    @Param(
      'id',
      new ParseUUIDPipe({
        exceptionFactory: () => new ApiError(ApiErrorCode.NOT_FOUND, 'Token ids are UUIDs.'),
      }),
    )
    id: string,
  ): Promise<void> {
    if (!(await this.tokens.revoke(id)))
      throw new ApiError(ApiErrorCode.NOT_FOUND, `No live token ${id}.`);
    this.auth.forget();
  }
}
