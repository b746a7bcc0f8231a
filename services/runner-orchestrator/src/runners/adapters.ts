import type { OrchestratorConfig } from '../config/env.js';
import { LavaAdapter } from './lava/lava.adapter.js';
import type { RunnerAdapter } from './runner-adapter.js';
import { TuxsuiteAdapter } from './tuxsuite/tuxsuite.adapter.js';

/** The adapters of the runners the configuration enables. */
export function configuredAdapters(config: OrchestratorConfig): RunnerAdapter[] {
  const adapters: RunnerAdapter[] = [];
  if (config.tuxsuite)
    adapters.push(new TuxsuiteAdapter({ ...config.tuxsuite, timeoutMs: config.runnerTimeoutMs }));
  if (config.lava)
    adapters.push(new LavaAdapter({ ...config.lava, timeoutMs: config.runnerTimeoutMs }));
  return adapters;
}
