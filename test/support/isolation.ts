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

/** Where a test's stack runs: the test servers by default, or private ones (faults, scale). */
export interface StackServers {
  databaseUrl: string;
  natsUrl: string;
}

/**
 * The environment every test stack starts with: this file's schemas, stream and subject prefix
 * on `servers`, sending to the fake KCIDB at `kcidbRest` under `origin`. Tests add their own
 * settings after it.
 */
export function isolatedStackEnv(
  iso: Isolation,
  kcidbRest: string,
  origin: string,
  servers: StackServers = { databaseUrl: inject('databaseUrl'), natsUrl: inject('natsUrl') },
): Record<string, string> {
  return {
    KCI_DATABASE_URL: servers.databaseUrl,
    KCI_NATS_URL: servers.natsUrl,
    KCI_DB_SCHEMA_PREFIX: iso.schemaPrefix,
    KCI_NATS_STREAM: iso.stream,
    KCI_SUBJECT_PREFIX: iso.prefix,
    KCIDB_REST: kcidbRest,
    KCI_KCIDB_ORIGIN: origin,
  };
}

/**
 * Delivery settings that let a test see retries, status polls and lease expiry within seconds
 * (the defaults are minutes), with the services logging at info for the assertions on logs.
 */
export const QUICK_DELIVERY: Readonly<Record<string, string>> = {
  KCI_LOG_LEVEL: 'info',
  KCI_BATCH_MAX_AGE_MS: '100',
  KCI_RETRY_BASE_MS: '200',
  KCI_RETRY_MAX_MS: '1000',
  KCI_CREDENTIALS_RETRY_MS: '500',
  KCI_STATUS_POLL_MS: '100',
  KCI_STATUS_POLL_MAX_MS: '500',
  KCI_KCIDB_TIMEOUT_MS: '2000',
  KCI_LEASE_MS: '4000',
};
