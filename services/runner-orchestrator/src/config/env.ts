import type { ServiceSettings } from '@kci-bridge/service-kit';
import { baseEnvShape, intVar, loadEnv, serviceSettings, urlVar } from '@kci-bridge/service-kit';

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8081, 0, 65535),
  KCI_PUBLIC_URL: urlVar(['http', 'https'], 'http://127.0.0.1:8081'),
};

export interface OrchestratorConfig {
  service: ServiceSettings;
  /** Where runners reach the callbacks (through Caddy in production). */
  publicUrl: string;
}

/** Reads and validates the runner-orchestrator's environment, once, at start-up. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): OrchestratorConfig {
  const e = loadEnv(shape, env);
  return {
    service: serviceSettings('runner-orchestrator', 'runner_orchestrator', e, e.KCI_HTTP_PORT),
    publicUrl: e.KCI_PUBLIC_URL.replace(/\/+$/, ''),
  };
}
