/**
 * What kcidb-restd-rs (kcidb-ng's REST receiver) says on the wire, byte for byte where a client
 * could notice: answers, auth messages, submission ids. Kept apart from the server so the rules
 * read in one place. Source: kcidb-ng `kcidb-restd-rs/src/main.rs`, summarised in
 * shared/reference/kcidb.md §3.
 */
import { randomBytes, randomInt } from 'node:crypto';

/** Every JSON answer of the real server has this shape (`message` is always present there). */
export interface KcidbAnswer {
  id: string;
  status: string;
  message: string;
}

/** Submission states reported by `GET /status` (`notfound` is the 404). */
export type KcidbSubmissionStatus = 'inprogress' | 'ready' | 'processed' | 'failed' | 'notfound';

export const STATUS_MESSAGES: Record<KcidbSubmissionStatus, string> = {
  inprogress: 'File still in progress',
  ready: 'File waiting for processing',
  processed: 'File archived',
  failed: 'File failed to pass validation',
  notfound: 'File not found',
};

/** The real server's default and maximum body size (axum `RequestBodyLimitLayer`). */
export const DEFAULT_BODY_LIMIT_BYTES = 512 * 1024 * 1024;

/** axum answers a `String` body as text/plain even when it holds JSON; clients must not care. */
export const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** Serialises an answer with the field order serde produces (`id`, `status`, `message`). */
export function answer(status: string, id: string, message: string): string {
  const body: KcidbAnswer = { id, status, message };
  return JSON.stringify(body);
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A submission id as rand's `Alphanumeric` distribution makes them: 32 of [A-Za-z0-9]. */
export function newSubmissionId(): string {
  let id = '';
  for (let i = 0; i < 32; i += 1) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

/** Rust's `char::is_alphanumeric` is Unicode-aware, hence letters and numbers of any script. */
export function isAlphanumericId(id: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(id);
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * A token shaped like the HS256 JWTs kcidb-ng issues (`{origin, gendate, exp}`), so a client's
 * handling of dots, dashes and underscores in `KCIDB_REST`'s userinfo is exercised. The fake
 * compares it as an opaque string; it never verifies a signature.
 */
export function newFakeJwt(origin = 'fake'): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const now = Math.floor(Date.now() / 1000);
  const claims = base64url(
    JSON.stringify({ origin, gendate: new Date().toISOString(), exp: now + 5 * 365 * 86_400 }),
  );
  return `${header}.${claims}.${base64url(randomBytes(32))}`;
}

/**
 * The real `verify_auth`: no header → "JWT is required"; a header that is not visible ASCII →
 * "Missing or invalid JWT"; no second space-separated word → "Missing or invalid JWT (Bearer)"
 * (the first word is never checked, so `Token <jwt>` passes and a bare `<jwt>` does not); a
 * token it did not sign → jsonwebtoken's error text. `tokens` are the JWTs its secret signed (one
 * per origin). Returns the rejection message, or undefined if allowed.
 */
export function authError(
  header: string | undefined,
  tokens: readonly string[],
): string | undefined {
  if (header === undefined) return 'JWT is required';
  if (!/^[\t\x20-\x7e]*$/.test(header)) return 'Missing or invalid JWT';
  const presented = header.split(' ')[1];
  if (presented === undefined) return 'Missing or invalid JWT (Bearer)';
  if (tokens.includes(presented)) return undefined;
  // jsonwebtoken cannot even decode something that is not three dot-separated parts.
  return presented.split('.').length === 3 ? 'InvalidSignature' : 'InvalidToken';
}
