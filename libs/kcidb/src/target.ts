/** Where and how to submit: the KCIDB REST endpoints and the token sent as a Bearer header. */
export interface KcidbTarget {
  submitUrl: string;
  statusUrl: string;
  token: string;
  /** The submit URL without any credentials: safe to log. */
  display: string;
}

/** Why a KCIDB target could not be configured. */
export type KcidbConfigErrorCode =
  | 'MISSING_URL'
  | 'INVALID_URL'
  | 'UNSUPPORTED_SCHEME'
  | 'QUERY_NOT_ALLOWED'
  | 'MISSING_TOKEN'
  | 'INVALID_TOKEN';

/** A bad KCIDB target setting; its message never contains the token. */
export class KcidbConfigError extends Error {
  constructor(
    readonly code: KcidbConfigErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KcidbConfigError';
  }
}

// A Bearer token is sent in a header: anything outside visible ASCII would make
// fetch() throw at submit time, far from the setting that caused it.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * The KCIDB target from `KCIDB_REST` (`https://<token>@host[:port][/path]`) or a URL and a
 * token. An explicit `url` wins over `rest`, and an explicit `token` over one in the URL,
 * as in kci-dev. The path is kept and `/submit` appended unless it is already there.
 */
export function parseKcidbTarget(input: {
  rest?: string;
  url?: string;
  token?: string;
}): KcidbTarget {
  const url = nonEmpty(input.url);
  const rest = nonEmpty(input.rest);
  const source = url ?? rest;
  // Named after the setting, never echoed: the value may carry the token.
  const setting = url !== undefined ? 'the KCIDB URL' : 'KCIDB_REST';
  if (source === undefined) {
    throw new KcidbConfigError(
      'MISSING_URL',
      'no KCIDB URL: set KCIDB_REST or give a URL and a token',
    );
  }

  let parsed: URL;
  try {
    parsed = new URL(source);
  } catch {
    throw new KcidbConfigError(
      'INVALID_URL',
      `${setting} is not a valid URL (expected https://<token>@host[:port][/path])`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new KcidbConfigError(
      'UNSUPPORTED_SCHEME',
      `${setting} must start with https:// (or http:// for a local receiver), not ${parsed.protocol}//`,
    );
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new KcidbConfigError(
      'UNSUPPORTED_SCHEME',
      `${setting} uses http:// for a remote host: the token would travel unencrypted; use https:// (http:// is for a receiver on loopback)`,
    );
  }
  if (parsed.search !== '') {
    throw new KcidbConfigError('QUERY_NOT_ALLOWED', `${setting} must not have a query string`);
  }

  const token = nonEmpty(input.token) ?? tokenFromUserInfo(parsed, setting);
  if (token === undefined) {
    throw new KcidbConfigError(
      'MISSING_TOKEN',
      `no KCIDB token: put it in ${setting} as https://<token>@host or give it separately`,
    );
  }
  if (!HEADER_SAFE.test(token)) {
    throw new KcidbConfigError(
      'INVALID_TOKEN',
      'the KCIDB token contains spaces or characters that cannot be sent in an HTTP header',
    );
  }

  // Collapse repeated slashes and drop trailing ones so appending never doubles them.
  let base = parsed.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  if (base.endsWith('/submit')) base = base.slice(0, -'/submit'.length);
  const root = `${parsed.protocol}//${parsed.host}${base}`;
  const submitUrl = `${root}/submit`;
  return { submitUrl, statusUrl: `${root}/status`, token, display: submitUrl };
}

function tokenFromUserInfo(url: URL, setting: string): string | undefined {
  if (url.username === '') return undefined;
  try {
    return nonEmpty(decodeURIComponent(url.username));
  } catch {
    throw new KcidbConfigError(
      'INVALID_TOKEN',
      `the token in ${setting} is not valid percent-encoding`,
    );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** localhost, 127.0.0.0/8 or ::1: the only hosts a token may be sent to over plain HTTP. */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
