import type { KcidbStatus } from '@kci-bridge/kcidb';

/** One test result as a parser found it, before it becomes a KCIDB test object. */
export interface NormalisedResult {
  /** Path segments below the collection, each already safe for KCIDB (`[A-Za-z0-9_-]+`), e.g. ['timers', 'posix_timers']. */
  path: string[];
  /** FAIL ERROR MISS PASS DONE SKIP: every runner word mapped explicitly (see status-map.ts), never passed through. */
  status: KcidbStatus;
  /** Runner's own word before mapping, e.g. 'not ok # TIMEOUT', 'brok', 'Incomplete'. */
  rawStatus: string;
  /** Relevant log lines for log_excerpt (e.g. the diagnostic lines of this case), may be empty. */
  logLines?: string[];
  durationSeconds?: number;
  /** For numeric measurements (LAVA `measurement`+`unit`). */
  number?: { value: number; unit?: string };
}

/** What a parser returns: everything it could read, plus what it had to skip or guess, in words. */
export interface ParseOutcome {
  results: NormalisedResult[];
  diagnostics: string[];
}
