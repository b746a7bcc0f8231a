import { z } from 'zod';

/** A configuration problem found at start-up; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** An integer variable with bounds. */
export const intVar = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);

/** A URL variable restricted to some schemes. */
export const urlVar = (schemes: string[], def?: string) => {
  const base = z.string().refine(
    (v) => {
      try {
        return schemes.some((s) =>
          v.split(',').every((part) => new URL(part.trim()).protocol === `${s}:`),
        );
      } catch {
        return false;
      }
    },
    `must be a ${schemes.join(' or ')} URL`,
  );
  return def === undefined ? base : base.default(def);
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables every service reads. */
export const baseEnvShape = {
  KCI_DATABASE_URL: urlVar(
    ['postgres', 'postgresql'],
    'postgres://postgres@127.0.0.1:5432/postgres',
  ),
  KCI_DB_SCHEMA_PREFIX: z
    .string()
    .regex(/^([a-z_][a-z0-9_]*)?$/, 'must be lowercase letters, digits and _')
    .default(''),
  KCI_DB_POOL_MAX: intVar(10, 1, 200),
  KCI_NATS_URL: urlVar(['nats', 'tls'], 'nats://127.0.0.1:4222'),
  KCI_NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -')
    .default('KCI_EVENTS'),
  KCI_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be dot-separated tokens')
    .default('kci'),
  KCI_NATS_REPLICAS: intVar(1, 1, 5),
  KCI_NATS_MAX_AGE_HOURS: intVar(168, 1, 24 * 365),
  KCI_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  KCI_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  KCI_SHUTDOWN_TIMEOUT_MS: intVar(10_000, 100, 120_000),
};

/** Validates `env` against a zod object shape, or throws ConfigError naming each bad variable. */
export function loadEnv<S extends z.ZodRawShape>(
  shape: S,
  env: Record<string, string | undefined>,
): z.infer<z.ZodObject<S>> {
  // An empty variable means "not set": defaults apply, as operators expect from .env files.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const given = cleaned[name];
      return `${name}: ${issue.message}${given === undefined ? ' (not set)' : ''}`;
    }),
  );
}

/** The common settings, in the shape the kit consumes. */
export interface ServiceSettings {
  name: string;
  /** Postgres schema name without the prefix, e.g. `kcidb_submitter`. */
  schema: string;
  databaseUrl: string;
  schemaPrefix: string;
  dbPoolMax: number;
  natsUrl: string;
  stream: string;
  subjectPrefix: string;
  natsReplicas: number;
  natsMaxAgeHours: number;
  httpHost: string;
  httpPort: number;
  logLevel: (typeof LOG_LEVELS)[number];
  shutdownTimeoutMs: number;
}

type BaseEnv = z.infer<z.ZodObject<typeof baseEnvShape>>;

/** Maps validated base variables to the kit's settings. */
export function serviceSettings(
  name: string,
  schema: string,
  env: BaseEnv,
  httpPort: number,
): ServiceSettings {
  return {
    name,
    schema,
    databaseUrl: env.KCI_DATABASE_URL,
    schemaPrefix: env.KCI_DB_SCHEMA_PREFIX,
    dbPoolMax: env.KCI_DB_POOL_MAX,
    natsUrl: env.KCI_NATS_URL,
    stream: env.KCI_NATS_STREAM,
    subjectPrefix: env.KCI_SUBJECT_PREFIX,
    natsReplicas: env.KCI_NATS_REPLICAS,
    natsMaxAgeHours: env.KCI_NATS_MAX_AGE_HOURS,
    httpHost: env.KCI_HTTP_HOST,
    httpPort,
    logLevel: env.KCI_LOG_LEVEL,
    shutdownTimeoutMs: env.KCI_SHUTDOWN_TIMEOUT_MS,
  };
}
