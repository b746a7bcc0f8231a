/**
 * Wire helpers shared by the TuxSuite and LAVA fakes (both real services are Python, so what they
 * send is what Python's `json.dumps` and `requests` produce): Python-style JSON, a raw HTTP POST
 * that reports the receiver's answer, and scripted failures. The HTTP server side is
 * ../http-fake.ts.
 */
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RecordedHttpRequest } from '../http-fake.js';

/** A JSON value as the fakes build and send it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

function pythonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else {
      // ensure_ascii: everything else as \uXXXX, astral characters as a surrogate pair.
      for (let i = 0; i < char.length; i += 1) {
        out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
      }
    }
  }
  return `${out}"`;
}

/**
 * Serialises like Python's `json.dumps(value)` with its defaults: `", "` and `": "` separators,
 * `ensure_ascii=True`, keys in insertion order. Receivers that verify a signature over the body
 * and then re-serialise will notice the difference from `JSON.stringify`, as with the real thing.
 */
export function pythonJson(value: Json | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('pythonJson: non-finite number');
    return String(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJson(item)).join(', ')}]`;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJson(item)}`).join(', ')}}`;
}

export interface RawPost {
  method?: string;
  headers: OutgoingHttpHeaders;
  body?: string;
  timeoutMs?: number;
}

export interface RawAnswer {
  /** The receiver's HTTP status; 0 when no answer came (refused, reset, timed out). */
  status: number;
  body: string;
  error: string | undefined;
}

/** Sends one request with exactly these headers and bytes, never throws, never retries. */
export function sendRaw(url: string, init: RawPost): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: OutgoingHttpHeaders = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body);
    let settled = false;
    const done = (answer: RawAnswer): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const req = send(target, { method: init.method ?? 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          error: undefined,
        }),
      );
      res.on('error', (error) => done({ status: 0, body: '', error: error.message }));
    });
    req.setTimeout(init.timeoutMs ?? 10_000, () => req.destroy(new Error('timed out')));
    req.on('error', (error) => done({ status: 0, body: '', error: error.message }));
    req.end(init.body);
  });
}

/** Any request the TuxSuite or LAVA fake saw, recorded on arrival. */
export interface RecordedRequest extends RecordedHttpRequest {
  /** The scripted failure this request consumed, if any. */
  readonly failure: ScriptedFailure | undefined;
}

/** One scripted answer to a submission (see `failNext` on each fake). */
export interface ScriptedFailure {
  status: number;
  retryAfterSeconds?: number;
  message?: string;
}

/** Throws on a failure that could not be answered, so a typo fails the test that wrote it. */
export function checkFailure(name: string, failure: ScriptedFailure, count: number): void {
  if (!Number.isInteger(failure.status) || failure.status < 300 || failure.status > 599) {
    throw new RangeError(`${name}: a scripted status must be 300..599, got ${failure.status}`);
  }
  const retryAfter = failure.retryAfterSeconds;
  if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || retryAfter < 0)) {
    throw new RangeError(`${name}: retryAfterSeconds must be a whole number, got ${retryAfter}`);
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`${name}: count must be a whole number, got ${count}`);
  }
}
