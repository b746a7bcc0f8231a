import type { KcidbTarget } from './target.js';
import type { KcidbReport } from './types.js';

/** What became of a POST to /submit; the caller decides to retry, split, alert or give up. */
export type SubmitOutcome =
  | { kind: 'accepted'; submissionId: string; httpStatus: number; body: string }
  | { kind: 'permanent'; httpStatus: number; body: string; reason: string }
  | { kind: 'too-large'; httpStatus: 413; body: string }
  | { kind: 'credentials'; httpStatus: 401 | 403; body: string; reason: string }
  | {
      kind: 'retryable';
      httpStatus?: number;
      body?: string;
      reason: string;
      retryAfterMs?: number;
    };

/** What kcidb-ng's /status says about a submission (kcidb.md §3.6). */
export type StatusOutcome =
  | { kind: 'inprogress' | 'ready' | 'processed' | 'failed' | 'notfound'; body: string }
  | { kind: 'credentials'; httpStatus: number; body: string }
  | { kind: 'retryable'; reason: string; retryAfterMs?: number };

/** Settings of a {@link KcidbClient}. */
export interface KcidbClientOptions {
  target: KcidbTarget;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Outcome bodies are kept for logs and dead letters, not whole. */
export const OUTCOME_BODY_MAX_BYTES = 4096;
// KCIDB's answers are tiny; reading more than this is a misconfigured URL talking.
const READ_MAX_BYTES = 64 * 1024;

const SUBMISSION_STATES = new Set(['inprogress', 'ready', 'processed', 'failed']);

/** HTTP client for a kcidb-ng REST receiver; its methods never throw. */
export class KcidbClient {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: KcidbClientOptions) {
    // Wrapped so the global is looked up per call and never invoked with our `this`.
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** POST one report (or its JSON) to /submit and classify the answer. */
  async submit(report: KcidbReport | string): Promise<SubmitOutcome> {
    let body: string;
    try {
      body = typeof report === 'string' ? report : JSON.stringify(report);
    } catch (err) {
      return {
        kind: 'permanent',
        httpStatus: 0,
        body: '',
        reason: `the report is not serialisable to JSON: ${describe(err)}`,
      };
    }
    const answer = await this.request('POST', this.options.target.submitUrl, body);
    if ('failure' in answer) return { kind: 'retryable', reason: answer.failure };
    const { status, text, json, retryAfterMs } = answer;
    const shown = truncateUtf8(text, OUTCOME_BODY_MAX_BYTES);
    if (status >= 200 && status < 300) {
      const id = json?.id;
      if (json?.status === 'ok' && typeof id === 'string' && id !== '') {
        return { kind: 'accepted', submissionId: id, httpStatus: status, body: shown };
      }
      const reason = `KCIDB answered HTTP ${status} without a submission id`;
      return { kind: 'retryable', httpStatus: status, body: shown, reason };
    }
    if (status === 401 || status === 403) {
      const reason = `KCIDB refused the token (HTTP ${status}): ${message(json, text)}`;
      return { kind: 'credentials', httpStatus: status === 401 ? 401 : 403, body: shown, reason };
    }
    if (status === 413) return { kind: 'too-large', httpStatus: 413, body: shown };
    if (status === 408 || status === 429 || status >= 500) {
      const reason = `KCIDB answered HTTP ${status}: ${message(json, text)}`;
      return {
        kind: 'retryable',
        httpStatus: status,
        body: shown,
        reason,
        ...retryAfter(retryAfterMs),
      };
    }
    if (status >= 300 && status < 400) {
      const reason = `KCIDB answered with a redirect (HTTP ${status}); point the URL at its final address`;
      return { kind: 'permanent', httpStatus: status, body: shown, reason };
    }
    const reason = `KCIDB refused the report (HTTP ${status}): ${message(json, text)}`;
    return { kind: 'permanent', httpStatus: status, body: shown, reason };
  }

  /** Ask /status where submission `id` is: queued, ingested, failed or gone. */
  async status(id: string): Promise<StatusOutcome> {
    const url = `${this.options.target.statusUrl}?id=${encodeURIComponent(id)}`;
    const answer = await this.request('GET', url);
    if ('failure' in answer) return { kind: 'retryable', reason: answer.failure };
    const { status, text, json, retryAfterMs } = answer;
    const body = truncateUtf8(text, OUTCOME_BODY_MAX_BYTES);
    if (status === 200) {
      const state = json?.status;
      if (typeof state === 'string' && SUBMISSION_STATES.has(state)) {
        return { kind: state as 'inprogress' | 'ready' | 'processed' | 'failed', body };
      }
      return {
        kind: 'retryable',
        reason: `KCIDB /status answered 200 with an unknown status: ${message(json, text)}`,
      };
    }
    // 400 is kcidb-ng's answer to an id it cannot hold: it will never be found either.
    if (status === 404 || status === 410 || status === 400) return { kind: 'notfound', body };
    if (status === 401 || status === 403) return { kind: 'credentials', httpStatus: status, body };
    const reason = `KCIDB /status answered HTTP ${status}: ${message(json, text)}`;
    return { kind: 'retryable', reason, ...retryAfter(retryAfterMs) };
  }

  /** Whether the token is accepted, by GET /authtest; false on any failure. */
  async authtest(): Promise<boolean> {
    const url = this.options.target.statusUrl.replace(/\/status$/, '/authtest');
    const answer = await this.request('GET', url);
    return !('failure' in answer) && answer.status === 200;
  }

  private async request(
    method: 'GET' | 'POST',
    url: string,
    body?: string,
  ): Promise<Answer | { failure: string }> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.target.token}`,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await this.fetchFn(url, {
        method,
        headers,
        body,
        // A redirect would turn the POST into a GET or drop the Authorization header.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await readCapped(response, READ_MAX_BYTES);
      return {
        status: response.status,
        text,
        json: parseObject(text),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      };
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        return { failure: `no answer from KCIDB within ${this.options.timeoutMs} ms` };
      }
      return { failure: `could not reach KCIDB: ${describe(err)}` };
    }
  }
}

interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
  retryAfterMs: number | undefined;
}

/** `Retry-After` (delay in seconds, or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its day and month; Date.parse alone would also take "-5" as a year.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The first `maxBytes` of a UTF-8 string, cut on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let cut = maxBytes;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}

function retryAfter(ms: number | undefined): { retryAfterMs?: number } {
  return ms === undefined ? {} : { retryAfterMs: ms };
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  // Node's types leave the chunk type open; fetch bodies are bytes.
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total >= maxBytes) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** kcidb-ng puts the reason in `message`; otherwise the start of the body. */
function message(json: Record<string, unknown> | undefined, text: string): string {
  const msg = json?.message;
  if (typeof msg === 'string' && msg !== '') return msg;
  const start = text.trim().slice(0, 200);
  return start === '' ? '(empty body)' : start;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED...) in `cause`.
  const cause: unknown = err.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return err.message;
}
