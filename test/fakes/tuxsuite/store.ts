/**
 * Builds and tests the fake TuxSuite knows: their status objects (the fields of runners.md §1.4 and
 * §1.6, shaped like the documented callback samples) and the files their storage folder serves.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { isoNoTimezone, kernelImageName, text, type JsonObject } from './protocol.js';
import type { Json } from './wire.js';

export type RunKind = 'build' | 'test';
export type TuxResult = 'pass' | 'fail' | 'error' | 'canceled';

export interface TuxRun {
  readonly kind: RunKind;
  readonly uid: string;
  /** The build entry or test object exactly as received (callback and callback_headers included). */
  readonly request: JsonObject;
  /** The status object `GET /builds|tests/{uid}` answers (never carries callback_headers). */
  status: JsonObject;
  /** File name → bytes served under `download_url`. */
  readonly files: Map<string, Buffer>;
  readonly createdAt: Date;
}

export interface RunContext {
  uid: string;
  /** `group/project`. */
  project: string;
  downloadUrl: string;
  userAgent: string;
}

const str = (value: Json | undefined): string | null => (typeof value === 'string' ? value : null);
const orDefault = <T extends Json>(value: Json | undefined, fallback: T): Json =>
  value === undefined || value === null ? fallback : value;

function owner(ctx: RunContext, request: JsonObject): JsonObject {
  return {
    uid: ctx.uid,
    project: ctx.project,
    plan: orDefault(request.plan, null),
    download_url: ctx.downloadUrl,
    user: 'fake.user@example.org',
    token_name: 'fake-token',
    user_agent: ctx.userAgent,
    is_public: orDefault(request.is_public, true),
    is_canceling: false,
    callback: orDefault(request.callback, null),
    provisioning_time: isoNoTimezone(),
    running_time: null,
    finished_time: null,
    duration: null,
    waited_by: [],
  };
}

/** The status of a build just accepted: `provisioning`, result `unknown`. */
export function newBuildStatus(request: JsonObject, ctx: RunContext): JsonObject {
  const arch = str(request.target_arch) ?? 'riscv';
  return {
    ...owner(ctx, request),
    client_token: orDefault(request.client_token, null),
    git_repo: request.git_repo ?? null,
    git_ref: orDefault(request.git_ref, null),
    git_sha: orDefault(request.git_sha, null),
    git_describe: null,
    git_short_log: null,
    kconfig: request.kconfig ?? [],
    target_arch: arch,
    toolchain: request.toolchain ?? null,
    build_name: orDefault(request.build_name, ''),
    environment: orDefault(request.environment, {}),
    make_variables: orDefault(request.make_variables, {}),
    targets: orDefault(request.targets, []),
    kernel_image: orDefault(request.kernel_image, ''),
    kernel_image_name: str(request.kernel_image) || kernelImageName(arch),
    kernel_patch_file: orDefault(request.kernel_patch_file, ''),
    kernel_version: null,
    image_sha: orDefault(request.image_sha, ''),
    modules: false,
    state: 'provisioning',
    result: 'unknown',
    build_status: 'unknown',
    tuxbuild_status: 'queued',
    status_message: '',
    errors_count: 0,
    warnings_count: 0,
    retry: 0,
    retry_message: '',
    auto_retry: true,
    setup_duration: null,
    sccache_hits: 0,
    sccache_misses: 0,
    no_cache: orDefault(request.no_cache, false),
    tuxmake_metadata: {},
  };
}

const FIRMWARE = [
  'ap_romfw',
  'bios',
  'bl1',
  'dtb',
  'fip',
  'mcp_fw',
  'mcp_romfw',
  'scp_fw',
  'scp_romfw',
  'uefi',
];

/** The status of a test just accepted: `provisioning`, or `waiting` when it waits for a build. */
export function newTestStatus(request: JsonObject, ctx: RunContext): JsonObject {
  const asked = Array.isArray(request.tests) ? request.tests : [];
  const waiting = str(request.waiting_for);
  const status: JsonObject = {
    ...owner(ctx, request),
    device: request.device ?? null,
    kernel: orDefault(request.kernel, null),
    modules: orDefault(request.modules, null),
    rootfs: orDefault(request.rootfs, null),
    boot_args: orDefault(request.boot_args, null),
    // `boot` is implicit and always first (runners.md §1.5).
    tests: ['boot', ...asked.filter((test) => test !== 'boot')],
    test_name: orDefault(request.test_name, null),
    parameters: orDefault(request.parameters, {}),
    timeouts: orDefault(request.timeouts, {}),
    waiting_for: waiting || null,
    overlays: orDefault(request.overlays, []),
    state: waiting ? 'waiting' : 'provisioning',
    result: 'unknown',
    results: {},
    retries: 0,
    retries_messages: [],
  };
  for (const name of FIRMWARE) status[name] = orDefault(request[name], null);
  return status;
}

export interface BuildOutcome {
  result: TuxResult;
  gitSha?: string;
  gitDescribe?: string;
  gitShortLog?: string;
  kernelVersion?: string;
  statusMessage?: string;
  errorsCount?: number;
  warningsCount?: number;
  durationSeconds?: number;
  /** `modules.tar.xz` is produced (default: true when the build passes). */
  modules?: boolean;
  buildLog?: string;
  config?: string;
  tuxmakeMetadata?: JsonObject;
  /** Extra storage files, or replacements for the generated ones. */
  files?: Record<string, string | Buffer>;
}

export interface TestOutcome {
  result: TuxResult;
  /** Per test definition, e.g. `{boot: 'pass', 'ltp-smoke': 'fail'}`; derived from `result` if absent. */
  results?: Record<string, string>;
  /** The `results.json` document (runners.md §3.1); a `lava` suite is derived if absent. */
  resultsJson?: Json;
  /** The plain serial log served as `logs.txt`. */
  logs?: string;
  durationSeconds?: number;
  files?: Record<string, string | Buffer>;
}

function finishTimes(status: JsonObject, durationSeconds: number): void {
  const now = new Date();
  if (status.running_time === null) {
    status.running_time = isoNoTimezone(new Date(now.getTime() - durationSeconds * 1000));
  }
  status.finished_time = isoNoTimezone(now);
  status.duration = durationSeconds;
  status.state = 'finished';
}

function storeFiles(run: TuxRun, files: Record<string, string | Buffer>): void {
  for (const [name, bytes] of Object.entries(files)) {
    run.files.set(name, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  }
}

/** Fills a build's status and files as TuxSuite does when the build ends. */
export function finishBuild(run: TuxRun, outcome: BuildOutcome): void {
  const s = run.status;
  const sha = outcome.gitSha ?? str(s.git_sha) ?? randomBytes(20).toString('hex');
  const built = outcome.result === 'pass' || outcome.result === 'fail';
  const image = text(s.kernel_image_name);
  const withModules = outcome.modules ?? outcome.result === 'pass';
  const errors = outcome.errorsCount ?? (outcome.result === 'fail' ? 1 : 0);
  const warnings = outcome.warningsCount ?? 0;
  Object.assign(s, {
    git_sha: sha,
    git_describe: outcome.gitDescribe ?? `v6.9-rc1-12-g${sha.slice(0, 12)}`,
    git_short_log:
      outcome.gitShortLog ??
      `${sha.slice(0, 12)} ("Merge tag 'riscv-for-linus-6.9' of git://git.kernel.org/pub/scm/linux/kernel/git/riscv/linux")`,
    kernel_version: outcome.kernelVersion ?? '6.9.0-rc1',
    modules: withModules ? 'modules.tar.xz' : false,
    result: outcome.result,
    build_status: outcome.result,
    tuxbuild_status: built ? 'complete' : 'error',
    status_message:
      outcome.statusMessage ??
      (built
        ? 'build completed'
        : outcome.result === 'canceled'
          ? 'build canceled'
          : 'Infrastructure error'),
    errors_count: errors,
    warnings_count: warnings,
    setup_duration: 30,
    tuxmake_metadata: outcome.tuxmakeMetadata ?? {
      compiler: { name: text(s.toolchain).split('-')[0] ?? 'gcc', version: '', version_full: '' },
      git: { git_commit: sha, git_describe: outcome.gitDescribe ?? null },
      results: {
        status: outcome.result === 'pass' ? 'PASS' : 'FAIL',
        errors,
        warnings,
        artifacts: { kernel: [image], modules: withModules ? ['modules.tar.xz'] : [] },
      },
    },
  });
  finishTimes(s, outcome.durationSeconds ?? 258);
  const files: Record<string, string | Buffer> = {};
  if (built) {
    files['build.log'] =
      outcome.buildLog ??
      `make ARCH=${text(s.target_arch)}\n${outcome.result === 'pass' ? '' : 'error: fake failure\n'}`;
    files.config = outcome.config ?? 'CONFIG_64BIT=y\nCONFIG_MODULES=y\n';
    files['metadata.json'] = JSON.stringify(s.tuxmake_metadata);
  }
  if (outcome.result === 'pass') files[image] = gzipSync(`fake kernel image ${run.uid}\n`);
  if (withModules) files['modules.tar.xz'] = Buffer.from('fd377a585a00000fake-modules', 'hex');
  storeFiles(run, { ...files, ...outcome.files });
  run.files.set('status.json', Buffer.from(JSON.stringify(s)));
}

function defaultResults(tests: Json | undefined, result: TuxResult): Record<string, string> {
  if (result === 'error' || result === 'canceled') return {};
  const names = Array.isArray(tests) ? tests.filter((t): t is string => typeof t === 'string') : [];
  return Object.fromEntries(
    names.map((t) => [t, t === 'boot' || result === 'pass' ? 'pass' : 'fail']),
  );
}

function defaultResultsJson(results: Record<string, string>, result: TuxResult): JsonObject {
  const lava: JsonObject = {};
  if (results.boot !== undefined) lava['login-action'] = { result: results.boot };
  for (const [test, outcome] of Object.entries(results)) {
    if (test !== 'boot') lava[test] = { result: outcome, duration: '1.00' };
  }
  const errorType = { error: 'Infrastructure', canceled: 'Canceled', fail: 'Test' } as const;
  lava.job =
    result === 'pass'
      ? { result: 'pass' }
      : { result: 'fail', error_type: errorType[result], error_msg: `fake ${result}` };
  return { lava };
}

/** LAVA's output format (`lava-logs.yaml`): the serial console as `lvl: target` lines. */
export function lavaLogsYaml(logs: string): string {
  return logs
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) => `- {"dt": "${isoNoTimezone()}", "lvl": "target", "msg": ${JSON.stringify(line)}}\n`,
    )
    .join('');
}

/** Fills a test's status and files as TuxSuite does when the test ends. */
export function finishTest(run: TuxRun, outcome: TestOutcome): void {
  const s = run.status;
  const results = outcome.results ?? defaultResults(s.tests, outcome.result);
  s.result = outcome.result;
  s.results = results;
  finishTimes(s, outcome.durationSeconds ?? 117);
  const logs =
    outcome.logs ?? `[    0.000000] Linux version 6.9.0-rc1 (fake ${run.uid})\nlogin: root\n`;
  storeFiles(run, {
    'results.json': JSON.stringify(
      outcome.resultsJson ?? defaultResultsJson(results, outcome.result),
    ),
    'logs.txt': logs,
    'lava-logs.yaml': lavaLogsYaml(logs),
    ...outcome.files,
  });
}

/** What a storage file is served as. */
export function contentTypeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.gz')) return 'application/gzip';
  if (name.endsWith('.xz')) return 'application/x-xz';
  if (name.endsWith('.yaml')) return 'application/yaml';
  if (name.endsWith('.txt') || name.endsWith('.log') || name === 'config')
    return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}
