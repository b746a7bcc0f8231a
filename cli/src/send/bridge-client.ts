/**
 * HTTP client for a kci-bridge gateway (`--via`): `POST /api/v1/kcidb/submit` with a KCIDB
 * report, and `GET /api/v1/submissions/{id}` to follow it. Its methods never throw. Answers are
 * read and classified by libs/kcidb's `fetchAnswer` and `classifySubmitAnswer`, as `KcidbClient`
 * does, so `--via` and direct submission retry and give up on the same answers.
 */
import {
  answerDetail,
  classifySubmitAnswer,
  fetchAnswer,
  type HttpAnswer,
  type HttpFailure,
  type SubmitPeer,
} from '@kci-bridge/kcidb';

/** One field the gateway refused (its problem+json `errors`). */
export interface BridgeFieldError {
  field: string;
  message: string;
}

/** What became of a POST to `/api/v1/kcidb/submit`. */
export type BridgeSubmitOutcome =
  | {
      kind: 'accepted';
      id: string;
      objects: number;
      warnings: Array<{ path: string; message: string }>;
    }
  /** 400, 415, 422: the gateway refused the report; `errors` says which fields. */
  | { kind: 'invalid'; httpStatus: number; detail: string; errors: BridgeFieldError[] }
  | { kind: 'too-large'; detail: string }
  | { kind: 'credentials'; httpStatus: 401 | 403; reason: string }
  /** Anything else that retrying will not fix: 404 (not a gateway), a redirect, other 4xx. */
  | { kind: 'permanent'; httpStatus: number; reason: string }
  /** Network errors, timeouts, 408, 429, 5xx (503: the bridge's NATS is down). */
  | { kind: 'retryable'; reason: string; httpStatus?: number; retryAfterMs?: number };

/** The submitter's counts of a submission's objects. */
export interface SubmissionCounts {
  pending: number;
  posted: number;
  submitted: number;
  dead: number;
}

/** One object of a submission, as the gateway shows it. */
export interface SubmissionItem {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  reason?: string;
}

/** `GET /api/v1/submissions/{id}`, the parts the CLI uses. */
export interface SubmissionView {
  id: string;
  /** parsed, submitting, submitted, partially_failed or failed. */
  state: string;
  counts: SubmissionCounts;
  items: SubmissionItem[];
}

/** What the gateway says about a submission. */
export type BridgeViewOutcome =
  | { kind: 'view'; view: SubmissionView }
  /** 404: not known (yet: the submitter records a submission a moment after it is accepted). */
  | { kind: 'notfound' }
  | { kind: 'credentials'; httpStatus: number }
  | { kind: 'retryable'; reason: string };

/** The states after which nothing changes any more. */
export const SETTLED_STATES: ReadonlySet<string> = new Set([
  'submitted',
  'failed',
  'partially_failed',
]);

export interface BridgeClientOptions {
  /** The gateway's base URL, without a trailing slash (see `parseViaUrl`). */
  base: string;
  token?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

// The submit answer is small; a submission's view lists every object (10 000 tests: ~2 MB).
const SUBMIT_READ_MAX_BYTES = 64 * 1024;
const VIEW_READ_MAX_BYTES = 32 * 1024 * 1024;
const SUBMISSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The gateway's 202: `{"id", "status": "accepted", "objects", "warnings", "links"}`. */
const GATEWAY: SubmitPeer = {
  name: 'the gateway',
  tokenName: 'the kci-bridge gateway',
  redirectHint: 'give --via its final address',
  submissionId: (json) => {
    const id = json?.id;
    return typeof id === 'string' && SUBMISSION_ID.test(id) ? id : undefined;
  },
};

export class BridgeClient {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: BridgeClientOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Where the report goes. */
  get submitUrl(): string {
    return `${this.options.base}/api/v1/kcidb/submit`;
  }

  /** The URL a person (or `--wait`) follows a submission at. */
  submissionUrl(id: string): string {
    return `${this.options.base}/api/v1/submissions/${encodeURIComponent(id)}`;
  }

  /** POST a KCIDB report (its JSON) and classify the answer. */
  async submit(body: string): Promise<BridgeSubmitOutcome> {
    const answer = await this.request('POST', this.submitUrl, SUBMIT_READ_MAX_BYTES, body);
    if ('failure' in answer) return { kind: 'retryable', reason: answer.failure };
    const { status, json } = answer;
    const outcome = classifySubmitAnswer(answer, GATEWAY);
    switch (outcome.kind) {
      case 'accepted':
        return {
          kind: 'accepted',
          id: outcome.id,
          objects: typeof json?.objects === 'number' ? json.objects : 0,
          warnings: issues(json?.warnings, 'path'),
        };
      case 'too-large':
        return { kind: 'too-large', detail: outcome.detail };
      case 'credentials':
      case 'retryable':
        return outcome;
      case 'permanent':
        break;
    }
    // What the gateway's refusals say beyond KCIDB's: which fields, or that it is not a gateway.
    if (status === 400 || status === 415 || status === 422) {
      return {
        kind: 'invalid',
        httpStatus: status,
        detail: answerDetail(json, answer.text),
        errors: issues(json?.errors, 'field').map(({ path, message }) => ({
          field: path,
          message,
        })),
      };
    }
    if (status === 404) {
      return {
        kind: 'permanent',
        httpStatus: status,
        reason: `no kci-bridge gateway answers at ${this.submitUrl} (HTTP 404); --via takes the gateway's base URL, e.g. https://bridge.example.org`,
      };
    }
    return { kind: 'permanent', httpStatus: status, reason: outcome.reason };
  }

  /** Where submission `id` is: parsed, submitting, submitted, partially_failed or failed. */
  async submission(id: string): Promise<BridgeViewOutcome> {
    const answer = await this.request('GET', this.submissionUrl(id), VIEW_READ_MAX_BYTES);
    if ('failure' in answer) return { kind: 'retryable', reason: answer.failure };
    const { status, json, text } = answer;
    if (status === 200) {
      const view = submissionView(json);
      if (view) return { kind: 'view', view };
      return {
        kind: 'retryable',
        reason: `the gateway answered 200 with something that is not a submission: ${answerDetail(json, text)}`,
      };
    }
    if (status === 404) return { kind: 'notfound' };
    if (status === 401 || status === 403) return { kind: 'credentials', httpStatus: status };
    return {
      kind: 'retryable',
      reason: `the gateway answered HTTP ${status}: ${answerDetail(json, text)}`,
    };
  }

  private request(
    method: 'GET' | 'POST',
    url: string,
    maxBytes: number,
    body?: string,
  ): Promise<HttpAnswer | HttpFailure> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.token !== undefined) headers['Authorization'] = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetchAnswer(url, {
      method,
      headers,
      body,
      timeoutMs: this.options.timeoutMs,
      maxBytes,
      fetch: this.fetchFn,
      peer: 'the gateway',
      showUrl: true,
    });
  }
}

function submissionView(json: Record<string, unknown> | undefined): SubmissionView | undefined {
  if (json === undefined || typeof json.id !== 'string' || typeof json.state !== 'string') {
    return undefined;
  }
  const objects = isRecord(json.objects) ? json.objects : {};
  const count = (key: string): number => {
    const n = objects[key];
    return typeof n === 'number' && Number.isFinite(n) ? n : 0;
  };
  const items: SubmissionItem[] = [];
  for (const item of Array.isArray(json.items) ? (json.items as unknown[]) : []) {
    if (!isRecord(item)) continue;
    const { id, kind, state, attempts, reason } = item;
    if (typeof id !== 'string' || typeof state !== 'string') continue;
    items.push({
      id,
      kind: typeof kind === 'string' ? kind : '?',
      state,
      attempts: typeof attempts === 'number' ? attempts : 0,
      ...(typeof reason === 'string' ? { reason } : {}),
    });
  }
  return {
    id: json.id,
    state: json.state,
    counts: {
      pending: count('pending'),
      posted: count('posted'),
      submitted: count('submitted'),
      dead: count('dead'),
    },
    items,
  };
}

/** `[{<key>, message}]` out of an answer, skipping anything of another shape. */
function issues(value: unknown, key: 'path' | 'field'): Array<{ path: string; message: string }> {
  if (!Array.isArray(value)) return [];
  const out: Array<{ path: string; message: string }> = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry)) continue;
    const where = entry[key];
    const message = entry.message;
    if (typeof where === 'string' && typeof message === 'string') {
      out.push({ path: where, message });
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
