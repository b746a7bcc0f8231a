import { z } from 'zod';
import type { ServiceSettings } from '@kci-bridge/service-kit';
import { baseEnvShape, intVar, loadEnv, serviceSettings } from '@kci-bridge/service-kit';

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8082, 0, 65535),
  KCI_KCIDB_ORIGIN: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'must be lowercase letters, digits and _ (a KCIDB origin)')
    .default('kci_bridge'),
  KCI_PARSER_CONCURRENCY: intVar(16, 1, 256),
  KCI_FETCH_ALLOWED_HOSTS: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+(,[A-Za-z0-9.:-]+)*$/, 'must be a comma-separated list of host names')
    .default('storage.tuxsuite.com,tuxapi.tuxsuite.com'),
  KCI_FETCH_MAX_BYTES: intVar(32 * 1024 * 1024, 1_024, 1024 * 1024 * 1024),
  KCI_FETCH_TIMEOUT_MS: intVar(30_000, 100, 600_000),
};

export interface ParserConfig {
  service: ServiceSettings;
  origin: string;
  concurrency: number;
  fetch: { allowedHosts: string[]; maxBytes: number; timeoutMs: number };
}

/** Reads and validates the result-parser's environment, once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ParserConfig {
  const e = loadEnv(shape, env);
  return {
    service: serviceSettings('result-parser', 'result_parser', e, e.KCI_HTTP_PORT),
    origin: e.KCI_KCIDB_ORIGIN,
    concurrency: e.KCI_PARSER_CONCURRENCY,
    fetch: {
      allowedHosts: e.KCI_FETCH_ALLOWED_HOSTS.split(','),
      maxBytes: e.KCI_FETCH_MAX_BYTES,
      timeoutMs: e.KCI_FETCH_TIMEOUT_MS,
    },
  };
}
