/** The worker side of load.ts: sends the requests and posts one LoadResult back. */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { submissionBody } from './bodies.js';
import type { LoadJob, LoadResult } from './load.js';

const job = workerData as LoadJob;
const target = new URL(job.url);
const agent = new Agent({
  keepAlive: true,
  maxSockets: job.connections,
  maxFreeSockets: job.connections,
});
const now = (): number => performance.timeOrigin + performance.now();

const statuses: Record<string, number> = {};
const samples: string[] = [];
const latencies: number[] = [];
const capacity =
  job.mode.kind === 'closed-count'
    ? job.mode.requests
    : job.mode.kind === 'open'
      ? Math.ceil((job.mode.ratePerSecond * job.mode.durationMs) / 1000) + 1
      : 1_000_000;
let acceptedAt = new Float64Array(capacity).fill(Number.NaN);
let sent = 0;
let ok = 0;
let lastAnswer = 0;

function count(key: string): void {
  statuses[key] = (statuses[key] ?? 0) + 1;
}

function record(n: number, at: number): void {
  if (n >= acceptedAt.length) {
    const grown = new Float64Array(acceptedAt.length * 2).fill(Number.NaN);
    grown.set(acceptedAt);
    acceptedAt = grown;
  }
  acceptedAt[n] = at;
}

/** Sends request n; `dueAt` is when it should have left (open loop) or did leave. */
function send(n: number, dueAt: number): Promise<void> {
  const body = job.body === undefined ? undefined : Buffer.from(submissionBody(job.body, n));
  const headers: Record<string, string> = { ...job.headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  }
  sent++;
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: job.method,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const at = now();
          lastAnswer = at;
          const status = res.statusCode ?? 0;
          count(String(status));
          if (status === job.expectStatus) {
            ok++;
            latencies.push(at - dueAt);
            record(n, at);
          } else if (samples.length < 5) {
            samples.push(`${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
          }
          resolve();
        });
        res.on('error', (e) => fail(e, resolve));
      },
    );
    req.on('error', (e) => fail(e, resolve));
    req.end(body);
  });
}

function fail(e: Error, resolve: () => void): void {
  lastAnswer = now();
  count('error');
  if (samples.length < 5) samples.push(`error ${e.message}`);
  resolve();
}

async function closedLoop(stop: (n: number, t: number) => boolean): Promise<void> {
  let next = 0;
  const loop = async (): Promise<void> => {
    for (;;) {
      const n = next;
      const t = now();
      if (stop(n, t)) return;
      next++;
      await send(n, t);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, loop));
}

async function openLoop(ratePerSecond: number, durationMs: number, start: number): Promise<void> {
  const total = Math.floor((ratePerSecond * durationMs) / 1000);
  const inflight: Promise<void>[] = [];
  let n = 0;
  while (n < total) {
    const due = Math.min(total, Math.floor(((now() - start) * ratePerSecond) / 1000) + 1);
    for (; n < due; n++) inflight.push(send(n, start + (n * 1000) / ratePerSecond));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
}

const startedAt = now();
const mode = job.mode;
switch (mode.kind) {
  case 'closed':
    await closedLoop((_n, t) => t - startedAt >= mode.durationMs);
    break;
  case 'closed-count':
    await closedLoop((n) => n >= mode.requests);
    break;
  case 'open':
    await openLoop(mode.ratePerSecond, mode.durationMs, startedAt);
    break;
}
agent.destroy();

const result: LoadResult = {
  startedAt,
  endedAt: lastAnswer || now(),
  sent,
  ok,
  statuses,
  samples,
  latenciesMs: Float64Array.from(latencies),
  acceptedAt: acceptedAt.subarray(0, Math.max(sent, 0)).slice(),
};
parentPort?.postMessage(result);
