import { resolve } from 'node:path';
import { z } from 'zod';
import type { KcidbTarget } from '@kci-bridge/kcidb';
import { KcidbConfigError, parseKcidbTarget } from '@kci-bridge/kcidb';
import type { ServiceSettings } from '@kci-bridge/service-kit';
import {
  ConfigError,
  baseEnvShape,
  intVar,
  loadEnv,
  serviceSettings,
} from '@kci-bridge/service-kit';

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8083, 0, 65535),
  KCIDB_REST: z.string().optional(),
  KCIDB_TOKEN: z.string().optional(),
  KCI_SPOOL_DIR: z.string().default('.kci/spool'),
  KCI_BATCH_MAX_OBJECTS: intVar(2_000, 1, 100_000),
  KCI_BATCH_MAX_BYTES: intVar(4 * 1024 * 1024, 1_024, 512 * 1024 * 1024),
  KCI_BATCH_MAX_AGE_MS: intVar(500, 10, 600_000),
  KCI_REPORTS_IN_FLIGHT: intVar(2, 1, 64),
  KCI_KCIDB_TIMEOUT_MS: intVar(30_000, 100, 600_000),
  KCI_RETRY_BASE_MS: intVar(2_000, 10, 3_600_000),
  KCI_RETRY_MAX_MS: intVar(600_000, 10, 24 * 3_600_000),
  KCI_CREDENTIALS_RETRY_MS: intVar(60_000, 10, 24 * 3_600_000),
  KCI_STATUS_POLL_MS: intVar(5_000, 10, 3_600_000),
  KCI_STATUS_POLL_MAX_MS: intVar(300_000, 10, 24 * 3_600_000),
  KCI_LEASE_MS: intVar(120_000, 100, 24 * 3_600_000),
};

export interface SubmitterConfig {
  service: ServiceSettings;
  /** Where reports go: KCIDB over REST, or a spool directory when none is configured. */
  target: { kind: 'rest'; kcidb: KcidbTarget } | { kind: 'spool'; dir: string };
  batch: { maxObjects: number; maxBytes: number; maxAgeMs: number };
  /** Reports one replica builds and sends at once (each its own claim). */
  reportsInFlight: number;
  timeoutMs: number;
  retry: { baseDelayMs: number; maxDelayMs: number };
  credentialsRetryMs: number;
  statusPoll: { intervalMs: number; maxIntervalMs: number };
  /** How long a claimed batch belongs to one replica before another may take it over. */
  leaseMs: number;
}

/** Reads and validates the submitter's environment, once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): SubmitterConfig {
  const e = loadEnv(shape, env);
  let target: SubmitterConfig['target'];
  if (e.KCIDB_REST !== undefined) {
    try {
      target = {
        kind: 'rest',
        kcidb: parseKcidbTarget({ rest: e.KCIDB_REST, token: e.KCIDB_TOKEN }),
      };
    } catch (err) {
      if (err instanceof KcidbConfigError) throw new ConfigError([`KCIDB_REST: ${err.message}`]);
      throw err;
    }
  } else {
    target = { kind: 'spool', dir: resolve(e.KCI_SPOOL_DIR) };
  }
  if (e.KCI_LEASE_MS <= e.KCI_KCIDB_TIMEOUT_MS) {
    throw new ConfigError([
      `KCI_LEASE_MS: must be longer than KCI_KCIDB_TIMEOUT_MS (${e.KCI_KCIDB_TIMEOUT_MS}), or a slow POST would be sent twice`,
    ]);
  }
  return {
    service: serviceSettings('kcidb-submitter', 'kcidb_submitter', e, e.KCI_HTTP_PORT),
    target,
    batch: {
      maxObjects: e.KCI_BATCH_MAX_OBJECTS,
      maxBytes: e.KCI_BATCH_MAX_BYTES,
      maxAgeMs: e.KCI_BATCH_MAX_AGE_MS,
    },
    reportsInFlight: e.KCI_REPORTS_IN_FLIGHT,
    timeoutMs: e.KCI_KCIDB_TIMEOUT_MS,
    retry: { baseDelayMs: e.KCI_RETRY_BASE_MS, maxDelayMs: e.KCI_RETRY_MAX_MS },
    credentialsRetryMs: e.KCI_CREDENTIALS_RETRY_MS,
    statusPoll: { intervalMs: e.KCI_STATUS_POLL_MS, maxIntervalMs: e.KCI_STATUS_POLL_MAX_MS },
    leaseMs: e.KCI_LEASE_MS,
  };
}
