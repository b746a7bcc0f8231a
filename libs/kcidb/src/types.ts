/** KCIDB I/O schema v5.3 object types, written from the upstream schema (see README). */

/** Statuses in priority order, highest first (a summary takes the first one present). */
export const KCIDB_STATUSES = ['FAIL', 'ERROR', 'MISS', 'PASS', 'DONE', 'SKIP'] as const;
export type KcidbStatus = (typeof KCIDB_STATUSES)[number];

export interface KcidbVersion {
  major: 5;
  minor?: 0 | 1 | 2 | 3;
}

export interface KcidbResource {
  name: string;
  url: string;
}

export type KcidbMisc = Record<string, unknown>;

export interface KcidbCheckout {
  id: string;
  origin: string;
  tree_name?: string;
  git_repository_url?: string;
  git_commit_hash?: string;
  git_commit_name?: string;
  git_commit_tags?: string[];
  git_commit_message?: string;
  git_repository_branch?: string;
  git_repository_branch_tip?: boolean;
  patchset_files?: KcidbResource[];
  patchset_hash?: string;
  message_id?: string;
  comment?: string;
  start_time?: string;
  origin_builds_finish_time?: string;
  origin_tests_finish_time?: string;
  log_url?: string;
  log_excerpt?: string;
  valid?: boolean;
  misc?: KcidbMisc;
}

export interface KcidbBuild {
  id: string;
  origin: string;
  checkout_id: string;
  comment?: string;
  start_time?: string;
  duration?: number;
  architecture?: string;
  command?: string;
  compiler?: string;
  input_files?: KcidbResource[];
  output_files?: KcidbResource[];
  config_name?: string;
  config_url?: string;
  log_url?: string;
  log_excerpt?: string;
  status?: KcidbStatus;
  misc?: KcidbMisc;
}

export interface KcidbTestEnvironment {
  comment?: string;
  compatible?: string[];
  misc?: KcidbMisc;
}

export interface KcidbTestNumber {
  value: number;
  unit?: string;
  prefix?: 'metric' | 'binary';
}

export interface KcidbTest {
  id: string;
  origin: string;
  build_id: string;
  environment?: KcidbTestEnvironment;
  path?: string;
  comment?: string;
  log_url?: string;
  log_excerpt?: string;
  status?: KcidbStatus;
  number?: KcidbTestNumber;
  start_time?: string;
  duration?: number;
  input_files?: KcidbResource[];
  output_files?: KcidbResource[];
  misc?: KcidbMisc;
}

export interface KcidbIssue {
  id: string;
  version: number;
  origin: string;
  report_url?: string;
  report_subject?: string;
  culprit?: { code?: boolean; tool?: boolean; harness?: boolean };
  categories?: string[];
  comment?: string;
  misc?: KcidbMisc;
}

export interface KcidbIncident {
  id: string;
  origin: string;
  issue_id: string;
  issue_version: number;
  build_id?: string;
  test_id?: string;
  present?: boolean;
  comment?: string;
  misc?: KcidbMisc;
}

/** One KCIDB report: what is POSTed to /submit. */
export interface KcidbReport {
  version: KcidbVersion;
  checkouts?: KcidbCheckout[];
  builds?: KcidbBuild[];
  tests?: KcidbTest[];
  issues?: KcidbIssue[];
  incidents?: KcidbIncident[];
}

/** The object kinds of a report, in the order KCIDB ingests them. */
export const KCIDB_OBJECT_KINDS = ['issues', 'checkouts', 'builds', 'tests', 'incidents'] as const;
export type KcidbObjectKind = (typeof KCIDB_OBJECT_KINDS)[number];

export interface KcidbObjectOfKind {
  checkouts: KcidbCheckout;
  builds: KcidbBuild;
  tests: KcidbTest;
  issues: KcidbIssue;
  incidents: KcidbIncident;
}

/** Objects of a report grouped by kind, each kind optional. */
export type KcidbObjects = { [K in KcidbObjectKind]?: KcidbObjectOfKind[K][] };
