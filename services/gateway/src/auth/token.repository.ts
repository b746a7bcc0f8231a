import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';
import type { Scope } from './scopes.js';

export interface TokenRecord {
  id: string;
  name: string;
  prefix: string;
  origins: string[];
  scopes: Scope[];
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** A token is 32 random bytes; only its SHA-256 is stored (no salt needed at that entropy). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return `kcib_${randomBytes(32).toString('base64url')}`;
}

/** API tokens, by hash. The gateway owns them. */
@Injectable()
export class TokenRepository {
  constructor(private readonly db: Database) {}

  /** Stores a new token; returns its record. Throws on a live token with the same name. */
  async create(
    token: string,
    name: string,
    origins: string[],
    scopes: Scope[],
  ): Promise<TokenRecord> {
    const [row] = await this.db.execute<TokenRecord>(
      `insert into api_tokens (id, name, hash, prefix, origins, scopes) values (?, ?, ?, ?, ?::jsonb, ?::jsonb)
       returning id, name, prefix, origins, scopes, created_at, revoked_at, last_used_at`,
      [
        randomUUID(),
        name,
        hashToken(token),
        token.slice(0, 9),
        JSON.stringify(origins),
        JSON.stringify(scopes),
      ],
    );
    if (!row) throw new Error('token not stored');
    return row;
  }

  /** Stores a token unless one with this name is live (replicas bootstrapping together); true if stored. */
  async createOnce(
    token: string,
    name: string,
    origins: string[],
    scopes: Scope[],
  ): Promise<boolean> {
    const rows = await this.db.execute<{ id: string }>(
      `insert into api_tokens (id, name, hash, prefix, origins, scopes) values (?, ?, ?, ?, ?::jsonb, ?::jsonb)
       on conflict do nothing returning id`,
      [
        randomUUID(),
        name,
        hashToken(token),
        token.slice(0, 9),
        JSON.stringify(origins),
        JSON.stringify(scopes),
      ],
    );
    return rows.length === 1;
  }

  async byHash(hash: string): Promise<TokenRecord | undefined> {
    const [row] = await this.db.execute<TokenRecord>(
      `select id, name, prefix, origins, scopes, created_at, revoked_at, last_used_at
       from api_tokens where hash = ? and revoked_at is null`,
      [hash],
    );
    return row;
  }

  async anyAdmin(): Promise<boolean> {
    const rows = await this.db.execute(
      `select 1 from api_tokens where revoked_at is null and scopes @> '["admin"]'::jsonb limit 1`,
    );
    return rows.length > 0;
  }

  async list(): Promise<TokenRecord[]> {
    return this.db.execute<TokenRecord>(
      `select id, name, prefix, origins, scopes, created_at, revoked_at, last_used_at from api_tokens order by created_at`,
    );
  }

  /** Revokes a token; false when there is no live token with that id. */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.db.execute<{ id: string }>(
      `update api_tokens set revoked_at = now() where id = ? and revoked_at is null returning id`,
      [id],
    );
    return rows.length === 1;
  }

  async revokeByName(name: string): Promise<void> {
    await this.db.execute(
      `update api_tokens set revoked_at = now() where name = ? and revoked_at is null`,
      [name],
    );
  }

  async touch(id: string): Promise<void> {
    await this.db.execute(`update api_tokens set last_used_at = now() where id = ?`, [id]);
  }
}
