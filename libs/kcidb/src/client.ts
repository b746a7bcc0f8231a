import {
  answerDetail,
  classifySubmitAnswer,
  describeError,
  fetchAnswer,
  type HttpAnswer,
  type HttpFailure,
  type SubmitPeer,
} from './http-answer.js';
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

/** kcidb-ng: `{"id": "<id>", "status": "ok", "message": …}` on a 200. */
const KCIDB: SubmitPeer = {
  name: 'KCIDB',
  redirectHint: 'point the URL at its final address',
  submissionId: (json) => {
    const id = json?.id;
    return json?.status === 'ok' && typeof id === 'string' && id !== '' ? id : undefined;
  },
};

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
        reason: `the report is not serialisable to JSON: ${describeError(err)}`,
      };
    }
    const answer = await this.request('POST', this.options.target.submitUrl, body);
    if ('failure' in answer) return { kind: 'retryable', reason: answer.failure };
    const shown = truncateUtf8(answer.text, OUTCOME_BODY_MAX_BYTES);
    const outcome = classifySubmitAnswer(answer, KCIDB);
    switch (outcome.kind) {
      case 'accepted':
        return {
          kind: 'accepted',
          submissionId: outcome.id,
          httpStatus: outcome.httpStatus,
          body: shown,
        };
      case 'too-large':
        return { kind: 'too-large', httpStatus: 413, body: shown };
      case 'credentials':
      case 'retryable':
        return { ...outcome, body: shown };
      case 'permanent':
        return {
          kind: 'permanent',
          httpStatus: outcome.httpStatus,
          body: shown,
          reason: outcome.reason,
        };
    }
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
        reason: `KCIDB /status answered 200 with an unknown status: ${answerDetail(json, text)}`,
      };
    }
    // 400 is kcidb-ng's answer to an id it cannot hold: it will never be found either.
    if (status === 404 || status === 410 || status === 400) return { kind: 'notfound', body };
    if (status === 401 || status === 403) return { kind: 'credentials', httpStatus: status, body };
    const reason = `KCIDB /status answered HTTP ${status}: ${answerDetail(json, text)}`;
    return { kind: 'retryable', reason, ...retryAfter(retryAfterMs) };
  }

  /** Whether the token is accepted, by GET /authtest; false on any failure. */
  async authtest(): Promise<boolean> {
    const url = this.options.target.statusUrl.replace(/\/status$/, '/authtest');
    const answer = await this.request('GET', url);
    return !('failure' in answer) && answer.status === 200;
  }

  private request(
    method: 'GET' | 'POST',
    url: string,
    body?: string,
  ): Promise<HttpAnswer | HttpFailure> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.target.token}`,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetchAnswer(url, {
      method,
      headers,
      body,
      timeoutMs: this.options.timeoutMs,
      maxBytes: READ_MAX_BYTES,
      fetch: this.fetchFn,
      peer: 'KCIDB',
    });
  }
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
