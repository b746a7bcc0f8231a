/**
 * Scripted behaviour for the fake KCIDB: what the next `POST /submit` does instead of (or on top
 * of) the real server's answer. Tests queue steps with `FakeKcidb.script()` / `failFor()`, or hold
 * one with `setMode()`.
 */
import { STATUS_CODES } from 'node:http';
import { answer, TEXT_PLAIN } from './protocol.js';
import type { FakeKcidbSubmissionStatus } from './spool.js';

/** Answer with this HTTP status (and `Retry-After` if given) without looking at the request. */
export interface FakeKcidbStatusStep {
  status: number;
  retryAfterSeconds?: number;
  /** Overrides the `message` of the JSON answer. */
  message?: string;
}

/** Read the whole request, answer nothing for `hangMs`, then answer 500 (a stuck server). */
export interface FakeKcidbHangStep {
  hangMs: number;
}

/**
 * Process the request as usual (auth, JSON check, 200 with an id), but the "ingester" later
 * reports `failed` (as if kcidb-io validation or the DB flush failed) or loses the file
 * (`notfound`, as after retention clean-up).
 */
export interface FakeKcidbStatusResultStep {
  statusResult: 'failed' | 'notfound';
}

export type FakeKcidbStep = FakeKcidbStatusStep | FakeKcidbHangStep | FakeKcidbStatusResultStep;

export interface ScriptedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Where the next `GET /status` of a known submission finds it (see `FakeKcidb.scriptStatus`). */
export type FakeKcidbStatusScript = FakeKcidbSubmissionStatus;

const STATUS_SCRIPTS: ReadonlySet<string> = new Set(['ready', 'processed', 'failed', 'notfound']);

/** Throws on a state the spool cannot hold, so a typo fails the test that wrote it. */
export function checkStatusStep(state: FakeKcidbStatusScript): void {
  if (!STATUS_SCRIPTS.has(state)) {
    throw new RangeError(
      `FakeKcidb: a scripted status must be one of ${[...STATUS_SCRIPTS].join(', ')}, got ${String(state)}`,
    );
  }
}

/** Throws on a step that could not be answered, so a typo fails the test that wrote it. */
export function checkStep(step: FakeKcidbStep): void {
  if ('status' in step) {
    if (!Number.isInteger(step.status) || step.status < 300 || step.status > 599) {
      throw new RangeError(`FakeKcidb: a scripted status must be 300..599, got ${step.status}`);
    }
    const retryAfter = step.retryAfterSeconds;
    if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || retryAfter < 0)) {
      throw new RangeError(
        `FakeKcidb: retryAfterSeconds must be a whole number, got ${retryAfter}`,
      );
    }
  } else if ('hangMs' in step) {
    if (!Number.isFinite(step.hangMs) || step.hangMs < 0) {
      throw new RangeError(`FakeKcidb: hangMs must be a finite number >= 0, got ${step.hangMs}`);
    }
  }
}

/**
 * What the real server (or the proxy in front of it) would send for that status: the JSON answers
 * kcidb-restd-rs itself produces for 400/401/500, axum's plain text for 413, a JSON error naming
 * the status for anything else.
 */
export function scriptedAnswer(step: FakeKcidbStatusStep): ScriptedAnswer {
  const headers: Record<string, string> = { 'content-type': TEXT_PLAIN };
  if (step.retryAfterSeconds !== undefined) headers['retry-after'] = String(step.retryAfterSeconds);
  const error = (fallback: string): string => answer('error', '0', step.message ?? fallback);
  switch (step.status) {
    case 400:
      return { status: 400, headers, body: error('expected value at line 1 column 1') };
    case 401:
      return { status: 401, headers, body: error('ExpiredSignature') };
    case 413:
      return { status: 413, headers, body: step.message ?? 'length limit exceeded' };
    case 500:
      return { status: 500, headers, body: error('Internal server error') };
    default:
      return { status: step.status, headers, body: error(STATUS_CODES[step.status] ?? 'error') };
  }
}
