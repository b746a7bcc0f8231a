import { z } from 'zod';
import type { ServiceSettings } from '@kci-bridge/service-kit';
import { baseEnvShape, intVar, loadEnv, serviceSettings } from '@kci-bridge/service-kit';

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8080, 0, 65535),
  KCI_MAX_BODY_BYTES: intVar(768 * 1024, 1_024, 64 * 1024 * 1024),
  KCI_MAX_TESTS_PER_SUBMISSION: intVar(10_000, 1, 1_000_000),
  KCI_QUERY_TIMEOUT_MS: intVar(3_000, 100, 60_000),
  KCI_IDEMPOTENCY_WINDOW_MS: intVar(10 * 60_000, 0, 7 * 24 * 3_600_000),
  KCI_IDEMPOTENCY_KEY_TTL_MS: intVar(24 * 3_600_000, 60_000, 30 * 24 * 3_600_000),
  KCI_ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (a random secret)')
    .optional(),
  KCI_KCIDB_ORIGIN: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'must be lowercase letters, digits and _ (a KCIDB origin)')
    .default('kci_bridge'),
  KCI_RUN_RATE_PER_MIN: intVar(60, 1, 100_000),
  KCI_SYNC_RATE_PER_MIN: intVar(10, 1, 100_000),
};

export interface GatewayConfig {
  service: ServiceSettings;
  maxBodyBytes: number;
  maxTestsPerSubmission: number;
  queryTimeoutMs: number;
  /** Without an Idempotency-Key, an identical run request within this window returns the same run (0: off). */
  idempotencyWindowMs: number;
  /** How long an Idempotency-Key is remembered; afterwards the same key starts a new run. */
  idempotencyKeyTtlMs: number;
  /** The admin token's value, when the operator sets it (else one is made on first start). */
  adminToken?: string;
  /** The bridge's KCIDB origin (as result-parser's): what `/tests/submit` and runs submit under. */
  origin: string;
  runRatePerMinute: number;
  syncRatePerMinute: number;
}

/** Reads and validates the gateway's environment, once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const e = loadEnv(shape, env);
  return {
    service: serviceSettings('gateway', 'gateway', e, e.KCI_HTTP_PORT),
    maxBodyBytes: e.KCI_MAX_BODY_BYTES,
    maxTestsPerSubmission: e.KCI_MAX_TESTS_PER_SUBMISSION,
    queryTimeoutMs: e.KCI_QUERY_TIMEOUT_MS,
    idempotencyWindowMs: e.KCI_IDEMPOTENCY_WINDOW_MS,
    idempotencyKeyTtlMs: e.KCI_IDEMPOTENCY_KEY_TTL_MS,
    ...(e.KCI_ADMIN_TOKEN !== undefined ? { adminToken: e.KCI_ADMIN_TOKEN } : {}),
    origin: e.KCI_KCIDB_ORIGIN,
    runRatePerMinute: e.KCI_RUN_RATE_PER_MIN,
    syncRatePerMinute: e.KCI_SYNC_RATE_PER_MIN,
  };
}
