import { describe, expect, it } from 'vitest';
import {
  answerDetail,
  classifySubmitAnswer,
  fetchAnswer,
  parseRetryAfter,
  type AnswerRequest,
  type HttpAnswer,
  type SubmitPeer,
} from './http-answer.js';

// The rule both submission paths share: KcidbClient (kcidb-ng) and the CLI's --via (a gateway).
const KCIDB: SubmitPeer = {
  name: 'KCIDB',
  redirectHint: 'point the URL at its final address',
  submissionId: (json) =>
    json?.status === 'ok' && typeof json.id === 'string' ? json.id : undefined,
};
const GATEWAY: SubmitPeer = {
  name: 'the gateway',
  tokenName: 'the kci-bridge gateway',
  redirectHint: 'give --via its final address',
  submissionId: (json) => (typeof json?.id === 'string' ? json.id : undefined),
};

function answer(status: number, body: unknown = '', retryAfterMs?: number): HttpAnswer {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const json =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  return { status, text, json, retryAfterMs };
}

describe('classifySubmitAnswer', () => {
  it('accepts a 2xx with a submission id, as each peer writes it', () => {
    expect(classifySubmitAnswer(answer(200, { id: 'abc', status: 'ok' }), KCIDB)).toEqual({
      kind: 'accepted',
      httpStatus: 200,
      id: 'abc',
    });
    expect(classifySubmitAnswer(answer(202, { id: 'u-1', status: 'accepted' }), GATEWAY)).toEqual({
      kind: 'accepted',
      httpStatus: 202,
      id: 'u-1',
    });
  });

  it('takes a 2xx without an id as retryable (nothing says it was kept)', () => {
    expect(classifySubmitAnswer(answer(200, '<html>'), KCIDB)).toEqual({
      kind: 'retryable',
      httpStatus: 200,
      reason: 'KCIDB answered HTTP 200 without a submission id',
    });
  });

  it('blames the token on 401 and 403, naming who refused it', () => {
    expect(classifySubmitAnswer(answer(401, { message: 'InvalidToken' }), KCIDB)).toEqual({
      kind: 'credentials',
      httpStatus: 401,
      reason: 'KCIDB refused the token (HTTP 401): InvalidToken',
    });
    expect(classifySubmitAnswer(answer(403, { detail: 'no scope' }), GATEWAY)).toEqual({
      kind: 'credentials',
      httpStatus: 403,
      reason: 'the kci-bridge gateway refused the token (HTTP 403): no scope',
    });
  });

  it('says too large on 413, with what the answer said', () => {
    expect(classifySubmitAnswer(answer(413, 'length limit exceeded'), KCIDB)).toEqual({
      kind: 'too-large',
      httpStatus: 413,
      detail: 'length limit exceeded',
    });
  });

  it.each([408, 429, 500, 502, 503, 504])('retries %i, keeping Retry-After', (status) => {
    expect(classifySubmitAnswer(answer(status, { message: 'busy' }, 7000), GATEWAY)).toEqual({
      kind: 'retryable',
      httpStatus: status,
      reason: `the gateway answered HTTP ${status}: busy`,
      retryAfterMs: 7000,
    });
    expect(classifySubmitAnswer(answer(status, 'busy'), KCIDB)).not.toHaveProperty('retryAfterMs');
  });

  it('gives up on a redirect, with the peer’s hint', () => {
    expect(classifySubmitAnswer(answer(301), GATEWAY)).toEqual({
      kind: 'permanent',
      httpStatus: 301,
      redirect: true,
      reason: 'the gateway answered with a redirect (HTTP 301); give --via its final address',
    });
  });

  it.each([400, 404, 409, 415, 422])('gives up on %i: the report was refused', (status) => {
    expect(classifySubmitAnswer(answer(status, { message: 'bad' }), KCIDB)).toEqual({
      kind: 'permanent',
      httpStatus: status,
      redirect: false,
      reason: `KCIDB refused the report (HTTP ${status}): bad`,
    });
  });
});

describe('answerDetail', () => {
  it('prefers detail, then message, then title, then the start of the body', () => {
    expect(answerDetail({ detail: 'd', message: 'm', title: 't' }, '')).toBe('d');
    expect(answerDetail({ id: '0', status: 'error', message: 'm' }, '')).toBe('m');
    expect(answerDetail({ title: 't', detail: '' }, '')).toBe('t');
    expect(answerDetail(undefined, `  ${'x'.repeat(300)}`)).toBe('x'.repeat(200));
    expect(answerDetail(undefined, ' \n')).toBe('(empty body)');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, nothing else', () => {
    const now = Date.parse('2026-01-15T10:00:00Z');
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('fetchAnswer', () => {
  const request = (fetchFn: typeof fetch, extra: Partial<AnswerRequest> = {}): AnswerRequest => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    timeoutMs: 1000,
    maxBytes: 16,
    fetch: fetchFn,
    peer: 'the gateway',
    ...extra,
  });

  it('reads the status, at most maxBytes of the body, its JSON and Retry-After; no redirects', async () => {
    let init: RequestInit | undefined;
    const fetchFn: typeof fetch = (_url, given) => {
      init = given;
      return Promise.resolve(
        new Response('{"id":"a"}', { status: 202, headers: { 'Retry-After': '3' } }),
      );
    };
    expect(await fetchAnswer('http://x.example/submit', request(fetchFn))).toEqual({
      status: 202,
      text: '{"id":"a"}',
      json: { id: 'a' },
      retryAfterMs: 3000,
    });
    expect(init).toMatchObject({ method: 'POST', body: '{}', redirect: 'manual' });
    const long = (): Promise<Response> => Promise.resolve(new Response('y'.repeat(100)));
    const capped = await fetchAnswer('http://x.example/submit', request(long));
    expect(capped).toMatchObject({ text: 'y'.repeat(16), json: undefined });
  });

  it('says a timeout and an unreachable peer in words, the URL only when asked', async () => {
    const timeout: typeof fetch = () =>
      Promise.reject(new DOMException('timed out', 'TimeoutError'));
    expect(await fetchAnswer('http://x.example/submit', request(timeout))).toEqual({
      failure: 'no answer from the gateway within 1000 ms',
    });
    const refused: typeof fetch = () => {
      const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return Promise.reject(new TypeError('fetch failed', { cause }));
    };
    expect(
      await fetchAnswer('http://x.example/submit', request(refused, { showUrl: true })),
    ).toEqual({
      failure:
        'could not reach the gateway at http://x.example/submit: ECONNREFUSED (connect ECONNREFUSED)',
    });
    expect(
      await fetchAnswer('http://x.example/submit', request(refused, { peer: 'KCIDB' })),
    ).toEqual({ failure: 'could not reach KCIDB: ECONNREFUSED (connect ECONNREFUSED)' });
  });
});
