import { inject } from 'vitest';
import type { Isolation } from './naming.js';
import { isolationFor } from './naming.js';
import './provided.js';

export type { Isolation } from './naming.js';

/**
 * Schema prefix, stream and subject prefix for one test file, unique to this run (global-setup's
 * run id). Give each file its own `name` (e.g. `'orchestrator-runs'`): two files with one name
 * in the same run would share them. Teardown removes everything of the run.
 */
export function isolation(name: string): Isolation {
  return isolationFor(inject('runId'), name);
}
