/**
 * How an answer to a KCIDB submission is read and classified, whoever received it: kcidb-ng's
 * REST receiver (`KcidbClient`) or a kci-bridge gateway (the CLI's `--via`). One rule for both,
 * so a report sent either way is retried, refused or blamed on its token on the same answers.
 */

/** An HTTP answer as read: status, the start of the body, its JSON object if any, Retry-After. */
export interface HttpAnswer {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
  retryAfterMs: number | undefined;
}

/** A request that got no HTTP answer at all (refused, reset, timed out), said in words. */
export interface HttpFailure {
  failure: string;
}

/** One request for {@link fetchAnswer}. */
export interface AnswerRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Read at most this much of the body; more is a misconfigured URL talking. */
  maxBytes: number;
  fetch: typeof fetch;
  /** Who answers, as failures name it: `KCIDB`, `the gateway`. */
  peer: string;
  /** Name the URL when it cannot be reached (`could not reach the gateway at <url>`). */
  showUrl?: boolean;
}

/** Sends one request without following redirects and reads the answer; never throws. */
export async function fetchAnswer(
  url: string,
  request: AnswerRequest,
): Promise<HttpAnswer | HttpFailure> {
  try {
    const response = await request.fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // A redirect would turn the POST into a GET or drop the Authorization header.
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await readCapped(response, request.maxBytes);
    return {
      status: response.status,
      text,
      json: parseObject(text),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    };
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      return { failure: `no answer from ${request.peer} within ${request.timeoutMs} ms` };
    }
    const where = request.showUrl === true ? `${request.peer} at ${url}` : request.peer;
    return { failure: `could not reach ${where}: ${describeError(err)}` };
  }
}

/** Who received a submission, for {@link classifySubmitAnswer}. */
export interface SubmitPeer {
  /** As a sentence starts: `KCIDB`, `the gateway`. */
  name: string;
  /** Who refuses a token, if said otherwise: `the kci-bridge gateway`. */
  tokenName?: string;
  /** What to do about a redirect: `point the URL at its final address`. */
  redirectHint: string;
  /** The submission id a 2xx body carries, if it carries a valid one. */
  submissionId: (json: Record<string, unknown> | undefined) => string | undefined;
}

/** What an answer to a submission means; the caller retries, waits, splits or gives up. */
export type SubmitAnswer =
  | { kind: 'accepted'; httpStatus: number; id: string }
  /** 401, 403: retrying with the same token will not help. */
  | { kind: 'credentials'; httpStatus: 401 | 403; reason: string }
  /** 413: the report must be split. */
  | { kind: 'too-large'; httpStatus: 413; detail: string }
  /** 408, 429, 5xx, or a 2xx without a submission id. */
  | { kind: 'retryable'; httpStatus: number; reason: string; retryAfterMs?: number }
  /** A redirect, or any other 4xx: retrying will not fix it. */
  | { kind: 'permanent'; httpStatus: number; reason: string; redirect: boolean };

/** Classifies an answer to a submission POST, the same way for KCIDB and for the gateway. */
export function classifySubmitAnswer(answer: HttpAnswer, peer: SubmitPeer): SubmitAnswer {
  const { status, json, text, retryAfterMs } = answer;
  if (status >= 200 && status < 300) {
    const id = peer.submissionId(json);
    if (id !== undefined) return { kind: 'accepted', httpStatus: status, id };
    const reason = `${peer.name} answered HTTP ${status} without a submission id`;
    return { kind: 'retryable', httpStatus: status, reason };
  }
  const detail = answerDetail(json, text);
  if (status === 401 || status === 403) {
    const reason = `${peer.tokenName ?? peer.name} refused the token (HTTP ${status}): ${detail}`;
    return { kind: 'credentials', httpStatus: status === 401 ? 401 : 403, reason };
  }
  if (status === 413) return { kind: 'too-large', httpStatus: 413, detail };
  if (status === 408 || status === 429 || status >= 500) {
    return {
      kind: 'retryable',
      httpStatus: status,
      reason: `${peer.name} answered HTTP ${status}: ${detail}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 300 && status < 400) {
    const reason = `${peer.name} answered with a redirect (HTTP ${status}); ${peer.redirectHint}`;
    return { kind: 'permanent', httpStatus: status, reason, redirect: true };
  }
  const reason = `${peer.name} refused the report (HTTP ${status}): ${detail}`;
  return { kind: 'permanent', httpStatus: status, reason, redirect: false };
}

/**
 * The reason an answer gives: a problem+json's `detail`, kcidb-ng's `message`, or a `title`;
 * otherwise the start of the body.
 */
export function answerDetail(json: Record<string, unknown> | undefined, text: string): string {
  for (const key of ['detail', 'message', 'title']) {
    const value = json?.[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  const start = text.trim().slice(0, 200);
  return start === '' ? '(empty body)' : start;
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

/** Why a request failed, with undici's useful part (`ECONNREFUSED …`) rather than "fetch failed". */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause: unknown = err.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return err.message;
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
