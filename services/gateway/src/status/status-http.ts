import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import type { Html } from './html.js';

/**
 * Sends a page with headers that keep it ours: no scripts or outside resources at all (CSP), no
 * framing (the Retry button cannot be clickjacked), no caching of what a token could see, no
 * referrer to other sites (`same-origin`: with `no-referrer` a browser sends `Origin: null` on
 * our own forms, which `assertSameOrigin` must refuse).
 */
export function sendHtml(reply: FastifyReply, status: number, page: Html): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .send(page.text);
}

/** A 303 to the status page (after a form), with cookies to set. */
export function redirectToStatus(reply: FastifyReply, cookies: string[]): void {
  if (cookies.length > 0) void reply.header('set-cookie', cookies);
  void reply.status(303).header('location', '/status').header('cache-control', 'no-store').send();
}

/** Cookies get `Secure` when the page was served over HTTPS (Caddy says so in X-Forwarded-Proto). */
export function secureCookies(req: FastifyRequest): boolean {
  return req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';
}

/**
 * A form must come from this host: a browser sends `Origin` with every POST, and another site's
 * does not match our `Host`. (Beside SameSite=Strict and the CSRF token; it also stops a foreign
 * page from signing a browser in with the attacker's token.)
 */
export function assertSameOrigin(req: FastifyRequest): void {
  const origin = req.headers['origin'];
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  // Behind a proxy that rewrites Host, the original is in X-Forwarded-Host (Caddy keeps Host).
  const forwarded = req.headers['x-forwarded-host'];
  const ours =
    typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : req.headers['host'];
  if (host === undefined || host !== ours) {
    throw new ApiError(
      ApiErrorCode.FORBIDDEN,
      'This form was sent from another site; it is refused.',
    );
  }
}

/** One text field of a submitted form, if present. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}
