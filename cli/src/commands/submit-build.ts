/** `kci-bridge submit build`: build one checkout and one build (or take --from-json), validate, send. */
import {
  isKcidbDateTime,
  isValidOrigin,
  parseStatus,
  validateReport,
  KCIDB_STATUSES,
} from '@kci-bridge/kcidb';
import { COMMAND_LINE_TOKEN_WARNING, knownSecrets, tokenOnCommandLine } from '../config/env.js';
import { CliError, ExitCode, timing } from '../io.js';
import { refuseKcidbTargetWithVia } from '../options/common-options.js';
import {
  mergeAliases,
  REPORT_BUILDING_OPTIONS,
  type SubmitBuildOptions,
} from '../options/submit-build-options.js';
import { buildSubmission, missingForIds, type BuildInputs } from '../report/build-report.js';
import type { CommandContext } from './context.js';
import { finishSubmission, type PreparedReport } from './finish.js';

/** Run `submit build`; returns the exit code. */
export async function submitBuild(
  raw: SubmitBuildOptions,
  context: CommandContext,
): Promise<ExitCode> {
  refuseKcidbTargetWithVia(raw);
  const options = mergeAliases(raw);
  const { output } = context;
  for (const secret of knownSecrets(options, context.env)) output.addSecret(secret);
  if (tokenOnCommandLine(options)) output.err(COMMAND_LINE_TOKEN_WARNING);

  const prepared =
    options.fromJson !== undefined
      ? await fromJson(options, context)
      : await fromOptions(options, context);
  return finishSubmission(prepared, options, context);
}

async function fromJson(
  options: SubmitBuildOptions,
  context: CommandContext,
): Promise<PreparedReport> {
  const conflicting = REPORT_BUILDING_OPTIONS.filter(([key]) => options[key] !== undefined).map(
    ([, flag]) => flag,
  );
  if (conflicting.length > 0) {
    throw new CliError(
      'USAGE',
      `--from-json sends a complete report as is; it cannot be combined with ${conflicting.join(', ')}`,
    );
  }
  const path = options.fromJson ?? '-';
  const { readInput } = await import('../input/read-input.js');
  const body = await readInput(path, context.io, '--from-json');
  let report: unknown;
  try {
    report = JSON.parse(body);
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'invalid JSON';
    throw new CliError('INVALID_REPORT', `--from-json ${path} is not JSON: ${reason}`);
  }
  return {
    body,
    report,
    sent: { objects: describeObjects(report) },
    validation: validateReport(report),
  };
}

async function fromOptions(
  options: SubmitBuildOptions,
  context: CommandContext,
): Promise<PreparedReport> {
  const inputs = await gatherInputs(options, context);
  const missing = missingForIds(inputs);
  if (missing.length > 0 || inputs.origin === undefined) {
    throw new CliError(
      'USAGE',
      `missing required option${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`,
    );
  }
  const now = new Date(timing(context.io).now());
  const { report, checkoutId, buildId } = buildSubmission(
    { ...inputs, origin: inputs.origin },
    now,
  );
  return {
    body: JSON.stringify(report),
    report,
    sent: { checkoutId, buildId },
    validation: validateReport(report),
  };
}

async function gatherInputs(
  options: SubmitBuildOptions,
  context: CommandContext,
): Promise<Omit<BuildInputs, 'origin'> & { origin?: string }> {
  const { origin } = options;
  if (origin !== undefined && !isValidOrigin(origin)) {
    throw new CliError(
      'USAGE',
      `--origin "${origin}" must be lowercase letters, digits and _ only (e.g. myci)`,
    );
  }
  for (const [value, flag] of [
    [options.buildStartTime, '--build-start-time'],
    [options.checkoutStartTime, '--checkout-start-time'],
  ] as const) {
    if (value !== undefined && !isKcidbDateTime(value)) {
      throw new CliError(
        'USAGE',
        `${flag} "${value}" is not an RFC 3339 time with a timezone (e.g. 2026-01-15T10:00:00+00:00)`,
      );
    }
  }
  let status: BuildInputs['status'];
  if (options.status !== undefined) {
    status = parseStatus(options.status);
    if (status === undefined) {
      throw new CliError(
        'USAGE',
        `--status "${options.status}" is not a KCIDB status (${KCIDB_STATUSES.join(', ')})`,
      );
    }
  }
  let { gitRepoUrl: repoUrl, gitBranch: branch, gitCommitHash: commit } = options;
  if (options.gitFolder !== undefined) {
    const { readGitFolder } = await import('../git/git-folder.js');
    // Explicit options win over what the checkout says, as in kci-dev.
    const found = await readGitFolder(
      options.gitFolder,
      context.io.cwd,
      {
        repoUrl: repoUrl === undefined,
        branch: branch === undefined,
        commit: commit === undefined,
      },
      (line) => context.output.err(line),
    );
    repoUrl ??= found.repoUrl;
    branch ??= found.branch;
    commit ??= found.commit;
    context.verbose(`--git-folder: ${repoUrl ?? '?'} ${branch ?? '(no branch)'} ${commit ?? '?'}`);
  }
  let logExcerpt: string | undefined;
  if (options.logPath !== undefined) {
    const [{ buildLogExcerpt }, { readInput }] = await Promise.all([
      import('../excerpt/build-log.js'),
      import('../input/read-input.js'),
    ]);
    const excerpt = buildLogExcerpt(await readInput(options.logPath, context.io, '--log-path'));
    logExcerpt = excerpt.excerpt === '' ? undefined : excerpt.excerpt;
    context.verbose(
      excerpt.tail
        ? '--log-path: no failing line found; log_excerpt is the end of the log'
        : `--log-path: ${excerpt.errorLines} error and ${excerpt.warningLines} warning lines found, ${excerpt.omittedLines} left out`,
    );
  }
  return {
    origin,
    checkoutId: options.checkoutId,
    buildId: options.buildId,
    repoUrl,
    branch,
    commit,
    patchsetHash: options.patchsetHash,
    buildStartTime: options.buildStartTime,
    buildRunId: options.buildRunId,
    treeName: options.treeName,
    checkoutValid: options.checkoutValid,
    checkoutStartTime: options.checkoutStartTime,
    arch: options.arch,
    compiler: options.compiler,
    configName: options.configName,
    status,
    duration: options.duration,
    comment: options.comment,
    command: options.command,
    logUrl: options.logUrl,
    configUrl: options.configUrl,
    logExcerpt,
    misc: options.misc,
  };
}

function describeObjects(report: unknown): string {
  if (typeof report !== 'object' || report === null) return 'not a report';
  const counts: string[] = [];
  for (const kind of ['checkouts', 'builds', 'tests', 'issues', 'incidents'] as const) {
    const list: unknown = (report as Record<string, unknown>)[kind];
    if (!Array.isArray(list) || list.length === 0) continue;
    counts.push(`${list.length} ${list.length === 1 ? kind.slice(0, -1) : kind}`);
  }
  return counts.length > 0 ? counts.join(', ') : 'no objects';
}
