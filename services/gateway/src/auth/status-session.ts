import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The status page's browser session: a browser cannot send a Bearer header when it navigates, so
 * after signing in the API token rides in an HttpOnly, SameSite=Strict cookie limited to
 * `/status`, beside a random nonce that makes each sign-in its own session. Nothing is stored on
 * the server, so every gateway replica accepts it, and a revoked token stops working at once.
 */
export const SESSION_COOKIE = 'kci_status';
export const FLASH_COOKIE = 'kci_status_flash';
const PATH = '/status';
const SESSION_SECONDS = 8 * 3600;

export interface StatusSession {
  nonce: string;
  token: string;
}

/** Whether a URL is one of the status page's (`/status`, `/status/...`). */
export function isStatusUrl(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/status' || path.startsWith('/status/');
}

type Headers = Record<string, string | string[] | undefined>;

/** The cookies a request carries, by name (the first of a repeated name wins). */
export function cookiesOf(headers: Headers): Map<string, string> {
  const out = new Map<string, string>();
  const header = headers['cookie'];
  for (const part of (typeof header === 'string' ? header : '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** The session in a request's cookie, or undefined when there is none or it is malformed. */
export function sessionOf(headers: Headers): StatusSession | undefined {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{1,1400})$/.exec(
    cookiesOf(headers).get(SESSION_COOKIE) ?? '',
  );
  if (!m?.[1] || !m[2]) return undefined;
  const token = Buffer.from(m[2], 'base64url').toString('utf8');
  return token === '' ? undefined : { nonce: m[1], token };
}

/** The API token of a `Authorization: Bearer` header, or undefined. */
export function bearerOf(headers: Headers): string | undefined {
  const header = headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function attributes(secure: boolean, maxAge: number): string {
  return `Path=${PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** A new session for `token`: the Set-Cookie value. */
export function newSessionCookie(token: string, secure: boolean): string {
  const value = `${randomBytes(16).toString('base64url')}.${Buffer.from(token).toString('base64url')}`;
  return `${SESSION_COOKIE}=${value}; ${attributes(secure, SESSION_SECONDS)}`;
}

/** Set-Cookie values that end the session and drop any flash message. */
export function clearedCookies(secure: boolean): string[] {
  return [SESSION_COOKIE, FLASH_COOKIE].map((n) => `${n}=; ${attributes(secure, 0)}`);
}

/**
 * The session's CSRF token, put in every form: an HMAC keyed by the API token over the session's
 * nonce, so only a page that was served to this session can carry it, and it changes with each
 * sign-in. Knowing it reveals nothing about the token.
 */
export function csrfTokenOf(session: StatusSession): string {
  return createHmac('sha256', session.token)
    .update(`kci-status-csrf:${session.nonce}`)
    .digest('base64url');
}

/** Whether a submitted form's CSRF token is this session's (compared in constant time). */
export function csrfMatches(session: StatusSession, given: string | undefined): boolean {
  if (given === undefined) return false;
  const want = Buffer.from(csrfTokenOf(session));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

export type FlashKind = 'ok' | 'error';

/** A one-time message shown by the next `GET /status` (after a redirect). */
export function flashCookie(kind: FlashKind, text: string, secure: boolean): string {
  const value = Buffer.from(JSON.stringify({ kind, text: text.slice(0, 500) })).toString(
    'base64url',
  );
  return `${FLASH_COOKIE}=${value}; ${attributes(secure, 60)}`;
}

/** The flash message a request carries, if any. */
export function flashOf(headers: Headers): { kind: FlashKind; text: string } | undefined {
  const raw = cookiesOf(headers).get(FLASH_COOKIE);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const { kind, text } = v as { kind?: unknown; text?: unknown };
    if ((kind !== 'ok' && kind !== 'error') || typeof text !== 'string') return undefined;
    return { kind, text };
  } catch {
    return undefined;
  }
}

/** Set-Cookie value that drops a shown flash message. */
export function flashShown(secure: boolean): string {
  return `${FLASH_COOKIE}=; ${attributes(secure, 0)}`;
}
