import { SetMetadata } from '@nestjs/common';

/** What a token may do: submit results, launch runs, trigger syncs, read state, administer tokens. */
export const SCOPES = ['submit', 'run', 'sync', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_KEY = 'kci:scope';

/** The scope an endpoint needs. Every `/api/v1` handler declares one; the guard refuses a handler without. */
export const RequiresScope = (scope: Scope): MethodDecorator & ClassDecorator =>
  SetMetadata(SCOPE_KEY, scope);

export const NO_TOKEN_KEY = 'kci:no-token';

/** A status page route that needs no token (signing in and out). `/api/v1` has none. */
export const NoToken = (): MethodDecorator => SetMetadata(NO_TOKEN_KEY, true);

/** The token behind a request, for handlers that check origins. */
export interface Caller {
  tokenId: string;
  name: string;
  origins: string[];
  scopes: Scope[];
}

/** Whether the caller may submit objects under `origin` (`*` allows any). */
export function mayUseOrigin(caller: Caller, origin: string): boolean {
  return caller.origins.includes('*') || caller.origins.includes(origin);
}
