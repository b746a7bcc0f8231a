import { delimiter, isAbsolute, resolve } from 'node:path';
import { DevstackError } from '../errors.js';
import type { ServiceName } from '../services.js';
import { SERVICE_NAMES } from '../services.js';
import type { Replicas, ServiceInstance } from '../replicas.js';
import { parseReplicas, REPLICA_PORT_STEP, serviceInstances } from '../replicas.js';
import type { NatsServers, PostgresTarget } from '../urls.js';
import { parseNatsServers, parsePostgresUrl } from '../urls.js';

// The only file of devstack that reads process.env. Every variable is declared once below;
// the typed configuration is derived from these declarations.

interface Defaulted<T> {
  kind: 'defaulted';
  /** Parsed like a given value, so the default is checked by the same rule. */
  default: string;
  doc: string;
  parse(raw: string): T;
}

interface Optional<T> {
  kind: 'optional';
  doc: string;
  parse(raw: string): T;
}

const defaulted = <T>(def: string, doc: string, parse: (raw: string) => T): Defaulted<T> => ({
  kind: 'defaulted',
  default: def,
  doc,
  parse,
});

const optional = <T>(doc: string, parse: (raw: string) => T): Optional<T> => ({
  kind: 'optional',
  doc,
  parse,
});

function port(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new Error(`expected a TCP port number, got "${raw}"`);
  const n = Number(raw);
  if (n < 1 || n > 65535) throw new Error(`expected a TCP port between 1 and 65535, got ${raw}`);
  return n;
}

function milliseconds(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new Error(`expected a whole number of milliseconds, got "${raw}"`);
  const n = Number(raw);
  if (n < 1000) throw new Error(`expected at least 1000 (milliseconds), got ${raw}`);
  return n;
}

function path(raw: string): string {
  if (raw.includes('\0')) throw new Error('a path cannot contain a NUL character');
  return raw;
}

const servicePort = (def: number, service: ServiceName): Defaulted<number> =>
  defaulted(String(def), `HTTP port of ${service} (given to it as KCI_HTTP_PORT)`, port);

/** Every variable devstack reads, with its default and meaning. */
export const VARIABLES = {
  KCI_DATABASE_URL: defaulted(
    'postgres://postgres@127.0.0.1:5432/postgres',
    'PostgreSQL to check, or to start when it is on this machine and down',
    parsePostgresUrl,
  ),
  KCI_NATS_URL: defaulted(
    'nats://127.0.0.1:4222',
    'NATS (with JetStream) to check, or to start when it is on this machine and down; comma-separated for the nodes of a cluster (checked, never started)',
    parseNatsServers,
  ),
  KCI_STATE_DIR: defaulted(
    '.kci',
    'where started servers keep data, logs and pid files (relative to the repository root)',
    path,
  ),
  KCI_GATEWAY_PORT: servicePort(8080, 'gateway'),
  KCI_ORCHESTRATOR_PORT: servicePort(8081, 'runner-orchestrator'),
  KCI_PARSER_PORT: servicePort(8082, 'result-parser'),
  KCI_SUBMITTER_PORT: servicePort(8083, 'kcidb-submitter'),
  KCI_SCHEDULER_PORT: servicePort(8084, 'sync-scheduler'),
  KCI_UP_LOG_DIR: optional(
    'up: write each service output to <dir>/<service>.log instead of the terminal (relative to the repository root)',
    path,
  ),
  KCI_UP_REPLICAS: optional(
    `up: processes per service, e.g. result-parser=2,kcidb-submitter=2 (others run once); replica k listens on the service's port + ${REPLICA_PORT_STEP}×(k-1)`,
    parseReplicas,
  ),
  KCI_UP_READY_TIMEOUT_MS: defaulted(
    '60000',
    'up: how long to wait for every service to answer /health/ready with 200',
    milliseconds,
  ),
} as const;

type Variables = typeof VARIABLES;
type VariableName = keyof Variables;
type ValueOf<V> =
  V extends Defaulted<infer T> ? T : V extends Optional<infer T> ? T | undefined : never;

/** The variables' parsed values, typed from the declarations above. */
export type EnvValues = { [K in VariableName]: ValueOf<Variables[K]> };

/** Which variable holds each service's HTTP port. */
export const SERVICE_PORT_VARIABLE = {
  gateway: 'KCI_GATEWAY_PORT',
  'runner-orchestrator': 'KCI_ORCHESTRATOR_PORT',
  'result-parser': 'KCI_PARSER_PORT',
  'kcidb-submitter': 'KCI_SUBMITTER_PORT',
  'sync-scheduler': 'KCI_SCHEDULER_PORT',
} as const satisfies Record<ServiceName, VariableName>;

/** What the commands need, resolved and validated. */
export interface DevstackConfig {
  repoRoot: string;
  postgres: PostgresTarget;
  nats: NatsServers;
  /** Absolute. */
  stateDir: string;
  servicePorts: Readonly<Record<ServiceName, number>>;
  replicas: Replicas;
  /** Every process `up` runs (each replica with its own port). */
  instances: readonly ServiceInstance[];
  /** Absolute, or undefined to pass service output through to the terminal. */
  upLogDir: string | undefined;
  upReadyTimeoutMs: number;
  /** The directories of PATH, to find psql, pg_ctl, nats-server. */
  searchPath: readonly string[];
  /** The environment devstack was started with, handed on to the services and tools it runs. */
  inheritedEnv: Readonly<Record<string, string>>;
}

/** Raised with every invalid variable at once, each named. */
export class ConfigError extends DevstackError {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`, 2);
    this.name = 'ConfigError';
  }
}

type Source = Readonly<Record<string, string | undefined>>;

/** Validates the variables in `source`; throws a ConfigError naming each bad one. */
export function parseEnv(source: Source): EnvValues {
  const problems: string[] = [];
  const values: Partial<Record<VariableName, unknown>> = {};
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const spec: Defaulted<unknown> | Optional<unknown> = VARIABLES[name];
    const given = source[name];
    const raw = given === undefined || given.trim() === '' ? undefined : given.trim();
    if (raw === undefined && spec.kind === 'optional') continue;
    const text = raw ?? (spec.kind === 'defaulted' ? spec.default : '');
    try {
      values[name] = spec.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      problems.push(`${name}: ${why}${raw === undefined ? ' (the default)' : ''}`);
    }
  }
  if (problems.length === 0) problems.push(...duplicatePorts(values));
  if (problems.length > 0) throw new ConfigError(problems);
  return values as EnvValues;
}

/** Each process `up` runs needs its own port, replicas included. */
function duplicatePorts(values: Partial<Record<VariableName, unknown>>): string[] {
  const env = values as EnvValues;
  const seen = new Map<number, string>();
  const problems: string[] = [];
  for (const instance of serviceInstances(portsOf(env), replicasOf(env))) {
    const variable = SERVICE_PORT_VARIABLE[instance.service];
    const what =
      instance.replica === 1
        ? variable
        : `${instance.name} (${variable} + ${REPLICA_PORT_STEP * (instance.replica - 1)})`;
    if (instance.port > 65535) {
      problems.push(`${what}: port ${instance.port} is above 65535; choose a lower ${variable}`);
      continue;
    }
    const other = seen.get(instance.port);
    if (other !== undefined) {
      problems.push(
        `${what}: port ${instance.port} is also ${other}; each service needs its own port`,
      );
    }
    seen.set(instance.port, what);
  }
  return problems;
}

function portsOf(env: EnvValues): Record<ServiceName, number> {
  return Object.fromEntries(SERVICE_NAMES.map((s) => [s, env[SERVICE_PORT_VARIABLE[s]]])) as Record<
    ServiceName,
    number
  >;
}

const replicasOf = (env: EnvValues): Replicas => env.KCI_UP_REPLICAS ?? parseReplicas('');

/** Builds the configuration from an environment (pure: tests pass their own). */
export function configFrom(source: Source, repoRoot: string): DevstackConfig {
  const env = parseEnv(source);
  const fromRoot = (p: string): string => (isAbsolute(p) ? p : resolve(repoRoot, p));
  const servicePorts = portsOf(env);
  const replicas = replicasOf(env);
  const inheritedEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined) inheritedEnv[k] = v;
  return {
    repoRoot,
    postgres: env.KCI_DATABASE_URL,
    nats: env.KCI_NATS_URL,
    stateDir: fromRoot(env.KCI_STATE_DIR),
    servicePorts,
    replicas,
    instances: serviceInstances(servicePorts, replicas),
    upLogDir: env.KCI_UP_LOG_DIR === undefined ? undefined : fromRoot(env.KCI_UP_LOG_DIR),
    upReadyTimeoutMs: env.KCI_UP_READY_TIMEOUT_MS,
    searchPath: (source.PATH ?? '').split(delimiter).filter((d) => d !== ''),
    inheritedEnv,
  };
}

/** Reads and validates the process environment. */
export function loadConfig(repoRoot: string): DevstackConfig {
  return configFrom(process.env, repoRoot);
}

/** The variables with their defaults and meaning, for `help`. */
export function describeVariables(): { name: string; default: string | undefined; doc: string }[] {
  return (Object.keys(VARIABLES) as VariableName[]).map((name) => {
    const spec: Defaulted<unknown> | Optional<unknown> = VARIABLES[name];
    return { name, default: spec.kind === 'defaulted' ? spec.default : undefined, doc: spec.doc };
  });
}
