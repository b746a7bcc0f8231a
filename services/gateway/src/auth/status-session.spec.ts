import { describe, expect, it } from 'vitest';
import {
  csrfMatches,
  csrfTokenOf,
  flashCookie,
  flashOf,
  isStatusUrl,
  newSessionCookie,
  sessionOf,
} from './status-session.js';

/** The request headers a browser sends back for a Set-Cookie value. */
const sent = (setCookie: string) => ({ cookie: `other=1; ${setCookie.split(';')[0] ?? ''}` });

describe('status page session', () => {
  it('keeps any token in an HttpOnly, SameSite=Strict cookie for /status only', () => {
    const token = 'an admin token; with = odd , characters';
    const set = newSessionCookie(token, false);
    expect(set).toMatch(/; Path=\/status; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(newSessionCookie(token, true)).toMatch(/; Secure$/);
    expect(sessionOf(sent(set))?.token).toBe(token);
    expect(sessionOf({ cookie: 'kci_status=garbage' })).toBeUndefined();
    expect(sessionOf({})).toBeUndefined();
  });

  it('gives each sign-in its own CSRF token, and refuses a missing or wrong one', () => {
    const a = sessionOf(sent(newSessionCookie('kcib_token', false)));
    const b = sessionOf(sent(newSessionCookie('kcib_token', false)));
    if (!a || !b) throw new Error('no session');
    expect(csrfTokenOf(a)).not.toBe(csrfTokenOf(b));
    expect(csrfMatches(a, csrfTokenOf(a))).toBe(true);
    expect(csrfMatches(a, csrfTokenOf(b))).toBe(false);
    expect(csrfMatches(a, undefined)).toBe(false);
    expect(csrfMatches(a, '')).toBe(false);
    expect(csrfTokenOf(a)).not.toContain('kcib_token');
  });

  it('carries a flash message to the next page, and ignores a malformed one', () => {
    expect(flashOf(sent(flashCookie('ok', 'Dead letter 3 retried', false)))).toEqual({
      kind: 'ok',
      text: 'Dead letter 3 retried',
    });
    expect(flashOf({ cookie: 'kci_status_flash=%%%' })).toBeUndefined();
  });

  it('knows the status page URLs', () => {
    expect(isStatusUrl('/status')).toBe(true);
    expect(isStatusUrl('/status?x=1')).toBe(true);
    expect(isStatusUrl('/status/dead-letters/1/retry')).toBe(true);
    expect(isStatusUrl('/statusx')).toBe(false);
    expect(isStatusUrl('/api/v1/status')).toBe(false);
  });
});
