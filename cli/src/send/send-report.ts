/**
 * Sending a report: POST with retries on transient failures (exponential backoff with
 * jitter, honouring Retry-After), then optionally polling `/status?id=` until KCIDB has
 * ingested it, failed it, or `--wait` runs out.
 */
import { KcidbClient, type KcidbTarget } from '@kci-bridge/kcidb';

/** `--retries`, `--timeout` and `--wait`. */
export interface SendSettings {
  retries: number;
  timeoutMs: number;
  waitMs: number;
}

/** The clock, waiting, jitter, transport and where progress lines go. */
export interface SendDeps {
  fetch?: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  progress: (line: string) => void;
}

/** Where KCIDB's ingester is with a submission, as far as we got to know. */
export type ProcessingState =
  'inprogress' | 'ready' | 'processed' | 'failed' | 'notfound' | 'unknown';

/** What became of a submission, after retries and waiting. */
export type SendResult =
  | { kind: 'accepted'; submissionId: string; attempts: number; state?: ProcessingState }
  | { kind: 'ingest-failed'; submissionId: string; attempts: number }
  | { kind: 'rejected'; httpStatus: number; reason: string; body: string; attempts: number }
  | { kind: 'too-large'; body: string; attempts: number }
  | { kind: 'credentials'; reason: string; attempts: number; submissionId?: string }
  | { kind: 'gave-up'; reason: string; attempts: number };

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** A Retry-After longer than this is not waited for in full: a CLI should not hang for hours. */
const MAX_RETRY_AFTER_MS = 300_000;
const MAX_POLL_INTERVAL_MS = 10_000;

/** Wait before retry number `retry` (1-based): 1 s, 2 s, 4 s ... up to 30 s, jittered to 50-100 %. */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, retry - 1));
  const jittered = Math.round(base / 2 + random() * (base / 2));
  return retryAfterMs === undefined
    ? jittered
    : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Submit `body` (report JSON) to `target`, retrying transient failures, then wait if asked. */
export async function sendReport(
  body: string,
  target: KcidbTarget,
  settings: SendSettings,
  deps: SendDeps,
): Promise<SendResult> {
  const client = new KcidbClient({ target, timeoutMs: settings.timeoutMs, fetch: deps.fetch });
  for (let attempt = 1; ; attempt++) {
    const outcome = await client.submit(body);
    switch (outcome.kind) {
      case 'accepted': {
        const { submissionId } = outcome;
        if (settings.waitMs <= 0) return { kind: 'accepted', submissionId, attempts: attempt };
        const state = await waitForProcessing(client, submissionId, settings.waitMs, deps);
        if (state.kind === 'credentials') {
          return { kind: 'credentials', reason: state.reason, attempts: attempt, submissionId };
        }
        if (state.state === 'failed')
          return { kind: 'ingest-failed', submissionId, attempts: attempt };
        return { kind: 'accepted', submissionId, attempts: attempt, state: state.state };
      }
      case 'permanent':
        return {
          kind: 'rejected',
          httpStatus: outcome.httpStatus,
          reason: outcome.reason,
          body: outcome.body,
          attempts: attempt,
        };
      case 'too-large':
        return { kind: 'too-large', body: outcome.body, attempts: attempt };
      case 'credentials':
        return { kind: 'credentials', reason: outcome.reason, attempts: attempt };
      case 'retryable': {
        if (attempt > settings.retries) {
          return { kind: 'gave-up', reason: outcome.reason, attempts: attempt };
        }
        const delay = retryDelayMs(attempt, outcome.retryAfterMs, deps.random);
        deps.progress(
          `${outcome.reason}; retry ${attempt} of ${settings.retries} in ${(delay / 1000).toFixed(1)} s`,
        );
        await deps.sleep(delay);
        break;
      }
      default:
        return unreachable(outcome);
    }
  }
}

/** Poll `/status?id=` until processed or failed, or until `waitMs` has passed. */
export async function waitForProcessing(
  client: KcidbClient,
  submissionId: string,
  waitMs: number,
  deps: Omit<SendDeps, 'fetch'>,
): Promise<{ kind: 'state'; state: ProcessingState } | { kind: 'credentials'; reason: string }> {
  const started = deps.now();
  let interval = BASE_DELAY_MS;
  let state: ProcessingState = 'unknown';
  for (;;) {
    const outcome = await client.status(submissionId);
    switch (outcome.kind) {
      case 'processed':
      case 'failed':
        return { kind: 'state', state: outcome.kind };
      case 'credentials':
        return {
          kind: 'credentials',
          reason: `KCIDB refused the token on /status (HTTP ${outcome.httpStatus})`,
        };
      case 'inprogress':
      case 'ready':
      case 'notfound':
        state = outcome.kind;
        break;
      case 'retryable':
        state = 'unknown';
        break;
      default:
        return unreachable(outcome);
    }
    const elapsed = deps.now() - started;
    const left = waitMs - elapsed;
    deps.progress(`submission ${submissionId}: ${state} after ${Math.round(elapsed / 1000)} s`);
    if (left <= 0) return { kind: 'state', state };
    await deps.sleep(Math.min(interval, left));
    interval = Math.min(interval * 2, MAX_POLL_INTERVAL_MS);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled outcome ${JSON.stringify(value)}`);
}
