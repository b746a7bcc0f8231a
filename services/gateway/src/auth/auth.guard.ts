import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GatewayConfig } from '../config/env.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { AuthService } from './auth.service.js';
import { RateLimiter } from './rate-limiter.js';
import type { Caller, Scope } from './scopes.js';
import { NO_TOKEN_KEY, SCOPE_KEY } from './scopes.js';
import type { StatusSession } from './status-session.js';
import { bearerOf, isStatusUrl, sessionOf } from './status-session.js';

export interface AuthRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
  /** Set when a status page request was authenticated by its session cookie (forms then need the CSRF token). */
  statusSession?: StatusSession;
}

/**
 * Every `/api/v1` endpoint needs `Authorization: Bearer <token>` with the endpoint's scope;
 * run and sync endpoints are rate-limited per token. The status page (`/status`) needs the same
 * tokens and scopes, from the header or from its session cookie (accepted there only). Health and
 * runner callbacks are outside.
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
    const status = isStatusUrl(req.url);
    if (!req.url.startsWith('/api/') && !status) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(NO_TOKEN_KEY, targets)) return true;
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(SCOPE_KEY, targets);
    if (scope === undefined) throw new Error(`no scope declared for ${req.url}`);
    const bearer = bearerOf(req.headers);
    const session = status && bearer === undefined ? sessionOf(req.headers) : undefined;
    const token = bearer ?? session?.token;
    if (token === undefined) {
      throw new ApiError(
        ApiErrorCode.UNAUTHENTICATED,
        status
          ? `Sign in with an API token that has the "${scope}" scope.`
          : 'Send an API token: "Authorization: Bearer <token>".',
      );
    }
    const caller = await this.auth.authorize(token, scope, 'use this endpoint');
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
    if (session) req.statusSession = session;
    return true;
  }
}
