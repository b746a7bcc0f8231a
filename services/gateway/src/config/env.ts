import type { ServiceSettings } from '@kci-bridge/service-kit';
import { baseEnvShape, intVar, loadEnv, serviceSettings } from '@kci-bridge/service-kit';

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8080, 0, 65535),
  KCI_MAX_BODY_BYTES: intVar(768 * 1024, 1_024, 64 * 1024 * 1024),
  KCI_MAX_TESTS_PER_SUBMISSION: intVar(10_000, 1, 1_000_000),
  KCI_QUERY_TIMEOUT_MS: intVar(3_000, 100, 60_000),
  KCI_IDEMPOTENCY_WINDOW_MS: intVar(10 * 60_000, 0, 7 * 24 * 3_600_000),
};

export interface GatewayConfig {
  service: ServiceSettings;
  maxBodyBytes: number;
  maxTestsPerSubmission: number;
  queryTimeoutMs: number;
  /** Without an Idempotency-Key, an identical run request within this window returns the same run. */
  idempotencyWindowMs: number;
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
  };
}
