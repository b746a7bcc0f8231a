import type { TestProject } from 'vitest/node';
import { checkReachable, deleteRunStreams, dropRunSchemas } from './cleanup.js';
import { readTestEnv } from './env.js';
import { newRunId } from './naming.js';
import './provided.js';

/**
 * Global setup of the integration and e2e projects: a run id per run, the server URLs, and a
 * teardown that removes every schema (`t<runId>_*`) and stream (`T<RUNID>_*`) of the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { databaseUrl, natsUrl } = readTestEnv();
  const runId = newRunId();
  await checkReachable(databaseUrl, natsUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('natsUrl', natsUrl);
  project.provide('runId', runId);

  return async () => {
    // Both, even when one fails; then report the failure.
    const results = await Promise.allSettled([
      dropRunSchemas(databaseUrl, runId),
      deleteRunStreams(natsUrl, runId),
    ]);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length > 0) {
      const reasons = failures.map((f) =>
        f.reason instanceof Error ? f.reason.message : String(f.reason),
      );
      throw new Error(`test run ${runId} cleanup failed: ${reasons.join('; ')}`);
    }
  };
}
