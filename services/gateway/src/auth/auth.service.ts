import { PINO } from '@kci-bridge/service-kit';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { GatewayConfig } from '../config/env.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { Caller, Scope } from './scopes.js';
import { SCOPES } from './scopes.js';
import { TokenRepository, hashToken, newToken } from './token.repository.js';

const CACHE_MS = 5_000;
const BOOTSTRAP_NAME = 'admin';
const ENV_ADMIN_NAME = 'admin (KCI_ADMIN_TOKEN)';

/** Looks up callers by token (hash, briefly cached) and creates the first admin token. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly cache = new Map<string, { caller: Caller | undefined; at: number }>();

  constructor(
    private readonly tokens: TokenRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  /**
   * The admin token: `KCI_ADMIN_TOKEN` when set (its hash is stored), else, on the very first
   * start, a new one, printed once on stdout and never logged.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminToken !== undefined) {
      if (!(await this.tokens.byHash(hashToken(this.config.adminToken)))) {
        // A new value replaces the old one: rotating KCI_ADMIN_TOKEN revokes the previous token.
        await this.tokens.revokeByName(ENV_ADMIN_NAME);
        await this.tokens.createOnce(this.config.adminToken, ENV_ADMIN_NAME, ['*'], [...SCOPES]);
      }
      return;
    }
    if (await this.tokens.anyAdmin()) return;
    const token = newToken();
    if (await this.tokens.createOnce(token, BOOTSTRAP_NAME, ['*'], [...SCOPES])) {
      process.stdout.write(
        `\nkci-bridge created its admin token. It is shown this once and never again; keep it safe:\n\n  ${token}\n\n` +
          'Use it as "Authorization: Bearer <token>" to create API tokens: POST /api/v1/admin/tokens\n\n',
      );
      this.logger.warn('an admin token was created and printed once on stdout');
    }
  }

  /** The live token behind `token`, or undefined. */
  async caller(token: string): Promise<Caller | undefined> {
    const hash = hashToken(token);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.caller;
    let record;
    try {
      record = await this.tokens.byHash(hash);
    } catch (e) {
      // PostgreSQL is down: the last answer for this token stands (submissions only need NATS);
      // a token never seen is a 503 to retry, not a 500.
      if (hit) return hit.caller;
      throw new ApiError(
        ApiErrorCode.STORE_UNAVAILABLE,
        'The token store is unreachable; nothing was accepted. Retry shortly.',
        [],
        5,
        { cause: e },
      );
    }
    // Looked up by hash: the token itself is never compared, stored or logged.
    const caller = record
      ? { tokenId: record.id, name: record.name, origins: record.origins, scopes: record.scopes }
      : undefined;
    this.cache.set(hash, { caller, at: Date.now() });
    if (this.cache.size > 10_000) this.cache.clear();
    if (caller) void this.tokens.touch(caller.tokenId).catch(() => undefined);
    return caller;
  }

  /**
   * The caller behind `token` if it has `scope`: else a 401 (unknown or revoked token) or a 403
   * saying what it may not do (`action`, e.g. "use this endpoint").
   */
  async authorize(token: string, scope: Scope, action: string): Promise<Caller> {
    const caller = await this.caller(token);
    if (!caller)
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'This API token is unknown or revoked.');
    if (!caller.scopes.includes(scope)) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        `Token "${caller.name}" may not ${action} (it needs the "${scope}" scope).`,
      );
    }
    return caller;
  }

  /** Forgets cached lookups (after a revoke, so it takes effect at once on this replica). */
  forget(): void {
    this.cache.clear();
  }
}
