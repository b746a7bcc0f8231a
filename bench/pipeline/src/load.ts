/**
 * The HTTP load generator: node:http with a keep-alive agent of `connections` sockets, run in a
 * worker thread so that it never stalls the fake KCIDB on the main thread (and the other way
 * round). Closed loop: every connection sends its next request as soon as the previous answer
 * arrived. Open loop: requests leave at a fixed rate whatever the answers do; latency is then
 * counted from when a request was due, so a server that falls behind is not flattered.
 */
import { Worker } from 'node:worker_threads';
import type { BodySpec } from './bodies.js';

export type LoadMode =
  | { kind: 'closed'; durationMs: number }
  | { kind: 'closed-count'; requests: number }
  | { kind: 'open'; ratePerSecond: number; durationMs: number };

export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** POST bodies: request number n sends submissionBody(body, n). */
  body?: BodySpec;
  connections: number;
  mode: LoadMode;
  /** The status that counts as success (202 for submissions, 200 for hello). */
  expectStatus: number;
}

export interface LoadResult {
  /** Epoch ms of the first request and of the last answer. */
  startedAt: number;
  endedAt: number;
  sent: number;
  ok: number;
  /** Answers by status code, and transport errors under "error". */
  statuses: Record<string, number>;
  /** A few answers that were not `expectStatus`, for the report. */
  samples: string[];
  /** Milliseconds per successful request. */
  latenciesMs: Float64Array;
  /** For successful request n: acceptedAt[n] = epoch ms its answer arrived (NaN otherwise). */
  acceptedAt: Float64Array;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.ts', import.meta.url), {
    workerData: job,
    execArgv: process.execArgv,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

/** Requests per second between the first request and the last answer. */
export function okPerSecond(r: LoadResult): number {
  const seconds = (r.endedAt - r.startedAt) / 1000;
  return seconds > 0 ? r.ok / seconds : 0;
}
