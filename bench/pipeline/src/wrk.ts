/**
 * The same HTTP figures with wrk (one thread, as the reference ceilings were measured), when
 * wrk is installed: a bare Fastify hello and the gateway, whose POST bodies a Lua script builds
 * (a new test_uid per request). wrk costs far less CPU per request than a Node client, which
 * matters when client and server share two cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds } from './procs.js';

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

export interface WrkResult {
  requests: number;
  /** Answers with a status of 400 or more (counted in `requests`). */
  failed: number;
  /** The same by kind (status = an answer of 400 or more), only the non-zero ones. */
  errors: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU seconds wrk itself used (last sample before it exited). */
  cpuSeconds: number;
}

const ERROR_KINDS = ['connect', 'read', 'write', 'status', 'timeout'] as const;

const luaString = (s: string): string => JSON.stringify(s); // JSON escapes are valid Lua here

export interface WrkJob {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** POST: the body with `__N__` where the request counter goes. */
  bodyTemplate?: string;
}

export async function runWrk(job: WrkJob): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kci-bench-wrk-'));
  const script = join(dir, 'bench.lua');
  const headerLines = Object.entries(job.headers)
    .map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`)
    .join('\n');
  const [head, tail] =
    job.bodyTemplate === undefined
      ? ['', '']
      : (job.bodyTemplate.split('__N__') as [string, string]);
  writeFileSync(
    script,
    `${headerLines}
${
  job.bodyTemplate === undefined
    ? ''
    : `wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
local head = ${luaString(head)}
local tail = ${luaString(tail)}
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, head .. n .. tail)
end`
}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`,
  );
  try {
    const child = spawn(
      'wrk',
      [
        '-t1',
        `-c${job.connections}`,
        `-d${job.durationSeconds}s`,
        // wrk's default (2 s) would drop slower answers from the latency figures.
        '--timeout',
        '60s',
        '-s',
        script,
        job.url,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let cpu = 0;
    const sampler = setInterval(() => {
      if (child.pid !== undefined) cpu = cpuSeconds(child.pid) ?? cpu;
    }, 100);
    const code = await new Promise<number | null>((res) => child.once('exit', res));
    clearInterval(sampler);
    const line = /RESULT (\{.*\})/.exec(out)?.[1];
    if (code !== 0 || line === undefined) throw new Error(`wrk failed (${code}):\n${out}`);
    const r = JSON.parse(line) as Record<
      'requests' | 'duration_us' | 'p50_us' | 'p99_us' | (typeof ERROR_KINDS)[number],
      number
    >;
    const seconds = r.duration_us / 1e6;
    const errors = Object.fromEntries(ERROR_KINDS.filter((k) => r[k] > 0).map((k) => [k, r[k]]));
    // A status error is an answer (counted in requests); socket errors and timeouts are not.
    const failed = r.status;
    return {
      requests: r.requests,
      failed,
      errors,
      seconds,
      perSecond: (r.requests - failed) / seconds,
      p50Ms: r.p50_us / 1000,
      p99Ms: r.p99_us / 1000,
      cpuSeconds: cpu,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
