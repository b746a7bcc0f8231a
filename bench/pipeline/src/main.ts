/**
 * The pipeline benchmark (`npm run bench`): the whole stack, started as a user starts it,
 * against the in-process fake KCIDB; the ceilings measured on the same machine in the same
 * run; every figure printed with its ceiling, ratio, target and verdict. See ../../README.md.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Stack, type ServiceName } from '../../../test/e2e/stack.js';
import { FakeKcidb } from '../../../test/fakes/kcidb/fake-kcidb.js';
import { checkReachable, deleteRunStreams, dropRunSchemas } from '../../../test/support/cleanup.js';
import { readTestEnv } from '../../../test/support/env.js';
import { isolationFor, newRunId, runStreamPrefix } from '../../../test/support/naming.js';
import { BUILD_ID, logText, submissionBody, type BodySpec } from './bodies.js';
import {
  jetStreamCeiling,
  postgresCeiling,
  startHello,
  type JetStreamCeiling,
  type PostgresCeiling,
} from './ceilings.js';
import { Deliveries } from './deliveries.js';
import { okPerSecond, runLoad, type LoadResult } from './load.js';
import { parseOptions, type Options } from './options.js';
import {
  listenerPid,
  withChildren,
  rssBytes,
  UsageWindow,
  type Watched,
  type WindowUsage,
} from './procs.js';
import { percentiles, type Percentiles } from './stats.js';
import { runWrk, wrkAvailable, type WrkResult } from './wrk.js';

const SERVICES: readonly ServiceName[] = [
  'gateway',
  'runner-orchestrator',
  'result-parser',
  'kcidb-submitter',
  'sync-scheduler',
];
const ORIGIN = 'kci_bench';
const TARGETS = {
  gatewayShareOfHello: 0.15,
  objectsPerSecond: 20_000,
  p99Ms: 1_000,
  postsPer1000: 2,
  idleRssBytes: 150e6,
};

// ---------------------------------------------------------------------------------------------
// formatting

const num = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : String(n);
const ms = (n: number): string =>
  n === Infinity ? 'not delivered' : n >= 1000 ? `${num(n / 1000, 2)} s` : `${num(n, 1)} ms`;
const mb = (bytes: number): string => `${num(bytes / 1e6, 1)} MB`;
const mib = (bytes: number): string => `${num(bytes / 2 ** 20, 1)} MiB`;
const pct = (ratio: number): string => `${num(ratio * 100, 1)} %`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const started = Date.now();
function progress(text: string): void {
  console.log(`[${num((Date.now() - started) / 1000, 0).padStart(4)} s] ${text}`);
}

// ---------------------------------------------------------------------------------------------
// phases

interface ConsumerLag {
  /** Largest num_pending + num_ack_pending seen per durable consumer (messages). */
  max: Map<string, number>;
  stop: () => Promise<void>;
}

function watchConsumers(jsm: JetStreamManager, stream: string): ConsumerLag {
  const max = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        for await (const c of jsm.consumers.list(stream)) {
          const lag = c.num_pending + c.num_ack_pending;
          max.set(c.name, Math.max(max.get(c.name) ?? 0, lag));
        }
      } catch {
        // a transient NATS error: try again next time
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    max,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

interface Drive {
  /** Successful (202) submissions. */
  ok: number;
  /** Per submission number: when its 202 arrived (epoch ms), if known. */
  acceptedAt?: Float64Array;
  statuses: Record<string, number>;
  samples: string[];
  /** From when each request was due (open loop) or sent (closed loop) to its 202. */
  answer?: Percentiles;
  /** From the first request to the last answer. */
  seconds: number;
}

interface PipelinePhase {
  name: string;
  testsPerSubmission: number;
  drive: Drive;
  expected: number;
  delivered: number;
  repeats: number;
  drained: boolean;
  /** Distinct objects per second between the first and the last delivery (the first report's not counted). */
  deliveredPerSecond: number;
  deliverySpanSeconds: number;
  /** From accepted (202 received) to delivered (the fake received the report). */
  latency: Percentiles | undefined;
  posts: number;
  load: WindowUsage;
  drain: WindowUsage;
  lag: Map<string, number>;
}

interface Context {
  options: Options;
  runId: string;
  fake: FakeKcidb;
  deliveries: Deliveries;
  watched: Watched[];
  jsm: JetStreamManager;
  stream: string;
}

async function pipelinePhase(
  ctx: Context,
  name: string,
  testsPerSubmission: number,
  drive: () => Promise<Drive>,
): Promise<PipelinePhase> {
  const postsBefore = ctx.fake.postCount();
  const lag = watchConsumers(ctx.jsm, ctx.stream);
  const loadWindow = new UsageWindow(ctx.watched);
  loadWindow.start();
  const d = await drive();
  const load = loadWindow.stop();
  const drainWindow = new UsageWindow(ctx.watched);
  drainWindow.start();
  const expected = d.ok * testsPerSubmission;
  progress(`  ${num(d.ok)} submissions accepted; waiting for their ${num(expected)} objects`);
  const drained = await ctx.deliveries.waitFor(
    name,
    expected,
    ctx.options.drainTimeoutSeconds * 1000,
  );
  // Objects of requests still in flight when a timed run stopped may arrive a moment later.
  await new Promise((r) => setTimeout(r, 300));
  ctx.deliveries.scan();
  const drain = drainWindow.stop();
  await lag.stop();
  const p = ctx.deliveries.phase(name);
  let latency: Percentiles | undefined;
  if (d.acceptedAt !== undefined) {
    const acceptedAt = d.acceptedAt;
    const samples: number[] = [];
    for (let i = 0; i < p.submission.length; i++) {
      const accepted = acceptedAt[p.submission[i] ?? -1];
      const delivered = p.deliveredAt[i];
      if (accepted !== undefined && !Number.isNaN(accepted) && delivered !== undefined)
        samples.push(delivered - accepted);
    }
    // An object accepted but never delivered counts as infinitely late.
    for (let missing = expected - samples.length; missing > 0; missing--) samples.push(Infinity);
    latency = percentiles(samples);
  }
  const span = (p.lastAt - p.firstAt) / 1000;
  // The first report's objects arrived at the start of the span: they do not count in the rate.
  const atFirst = p.deliveredAt.filter((t) => t === p.firstAt).length;
  const result: PipelinePhase = {
    name,
    testsPerSubmission,
    drive: d,
    expected,
    delivered: p.objects,
    repeats: p.repeats,
    drained,
    deliveredPerSecond: span > 0 ? (p.objects - atFirst) / span : NaN,
    deliverySpanSeconds: span,
    latency,
    posts: ctx.fake.postCount() - postsBefore,
    load,
    drain,
    lag: lag.max,
  };
  progress(
    `  ${num(p.objects)} objects delivered${drained ? '' : ` (TIMED OUT after ${ctx.options.drainTimeoutSeconds} s)`} in ${num(span, 1)} s: ${num(result.deliveredPerSecond)} objects/s, ${result.posts} KCIDB POSTs${latency ? `, accepted→delivered p50 ${ms(latency.p50)} p99 ${ms(latency.p99)}` : ''}`,
  );
  return result;
}

function fromLoad(r: LoadResult): Drive {
  return {
    ok: r.ok,
    acceptedAt: r.acceptedAt,
    statuses: r.statuses,
    samples: r.samples,
    answer: percentiles(r.latenciesMs),
    seconds: (r.endedAt - r.startedAt) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// the run

interface HttpFigure {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  clientCpuSeconds?: number;
}

function httpFromLoad(r: LoadResult): HttpFigure {
  const l = percentiles(r.latenciesMs);
  return { perSecond: okPerSecond(r), p50Ms: l.p50, p99Ms: l.p99, failed: r.sent - r.ok };
}

function httpFromWrk(r: WrkResult): HttpFigure {
  return {
    perSecond: r.perSecond,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    failed: r.failed,
    clientCpuSeconds: r.cpuSeconds,
  };
}

/** A representative KCIDB test object as the result-parser makes it (the PostgreSQL row). */
function testObjectJson(logBytes: number): string {
  return JSON.stringify({
    id: `${ORIGIN}:t-${'0123456789abcdef'.repeat(4)}`,
    origin: ORIGIN,
    build_id: BUILD_ID,
    path: 'kselftest.timers.case_0',
    status: 'PASS',
    start_time: new Date().toISOString(),
    misc: {
      test_uid: 'bench-0000000000',
      submission_id: '6f1c2f3e-0000-4000-8000-000000000000',
      device: 'qemu-riscv64',
      runtime: 'kci-bridge bench',
    },
    environment: { misc: { platform: 'qemu-riscv64' } },
    ...(logBytes > 0 ? { log_excerpt: logText(logBytes, 0) } : {}),
  });
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === undefined) return 0;
  const { databaseUrl, natsUrl } = readTestEnv();
  const useWrk = options.wrk && wrkAvailable();
  const cpus = os.cpus();
  console.log('kci-bridge pipeline benchmark');
  console.log(
    `machine: ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${num(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
  );
  console.log(
    `HTTP load: node:http keep-alive agent in a worker thread${useWrk ? ', and wrk -t1 (judged on wrk)' : options.wrk ? ' (wrk not installed: apt-get install -y wrk for the wrk figures)' : ''}; ${options.connections} connections`,
  );
  console.log(
    `PostgreSQL ${new URL(databaseUrl).host}, NATS ${natsUrl}; service settings: the stack's defaults${
      Object.keys(options.env).length > 0
        ? ` plus ${Object.entries(options.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : ''
    }`,
  );

  const load = os.loadavg();
  console.log(
    `load average at start: ${load.map((l) => num(l, 2)).join(' ')}${(load[0] ?? 0) > os.availableParallelism() / 2 ? ' (other work is running on this machine: expect lower figures; see "others" in the CPU table)' : ''}`,
  );
  await checkReachable(databaseUrl, natsUrl);
  const runId = newRunId();
  const iso = isolationFor(runId, 'bench');
  progress(`run ${runId}: schemas ${iso.schemaPrefix}*, stream ${iso.stream}`);

  let fake: FakeKcidb | undefined;
  let stack: Stack | undefined;
  let nc: NatsConnection | undefined;
  let deliveries: Deliveries | undefined;
  let interrupted = false;
  const cleanup = async (): Promise<void> => {
    deliveries?.close();
    // In case an interrupt came while services were paused for the gateway-alone run.
    for (const name of SERVICES) {
      try {
        if (stack !== undefined) process.kill(stack.pid(name), 'SIGCONT');
      } catch {
        // not running (any more)
      }
    }
    const code = await stack?.stop();
    if (code !== undefined && code !== 0) progress(`the stack exited with ${code}`);
    await fake?.close();
    await nc?.close().catch(() => undefined);
    await Promise.allSettled([
      dropRunSchemas(databaseUrl, runId),
      deleteRunStreams(natsUrl, runId),
    ]);
    if (stack !== undefined) {
      if (options.keepLogs) progress(`services' logs kept in ${stack.logDir}`);
      else rmSync(stack.stateDir, { recursive: true, force: true });
    }
  };
  process.once('SIGINT', () => {
    interrupted = true;
    progress('interrupted: stopping the stack and removing the run’s schemas and streams');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    fake = await FakeKcidb.start();
    progress('starting the stack (scripts/up.sh: build, migrations, five services)');
    const t0 = Date.now();
    stack = await Stack.start({
      KCI_DATABASE_URL: databaseUrl,
      KCI_NATS_URL: natsUrl,
      KCI_DB_SCHEMA_PREFIX: iso.schemaPrefix,
      KCI_NATS_STREAM: iso.stream,
      KCI_SUBJECT_PREFIX: iso.prefix,
      KCIDB_REST: fake.restUrl,
      KCI_KCIDB_ORIGIN: ORIGIN,
      ...options.env,
    });
    const s = stack;
    progress(`stack ready in ${num((Date.now() - t0) / 1000, 1)} s`);
    nc = await connect({ servers: natsUrl });
    const jsm = await jetstreamManager(nc);
    deliveries = new Deliveries(fake, runId);
    // CPU of the servers the stack uses, found by their listening port (when they are local).
    const natsPid = listenerPid(Number(new URL(natsUrl).port || 4222));
    const pgPid = listenerPid(Number(new URL(databaseUrl).port || 5432));
    const watched: Watched[] = [
      ...SERVICES.map((name) => ({ name, service: true, pids: () => [s.pid(name)] })),
      { name: 'nats-server', service: false, pids: () => (natsPid === undefined ? [] : [natsPid]) },
      {
        name: 'postgres server',
        service: false,
        pids: () => (pgPid === undefined ? [] : withChildren(pgPid)),
      },
    ];
    const ctx: Context = { options, runId, fake, deliveries, watched, jsm, stream: iso.stream };
    const headers = s.headers();
    const api = s.api('/tests/submit');

    // --- idle RSS
    await new Promise((r) => setTimeout(r, options.idleSeconds * 1000));
    const idleRss = new Map(SERVICES.map((n) => [n, rssBytes(s.pid(n)) ?? NaN]));
    progress(`idle RSS: ${SERVICES.map((n) => `${n} ${mb(idleRss.get(n) ?? NaN)}`).join(', ')}`);

    // --- ceilings
    const hello = await startHello();
    await new Promise((r) => setTimeout(r, 1000));
    const helloIdleRss = rssBytes(hello.pid) ?? NaN;
    progress(`ceiling: bare Fastify hello, Node load generator, ${options.durationSeconds} s`);
    const helloNode = httpFromLoad(
      await runLoad({
        url: `http://127.0.0.1:${hello.port}/`,
        method: 'GET',
        headers: {},
        connections: options.connections,
        mode: { kind: 'closed', durationMs: options.durationSeconds * 1000 },
        expectStatus: 200,
      }),
    );
    progress(`  ${num(helloNode.perSecond)} req/s`);
    let helloWrk: HttpFigure | undefined;
    if (useWrk) {
      progress(`ceiling: bare Fastify hello, wrk, ${options.durationSeconds} s`);
      helloWrk = httpFromWrk(
        await runWrk({
          url: `http://127.0.0.1:${hello.port}/`,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          headers: {},
        }),
      );
      progress(`  ${num(helloWrk.perSecond)} req/s`);
    }
    await hello.stop();

    const spec = (phase: string, tests: number): BodySpec => ({
      uidPrefix: `${runId}-${phase}-`,
      testsPerSubmission: tests,
      logBytes: options.logBytes,
    });
    const payload = Buffer.from(submissionBody(spec('js', options.tests), 0));
    progress(
      `ceiling: JetStream publish (window 256) then consume, ${payload.length}-byte messages, ${options.ceilingSeconds} s`,
    );
    const js: JetStreamCeiling = await jetStreamCeiling(
      natsUrl,
      `${runStreamPrefix(runId)}CEILING`,
      `t${runId}.ceiling`,
      payload,
      options.ceilingSeconds * 1000,
    );
    progress(
      `  publish ${num(js.publishPerSecond)} msgs/s, consume ${num(js.consumePerSecond)} msgs/s (${num(js.published)} messages)`,
    );
    const row = testObjectJson(options.logBytes);
    progress(
      `ceiling: PostgreSQL, 1 connection, 1000 rows of ${Buffer.byteLength(row)} bytes per INSERT, ${options.ceilingSeconds} s`,
    );
    const pgc: PostgresCeiling = await postgresCeiling(
      databaseUrl,
      `t${runId}_ceiling`,
      row,
      options.ceilingSeconds * 1000,
    );
    progress(`  ${num(pgc.rowsPerSecond)} rows/s`);

    // --- throughput
    progress(
      `throughput: ${num(options.submissions)} submissions × ${options.tests} tests, ${options.connections} connections, closed loop`,
    );
    const tput = await pipelinePhase(ctx, 'tput', options.tests, async () =>
      fromLoad(
        await runLoad({
          url: api,
          method: 'POST',
          headers,
          body: spec('tput', options.tests),
          connections: options.connections,
          mode: { kind: 'closed-count', requests: options.submissions },
          expectStatus: 202,
        }),
      ),
    );

    // --- latency at the target's half load, and at half the measured throughput
    const latencyAt = async (name: string, objectsPerSecond: number): Promise<PipelinePhase> => {
      const rate = objectsPerSecond / options.tests;
      progress(
        `latency: ${num(objectsPerSecond)} objects/s offered (${num(rate, 1)} submissions/s × ${options.tests} tests) for ${options.latencySeconds} s, open loop`,
      );
      return pipelinePhase(ctx, name, options.tests, async () =>
        fromLoad(
          await runLoad({
            url: api,
            method: 'POST',
            headers,
            body: spec(name, options.tests),
            connections: options.connections,
            mode: { kind: 'open', ratePerSecond: rate, durationMs: options.latencySeconds * 1000 },
            expectStatus: 202,
          }),
        ),
      );
    };
    const latTarget = await latencyAt('lat', options.latencyRate);
    const halfMeasured = Math.floor(tput.deliveredPerSecond / 2);
    const latHalf =
      Number.isFinite(halfMeasured) && halfMeasured > 0 && halfMeasured < options.latencyRate
        ? await latencyAt('lathalf', halfMeasured)
        : undefined;

    // --- gateway
    const gatewayRun = async (
      name: string,
      tool: 'wrk' | 'node',
      pause: readonly ServiceName[] = [],
    ): Promise<{ phase: PipelinePhase; figure: HttpFigure | undefined }> => {
      progress(
        `gateway: ${options.gatewayTests} tests per submission, ${options.connections} connections, ${options.durationSeconds} s, ${tool === 'wrk' ? 'wrk' : 'Node load generator'}${pause.length > 0 ? `; ${pause.join(', ')} paused (SIGSTOP)` : ''}`,
      );
      let figure: HttpFigure | undefined;
      const phase = await pipelinePhase(ctx, name, options.gatewayTests, async () => {
        for (const p of pause) process.kill(s.pid(p), 'SIGSTOP');
        try {
          if (tool === 'node') {
            const r = await runLoad({
              url: api,
              method: 'POST',
              headers,
              body: spec(name, options.gatewayTests),
              connections: options.connections,
              mode: { kind: 'closed', durationMs: options.durationSeconds * 1000 },
              expectStatus: 202,
            });
            figure = httpFromLoad(r);
            return { ...fromLoad(r), acceptedAt: undefined };
          }
          const r = await runWrk({
            url: api,
            connections: options.connections,
            durationSeconds: options.durationSeconds,
            headers,
            bodyTemplate: submissionBody(spec(name, options.gatewayTests), 0).replace(
              `"${runId}-${name}-0"`,
              `"${runId}-${name}-__N__"`,
            ),
          });
          figure = httpFromWrk(r);
          const statuses = Object.fromEntries(
            Object.entries(r.errors).map(([k, v]) => [k === 'status' ? '≥400' : `wrk ${k}`, v]),
          );
          return { ok: r.requests - r.failed, statuses, samples: [], seconds: r.seconds };
        } finally {
          for (const p of pause) process.kill(s.pid(p), 'SIGCONT');
        }
      });
      progress(`  ${num(figure?.perSecond ?? NaN)} accepted/s`);
      return { phase, figure };
    };
    const gwNodeRun = await gatewayRun('gwnode', 'node');
    const gwWrkRun = useWrk ? await gatewayRun('gwwrk', 'wrk') : undefined;
    // A diagnostic, not a target: the gateway without the pipeline competing for the cores.
    const gwAloneRun = await gatewayRun(
      'gwalone',
      useWrk ? 'wrk' : 'node',
      SERVICES.filter((n) => n !== 'gateway'),
    );

    report({
      options,
      idleRss,
      helloIdleRss,
      helloNode,
      helloWrk,
      js,
      pgc,
      tput,
      latTarget,
      latHalf,
      gwNode: gwNodeRun.phase,
      gatewayNode: gwNodeRun.figure,
      gwWrkPhase: gwWrkRun?.phase,
      gatewayWrk: gwWrkRun?.figure,
      gwAlone: gwAloneRun.phase,
      gatewayAlone: gwAloneRun.figure,
      foreign: deliveries.foreign,
    });
    return 0;
  } finally {
    if (!interrupted) {
      progress('stopping the stack and removing the run’s schemas and streams');
      await cleanup();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the report

interface Figures {
  options: Options;
  idleRss: Map<ServiceName, number>;
  helloIdleRss: number;
  helloNode: HttpFigure;
  helloWrk: HttpFigure | undefined;
  js: JetStreamCeiling;
  pgc: PostgresCeiling;
  tput: PipelinePhase;
  latTarget: PipelinePhase;
  latHalf: PipelinePhase | undefined;
  gwNode: PipelinePhase;
  gatewayNode: HttpFigure | undefined;
  gwWrkPhase: PipelinePhase | undefined;
  gatewayWrk: HttpFigure | undefined;
  gwAlone: PipelinePhase;
  gatewayAlone: HttpFigure | undefined;
  foreign: number;
}

function report(f: Figures): void {
  const o = f.options;
  const verdicts: Array<[string, boolean]> = [];
  const out: string[] = [];
  const line = (s = ''): number => out.push(s);

  line();
  line('=== Ceilings (this machine, this run) ===');
  const ceilingRows = [['ceiling', 'measured', 'p50', 'p99']];
  if (f.helloWrk)
    ceilingRows.push([
      'bare Fastify GET / hello, wrk -t1',
      `${num(f.helloWrk.perSecond)} req/s`,
      ms(f.helloWrk.p50Ms),
      ms(f.helloWrk.p99Ms),
    ]);
  ceilingRows.push(
    [
      'bare Fastify GET / hello, Node load generator',
      `${num(f.helloNode.perSecond)} req/s`,
      ms(f.helloNode.p50Ms),
      ms(f.helloNode.p99Ms),
    ],
    [
      `JetStream publish, ${f.js.payloadBytes} B, 256 awaiting ack`,
      `${num(f.js.publishPerSecond)} msgs/s = ${num(f.js.publishPerSecond * o.tests)} tests/s`,
      '',
      '',
    ],
    [
      'JetStream consume, pull, explicit ack',
      `${num(f.js.consumePerSecond)} msgs/s = ${num(f.js.consumePerSecond * o.tests)} tests/s`,
      '',
      '',
    ],
    [
      `PostgreSQL INSERT 1000 rows/txn, ${f.pgc.rowBytes} B jsonb`,
      `${num(f.pgc.rowsPerSecond)} rows/s`,
      '',
      '',
    ],
    ['bare Fastify process RSS, idle', mb(f.helloIdleRss), '', ''],
  );
  line(table(ceilingRows));

  line();
  line('=== Figures, ceilings, targets ===');
  const rows = [['figure', 'measured', 'ceiling', 'ratio', 'target', 'verdict']];
  const notes: string[] = [];

  // gateway
  const tool = f.gatewayWrk ? 'wrk' : 'node';
  const gwPairs: Array<[string, HttpFigure | undefined, HttpFigure | undefined]> = [
    ['wrk', f.gatewayWrk, f.helloWrk],
    ['node', f.gatewayNode, f.helloNode],
  ];
  for (const [name, gw, hello] of gwPairs) {
    if (gw === undefined || hello === undefined) continue;
    const ratio = gw.perSecond / hello.perSecond;
    const judged = name === tool;
    if (judged)
      verdicts.push([
        `gateway ≥ 15 % of bare Fastify (${pct(ratio)}, ${name})`,
        ratio >= TARGETS.gatewayShareOfHello,
      ]);
    rows.push([
      `gateway accepted req/s (${name})`,
      num(gw.perSecond),
      `${num(hello.perSecond)} hello`,
      pct(ratio),
      '≥ 15 %',
      judged ? verdict(ratio >= TARGETS.gatewayShareOfHello) : 'info',
    ]);
    rows.push([
      `  latency p50 / p99 (${name})`,
      `${ms(gw.p50Ms)} / ${ms(gw.p99Ms)}`,
      `${ms(hello.p50Ms)} / ${ms(hello.p99Ms)}`,
      `${num(gw.p50Ms / hello.p50Ms, 0)}× / ${num(gw.p99Ms / hello.p99Ms, 0)}×`,
      '',
      '',
    ]);
  }
  const judgedHello = f.gatewayWrk ? f.helloWrk : f.helloNode;
  if (f.gatewayAlone && judgedHello) {
    rows.push([
      `gateway alone, others paused (${tool})`,
      num(f.gatewayAlone.perSecond),
      `${num(judgedHello.perSecond)} hello`,
      pct(f.gatewayAlone.perSecond / judgedHello.perSecond),
      '',
      'info',
    ]);
    rows.push([
      `  latency p50 / p99 (${tool})`,
      `${ms(f.gatewayAlone.p50Ms)} / ${ms(f.gatewayAlone.p99Ms)}`,
      '',
      '',
      '',
      '',
    ]);
  }
  const gatewayCpu = (p: PipelinePhase | undefined): string => {
    const c = p?.load.processes.find((x) => x.name === 'gateway')?.cpuSeconds;
    if (p === undefined || c === undefined) return '-';
    return `${num((c / p.load.wallSeconds) * 100, 0)} % of a core, ${num((c * 1000) / p.drive.ok, 2)} ms CPU per accepted request`;
  };
  notes.push(
    `gateway: ${o.gatewayTests} tests of ${o.logBytes} B log per submission, ${o.connections} connections, ${o.durationSeconds} s, closed loop; each 202 only after JetStream stored the event. Gateway CPU with the pipeline running: ${gatewayCpu(f.gwWrkPhase ?? f.gwNode)}; alone (result-parser, kcidb-submitter, runner-orchestrator and sync-scheduler paused with SIGSTOP for the run, a diagnostic): ${gatewayCpu(f.gwAlone)}.`,
  );

  // throughput
  const t = f.tput;
  const ceilings: Array<[string, number]> = [
    ['JetStream publish', f.js.publishPerSecond * o.tests],
    ['JetStream consume', f.js.consumePerSecond * o.tests],
    ['PostgreSQL batched', f.pgc.rowsPerSecond],
  ];
  const [tightName, tightest] = ceilings.reduce((a, b) => (b[1] < a[1] ? b : a));
  const tputPass = t.drained && t.deliveredPerSecond >= TARGETS.objectsPerSecond;
  verdicts.push([`≥ 20,000 test objects/s delivered (${num(t.deliveredPerSecond)})`, tputPass]);
  rows.push([
    'KCIDB test objects delivered/s',
    num(t.deliveredPerSecond),
    `${num(tightest)} ${tightName}`,
    pct(t.deliveredPerSecond / tightest),
    '≥ 20,000',
    verdict(tputPass),
  ]);
  const tputAccepted = t.drive.ok / t.drive.seconds;
  notes.push(
    `delivered/s: ${num(t.delivered)} distinct objects (${num(o.submissions)} submissions × ${o.tests} tests) over ${num(t.deliverySpanSeconds, 1)} s from the first delivery to the last (rate counted without the first report’s objects); the gateway accepted them at ${num(tputAccepted, 1)} submissions/s (${num(tputAccepted * o.tests)} tests/s) in ${num(t.drive.seconds, 1)} s. Ratio to each ceiling (in tests/s): ${ceilings.map(([n, c]) => `${n} ${num(c)} → ${pct(t.deliveredPerSecond / c)}`).join(', ')}.`,
  );

  // latency
  const latencyRow = (p: PipelinePhase, offered: number, label: string, judged: boolean): void => {
    const l = p.latency;
    if (l === undefined) return;
    const achieved = (p.drive.ok * o.tests) / p.drive.seconds;
    // Below the offered rate the backlog waits in the client, not in the bridge: not that load.
    const carried = achieved >= 0.95 * offered;
    const pass = carried && l.p99 <= TARGETS.p99Ms;
    if (judged)
      verdicts.push([
        `p99 accepted→delivered ≤ 1 s at ${num(offered)} objects/s (${ms(l.p99)}${carried ? '' : `; the gateway took only ${num(achieved)} objects/s`})`,
        pass,
      ]);
    rows.push([
      `accepted→delivered p50 / p99 @ ${num(offered)}/s`,
      `${ms(l.p50)} / ${ms(l.p99)}`,
      '',
      '',
      '≤ 1 s',
      judged ? verdict(pass) : 'info',
    ]);
    notes.push(
      `@ ${num(offered)}/s (${label}): open loop, ${num(offered / o.tests, 1)} submissions/s × ${o.tests} tests for ${o.latencySeconds} s; accepted ${num(achieved)} objects/s; due→202 p50 / p99 ${ms(p.drive.answer?.p50 ?? NaN)} / ${ms(p.drive.answer?.p99 ?? NaN)}; delivered ${num(p.delivered)} of ${num(p.expected)}.`,
    );
  };
  latencyRow(
    f.latTarget,
    o.latencyRate,
    o.latencyRate === TARGETS.objectsPerSecond / 2 ? 'half the 20,000/s target' : '--latency-rate',
    o.latencyRate === TARGETS.objectsPerSecond / 2,
  );
  if (f.latHalf)
    latencyRow(
      f.latHalf,
      Math.floor(f.tput.deliveredPerSecond / 2),
      'half the measured throughput',
      false,
    );

  // POSTs
  const maxObjects = Number(o.env['KCI_BATCH_MAX_OBJECTS'] ?? 2000);
  const postsPer1000 = (t.posts / t.delivered) * 1000;
  const best = 1000 / maxObjects;
  const postsPass = postsPer1000 <= TARGETS.postsPer1000;
  verdicts.push([`≤ 2 KCIDB POSTs per 1,000 objects (${num(postsPer1000, 2)})`, postsPass]);
  rows.push([
    'KCIDB POSTs per 1,000 objects',
    num(postsPer1000, 2),
    `${num(best, 2)} batch`,
    `${num(postsPer1000 / best, 1)}×`,
    '≤ 2',
    verdict(postsPass),
  ]);
  notes.push(
    `POSTs: ${t.posts} POST /submit in the throughput phase; the ceiling is one full report of KCI_BATCH_MAX_OBJECTS (${maxObjects}) per POST.`,
  );

  // RSS
  const loadRss = (name: string): number =>
    Math.max(
      ...[f.tput, f.latTarget, f.latHalf, f.gwNode, f.gwWrkPhase, f.gwAlone].flatMap((p) =>
        p === undefined
          ? []
          : [...p.load.processes, ...p.drain.processes]
              .filter((x) => x.name === name)
              .map((x) => x.maxRssBytes),
      ),
    );
  for (const name of SERVICES) {
    const idle = f.idleRss.get(name) ?? NaN;
    const pass = idle <= TARGETS.idleRssBytes;
    verdicts.push([`${name} ≤ 150 MB RSS idle (${mb(idle)} = ${mib(idle)})`, pass]);
    rows.push([
      `RSS ${name} idle (load max)`,
      `${mb(idle)} (${mb(loadRss(name))})`,
      `${mb(f.helloIdleRss)} Fastify`,
      `${num(idle / f.helloIdleRss, 1)}×`,
      '≤ 150 MB',
      verdict(pass),
    ]);
  }
  notes.push(
    `RSS: VmRSS after ${o.idleSeconds} s idle, and the largest seen under load; MB = 10^6 bytes (150 MB = 143.1 MiB). The ceiling is a bare Fastify process, idle.`,
  );
  line(table(rows));
  for (const n of notes) line(`- ${n}`);

  line();
  line('=== Accounting per phase ===');
  const phases = [f.tput, f.latTarget, f.latHalf, f.gwNode, f.gwWrkPhase, f.gwAlone].filter(
    (p): p is PipelinePhase => p !== undefined,
  );
  const acct = [
    [
      'phase',
      'accepted',
      'other answers',
      'objects expected',
      'delivered',
      'again',
      'POSTs',
      'load s',
      'drain s',
    ],
  ];
  for (const p of phases) {
    const others = Object.entries(p.drive.statuses)
      .filter(([k]) => k !== '202')
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    acct.push([
      p.name,
      num(p.drive.ok),
      others === '' ? '-' : others,
      num(p.expected),
      `${num(p.delivered)}${p.drained ? '' : ' TIMEOUT'}`,
      num(p.repeats),
      num(p.posts),
      num(p.load.wallSeconds, 1),
      num(p.drain.wallSeconds, 1),
    ]);
  }
  line(table(acct));
  for (const p of phases)
    for (const sample of p.drive.samples) line(`  ${p.name}: ${sample.replace(/\s+/g, ' ')}`);
  if (f.foreign > 0) line(`  ${f.foreign} objects with a test_uid not of this run (unexpected)`);
  line(
    'phases: tput = throughput, lat = latency at the offered rate, lathalf = latency at half the measured throughput, gwnode/gwwrk = gateway with each load tool, gwalone = gateway with the other services paused',
  );

  line();
  line(
    `=== Where the CPU went: % of one core per process (${os.availableParallelism()} cores = ${os.availableParallelism() * 100} %) ===`,
  );
  const short: Record<string, string> = {
    gateway: 'gateway',
    'runner-orchestrator': 'orchestr.',
    'result-parser': 'parser',
    'kcidb-submitter': 'submitter',
    'sync-scheduler': 'scheduler',
    'nats-server': 'nats',
    'postgres server': 'postgres',
    'bench process (fake KCIDB + load generator)': 'bench',
  };
  const names = phases[0]?.load.processes.map((p) => p.name) ?? [];
  const cpuRows = [['window', 'seconds', ...names.map((n) => short[n] ?? n), 'others', 'machine']];
  for (const p of phases) {
    for (const [part, w] of [
      ['load', p.load],
      ['drain', p.drain],
    ] as const) {
      const cells = names.map(
        (n) => ((w.processes.find((x) => x.name === n)?.cpuSeconds ?? 0) / w.wallSeconds) * 100,
      );
      const machine = (w.machineCpuSeconds / w.wallSeconds) * 100;
      cpuRows.push([
        `${p.name} ${part}`,
        num(w.wallSeconds, 1),
        ...cells.map((c) => num(c, 0)),
        num(machine - cells.reduce((a, b) => a + b, 0), 0),
        num(machine, 0),
      ]);
    }
  }
  line(table(cpuRows));
  line('load: while the load generator ran; drain: after it, until the last object reached KCIDB.');
  line('nats: the NATS server at KCI_NATS_URL; postgres: the PostgreSQL server (postmaster and');
  line('every backend, other clients’ too); bench: this process (fake KCIDB, load generator);');
  line('others: every other process on the machine; machine: all of it (/proc/stat).');
  if (f.helloWrk?.clientCpuSeconds !== undefined)
    line(
      `wrk itself: ${num(f.helloWrk.clientCpuSeconds, 1)} CPU s in the ${o.durationSeconds} s hello run`,
    );
  if (f.gatewayWrk?.clientCpuSeconds !== undefined)
    line(
      `wrk itself: ${num(f.gatewayWrk.clientCpuSeconds, 1)} CPU s in the ${o.durationSeconds} s gateway run`,
    );
  line();
  line('largest JetStream consumer backlog (pending + awaiting ack, messages):');
  for (const p of phases) {
    const lags = [...p.lag].map(([k, v]) => `${k} ${num(v)}`).join(', ');
    line(`  ${p.name}: ${lags === '' ? '-' : lags}`);
  }

  line();
  line(
    `load average at the end: ${os
      .loadavg()
      .map((l) => num(l, 2))
      .join(' ')}`,
  );
  line();
  line('=== Targets ===');
  for (const [name, pass] of verdicts) line(`${verdict(pass)}  ${name}`);
  line(
    `${verdicts.filter(([, p]) => p).length} of ${verdicts.length} targets met, on ${os.availableParallelism()} cores`,
  );
  console.log(out.join('\n'));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
