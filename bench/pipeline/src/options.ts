/** Command-line options of the pipeline benchmark (`npm run bench -- --help`). */
import { parseArgs } from 'node:util';

export interface Options {
  submissions: number;
  tests: number;
  gatewayTests: number;
  logBytes: number;
  connections: number;
  durationSeconds: number;
  latencyRate: number;
  latencySeconds: number;
  ceilingSeconds: number;
  drainTimeoutSeconds: number;
  idleSeconds: number;
  wrk: boolean;
  keepLogs: boolean;
  env: Record<string, string>;
}

export const USAGE = `npm run bench [-- options]

Starts the whole stack (scripts/up.sh) against an in-process fake KCIDB, measures the ceilings
on this machine, drives POST /api/v1/tests/submit and prints every figure with its ceiling, ratio
and target. Uses the PostgreSQL and NATS at KCI_DATABASE_URL and KCI_NATS_URL (defaults
postgres://postgres@127.0.0.1:5432/postgres, nats://127.0.0.1:4222) with names of its own.

  --submissions N         throughput phase: submissions sent (default 2000)
  --tests N               tests per submission, throughput and latency phases (default 50)
  --gateway-tests N       tests per submission, gateway phase (default 10)
  --log-bytes N           bytes of log per test (default 200)
  --connections N         concurrent keep-alive connections (default 50)
  --duration S            seconds of each gateway and hello run (default 10)
  --latency-rate N        test objects/s offered in the latency phase (default 10000: half
                          of the 20000/s target)
  --latency-duration S    seconds of each latency phase (default 15)
  --ceiling-duration S    seconds of the JetStream and PostgreSQL ceilings (default 5)
  --drain-timeout S       longest wait for a phase's objects to reach KCIDB (default 300)
  --idle S                seconds the stack idles before idle RSS is read (default 5)
  --no-wrk                measure HTTP with the Node load generator only, even if wrk exists
  --keep-logs             keep the services' logs (the path is printed)
  --env KEY=VALUE         an extra environment variable for the services (repeatable), e.g.
                          --env KCI_BATCH_MAX_AGE_MS=100; the stack's defaults otherwise
  -h, --help              this text`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name}: expected a positive number, got "${value}"`);
  return n;
}

function whole(name: string, value: string | undefined, fallback: number): number {
  const n = positive(name, value, fallback);
  if (!Number.isInteger(n)) throw new Error(`--${name}: expected a whole number, got "${value}"`);
  return n;
}

/** The options, or undefined after printing the usage for --help. */
export function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      submissions: { type: 'string' },
      tests: { type: 'string' },
      'gateway-tests': { type: 'string' },
      'log-bytes': { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      'latency-rate': { type: 'string' },
      'latency-duration': { type: 'string' },
      'ceiling-duration': { type: 'string' },
      'drain-timeout': { type: 'string' },
      idle: { type: 'string' },
      'no-wrk': { type: 'boolean' },
      'keep-logs': { type: 'boolean' },
      env: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return undefined;
  }
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/s.exec(pair);
    if (m === null) throw new Error(`--env: expected KEY=VALUE, got "${pair}"`);
    env[m[1] ?? ''] = m[2] ?? '';
  }
  const logBytes = values['log-bytes'] === '0' ? 0 : whole('log-bytes', values['log-bytes'], 200);
  return {
    submissions: whole('submissions', values.submissions, 2000),
    tests: whole('tests', values.tests, 50),
    gatewayTests: whole('gateway-tests', values['gateway-tests'], 10),
    logBytes,
    connections: whole('connections', values.connections, 50),
    durationSeconds: positive('duration', values.duration, 10),
    latencyRate: positive('latency-rate', values['latency-rate'], 10_000),
    latencySeconds: positive('latency-duration', values['latency-duration'], 15),
    ceilingSeconds: positive('ceiling-duration', values['ceiling-duration'], 5),
    drainTimeoutSeconds: positive('drain-timeout', values['drain-timeout'], 300),
    idleSeconds: positive('idle', values.idle, 5),
    wrk: values['no-wrk'] !== true,
    keepLogs: values['keep-logs'] === true,
    env,
  };
}
