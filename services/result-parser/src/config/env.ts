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
};

export interface ParserConfig {
  service: ServiceSettings;
  origin: string;
  concurrency: number;
}

/** Reads and validates the result-parser's environment, once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ParserConfig {
  const e = loadEnv(shape, env);
  return {
    service: serviceSettings('result-parser', 'result_parser', e, e.KCI_HTTP_PORT),
    origin: e.KCI_KCIDB_ORIGIN,
    concurrency: e.KCI_PARSER_CONCURRENCY,
  };
}
