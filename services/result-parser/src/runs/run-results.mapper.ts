import type { KcidbObjects, RunFinishedV1 } from '@kci-bridge/contracts';
import type { KcidbBuild, KcidbCheckout, KcidbStatus, KcidbTest } from '@kci-bridge/kcidb';
import { buildId, checkoutId, testId } from '@kci-bridge/kcidb';
import type { NormalisedResult } from '@kci-bridge/results';
import { definitionPath, excerptFor, tuxsuiteResultStatus } from '@kci-bridge/results';

export interface MappedRun {
  objects: KcidbObjects;
  diagnostics: string[];
}

/** KCIDB needs a timezone; runners often give none (TuxSuite's times are UTC). */
export function withTimezone(time: string | undefined): string | undefined {
  if (time === undefined || time === '') return undefined;
  const t = /(Z|[+-]\d\d:\d\d)$/i.test(time) ? time : `${time}Z`;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A run that gave no result (refused, lost, timed out) still ends as a result: never silently. */
function noResultStatus(event: RunFinishedV1): KcidbStatus {
  if (event.outcome === 'timed_out') return 'MISS';
  return event.runnerJobId === null ? 'MISS' : 'ERROR';
}

const SHA1 = /^[0-9a-f]{40}$/;

/** A build run → one checkout and one build under the bridge's origin, ids stable across retries. */
export function mapBuildRun(event: RunFinishedV1, origin: string): MappedRun {
  if (event.request.kind !== 'build') throw new Error('not a build run');
  const b = event.request.build;
  const status = event.result?.status ?? {};
  const gitSha =
    typeof status['git_sha'] === 'string' && SHA1.test(status['git_sha'])
      ? status['git_sha']
      : b.commit;
  const ckId = checkoutId({
    origin,
    repoUrl: b.tree,
    branch: b.branch,
    commit: gitSha ?? '',
    patchsetHash: '',
  });
  const checkout: KcidbCheckout = {
    id: ckId,
    origin,
    git_repository_branch: b.branch,
    patchset_hash: '',
    misc: { run_id: event.runId, tree: b.tree },
  };
  if (/^https:\/\//.test(b.tree)) checkout.git_repository_url = b.tree;
  if (gitSha !== undefined) checkout.git_commit_hash = gitSha;
  if (b.treeName !== undefined) checkout.tree_name = b.treeName;
  if (typeof status['git_describe'] === 'string' && status['git_describe'] !== '')
    checkout.git_commit_name = status['git_describe'];
  const start = withTimezone(event.result?.startedAt) ?? withTimezone(b.requestedAt);
  if (start !== undefined) checkout.start_time = start;

  const build: KcidbBuild = {
    id: buildId({
      origin,
      checkoutId: ckId,
      arch: b.arch,
      configName: b.kconfig[0] ?? '',
      compiler: b.toolchain,
      startOrRunId: event.runId,
    }),
    origin,
    checkout_id: ckId,
    architecture: b.arch,
    compiler: b.toolchain,
    config_name: b.kconfig[0] ?? '',
    start_time: start ?? withTimezone(event.finishedAt) ?? event.finishedAt,
    status: event.result ? tuxsuiteResultStatus(event.result.runnerResult) : noResultStatus(event),
    misc: {
      runner: event.runner,
      runner_job_id: event.runnerJobId,
      run_id: event.runId,
      kconfig: b.kconfig,
    },
  };
  const r = event.result;
  if (r?.durationSeconds !== undefined) build.duration = r.durationSeconds;
  if (r?.artifacts?.buildLogUrl) build.log_url = r.artifacts.buildLogUrl;
  if (r?.artifacts?.configUrl) build.config_url = r.artifacts.configUrl;
  const outputs = [
    r?.artifacts?.kernelImageUrl ? { name: 'kernel', url: r.artifacts.kernelImageUrl } : undefined,
    r?.artifacts?.modulesUrl ? { name: 'modules.tar.xz', url: r.artifacts.modulesUrl } : undefined,
  ].filter((o): o is { name: string; url: string } => o !== undefined);
  if (outputs.length > 0) build.output_files = outputs;
  if (event.reason !== undefined) build.comment = event.reason;
  return { objects: { checkouts: [checkout], builds: [build] }, diagnostics: [] };
}

/** A test or boot run → one KCIDB test per case (or per expected definition when no results came). */
export function mapTestRun(
  event: RunFinishedV1,
  origin: string,
  results: NormalisedResult[] | undefined,
): MappedRun {
  if (event.request.kind === 'build') throw new Error('not a test run');
  const t = event.request.test;
  const diagnostics: string[] = [];
  let cases = results;
  if (cases === undefined || cases.length === 0) {
    const status = event.result
      ? event.result.infrastructureError
        ? 'ERROR'
        : 'MISS'
      : noResultStatus(event);
    if (cases !== undefined)
      diagnostics.push('the runner reported no results; every expected test gets ' + status);
    cases = [['boot'], ...t.tests.map(definitionPath)].map((path) => ({
      path,
      status,
      rawStatus: event.result?.runnerResult ?? event.outcome,
    }));
  }
  const start =
    withTimezone(event.result?.startedAt) ?? withTimezone(t.requestedAt) ?? t.requestedAt;
  const tests = cases.map((c): KcidbTest => {
    const path = c.path.join('.');
    const test: KcidbTest = {
      id: testId({ origin, buildId: t.buildId, path, testUid: event.runId }),
      origin,
      build_id: t.buildId,
      path,
      status: c.status,
      start_time: start,
      environment: { misc: { platform: t.device } },
      misc: {
        runner: event.runner,
        runner_job_id: event.runnerJobId,
        run_id: event.runId,
        runner_status: c.rawStatus,
      },
    };
    if (event.result?.logUrl) test.log_url = event.result.logUrl;
    if (c.logLines && c.logLines.length > 0) test.log_excerpt = excerptFor(c.logLines);
    if (c.durationSeconds !== undefined) test.duration = c.durationSeconds;
    if (c.number !== undefined) test.number = c.number;
    if (event.reason !== undefined) test.comment = event.reason;
    return test;
  });
  return { objects: { tests }, diagnostics };
}
