import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayConfig } from '../config/env.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { AuthService } from './auth.service.js';
import { RateLimiter } from './rate-limiter.js';
import type { Caller, Scope } from './scopes.js';
import { SCOPE_KEY } from './scopes.js';

interface AuthRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
}

/**
 * Every `/api/v1` endpoint needs `Authorization: Bearer <token>` with the endpoint's scope;
 * run and sync endpoints are rate-limited per token. Health and runner callbacks are outside.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limits: Partial<Record<Scope, RateLimiter>>;

  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.limits = {
      run: new RateLimiter(config.runRatePerMinute),
      sync: new RateLimiter(config.syncRatePerMinute),
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthRequest>();
    if (!req.url.startsWith('/api/')) return true;
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (scope === undefined) throw new Error(`no scope declared for ${req.url}`);
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new ApiError(
        ApiErrorCode.UNAUTHENTICATED,
        'Send an API token: "Authorization: Bearer <token>".',
      );
    }
    const caller = await this.auth.caller(match[1]);
    if (!caller)
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'This API token is unknown or revoked.');
    if (!caller.scopes.includes(scope)) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        `Token "${caller.name}" may not use this endpoint (it needs the "${scope}" scope).`,
      );
    }
    const limiter = this.limits[scope];
    const wait = limiter?.take(caller.tokenId) ?? 0;
    if (wait > 0) {
      throw new ApiError(
        ApiErrorCode.RATE_LIMITED,
        `Too many ${scope} requests for token "${caller.name}"; retry in ${wait} s.`,
        [],
        wait,
      );
    }
    req.caller = caller;
    return true;
  }
}
