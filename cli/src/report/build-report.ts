/**
 * The report `submit build` sends: one checkout and one build, with kci-dev's IDs. With
 * `--build-run-id` the run id takes the start time's place in the build ID's seed, so a
 * retried submission of the same run keeps its ID.
 */
import {
  buildId as deriveBuildId,
  buildReport,
  checkoutId as deriveCheckoutId,
  type KcidbBuild,
  type KcidbCheckout,
  type KcidbReport,
  type KcidbStatus,
} from '@kci-bridge/kcidb';

/** Everything `submit build` knows, after options, aliases and `--git-folder` are merged. */
export interface BuildInputs {
  origin: string;
  checkoutId?: string;
  buildId?: string;
  repoUrl?: string;
  branch?: string;
  commit?: string;
  patchsetHash?: string;
  buildStartTime?: string;
  buildRunId?: string;
  treeName?: string;
  checkoutValid?: boolean;
  checkoutStartTime?: string;
  arch?: string;
  compiler?: string;
  configName?: string;
  status?: KcidbStatus;
  duration?: number;
  comment?: string;
  command?: string;
  logUrl?: string;
  configUrl?: string;
  logExcerpt?: string;
  misc?: Record<string, unknown>;
}

/** The report and the IDs it carries. */
export interface BuildSubmission {
  report: KcidbReport;
  checkoutId: string;
  buildId: string;
}

/** The options still needed to derive the IDs, by their names; empty when nothing is missing. */
export function missingForIds(inputs: Omit<BuildInputs, 'origin'> & { origin?: string }): string[] {
  const missing: string[] = [];
  if (inputs.origin === undefined) missing.push('--origin');
  if (inputs.checkoutId === undefined) {
    if (inputs.repoUrl === undefined) missing.push('--git-repo-url (or --giturl, --git-folder)');
    if (inputs.commit === undefined) missing.push('--git-commit-hash (or --commit, --git-folder)');
  }
  if (
    inputs.buildId === undefined &&
    inputs.buildStartTime === undefined &&
    inputs.buildRunId === undefined
  ) {
    missing.push('--build-start-time (or --start-time) or --build-run-id');
  }
  return missing;
}

/** The report for `inputs`; call {@link missingForIds} first. `now` is the default start time. */
export function buildSubmission(inputs: BuildInputs, now: Date): BuildSubmission {
  const { origin } = inputs;
  const checkoutId =
    inputs.checkoutId ??
    deriveCheckoutId({
      origin,
      repoUrl: required(inputs.repoUrl, 'repoUrl'),
      branch: inputs.branch,
      commit: required(inputs.commit, 'commit'),
      patchsetHash: inputs.patchsetHash,
    });
  const buildId =
    inputs.buildId ??
    deriveBuildId({
      origin,
      checkoutId,
      arch: inputs.arch,
      configName: inputs.configName,
      compiler: inputs.compiler,
      startOrRunId: required(inputs.buildRunId ?? inputs.buildStartTime, 'buildStartTime'),
    });

  const checkout: KcidbCheckout = {
    id: checkoutId,
    origin,
    ...present({
      tree_name: inputs.treeName,
      git_repository_url: inputs.repoUrl,
      git_commit_hash: inputs.commit,
      git_repository_branch: inputs.branch,
      patchset_hash: inputs.patchsetHash,
      start_time: inputs.checkoutStartTime,
    }),
    ...(inputs.checkoutValid === undefined ? {} : { valid: inputs.checkoutValid }),
  };
  const build: KcidbBuild = {
    id: buildId,
    origin,
    checkout_id: checkoutId,
    start_time: inputs.buildStartTime ?? now.toISOString(),
    ...present({
      architecture: inputs.arch,
      compiler: inputs.compiler,
      config_name: inputs.configName,
      comment: inputs.comment,
      command: inputs.command,
      log_url: inputs.logUrl,
      config_url: inputs.configUrl,
      log_excerpt: inputs.logExcerpt,
    }),
    ...(inputs.status === undefined ? {} : { status: inputs.status }),
    ...(inputs.duration === undefined ? {} : { duration: inputs.duration }),
    ...(inputs.misc === undefined || Object.keys(inputs.misc).length === 0
      ? {}
      : { misc: inputs.misc }),
  };
  return { report: buildReport({ checkouts: [checkout], builds: [build] }), checkoutId, buildId };
}

/** The string fields that have a value: KCIDB wants absent fields left out, never "" or null. */
function present<T extends Record<string, string | undefined>>(
  fields: T,
): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== '') out[key as keyof T] = value;
  }
  return out;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined)
    throw new Error(`buildSubmission: ${name} is missing (check missingForIds first)`);
  return value;
}
