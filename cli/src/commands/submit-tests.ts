/**
 * `kci-bridge submit tests`: one test from flags, or a KTAP/LTP log's cases below it, mapped
 * as kci-bridge's result parser maps the same results; then validated and sent like a build.
 */
import { randomUUID } from 'node:crypto';
import {
  isKcidbDateTime,
  isValidOrigin,
  KCIDB_STATUSES,
  parseStatus,
  validateReport,
  worstStatus,
  type KcidbStatus,
} from '@kci-bridge/kcidb';
import { parseKtap, parseLtp, type ParseOutcome } from '@kci-bridge/results';
import { COMMAND_LINE_TOKEN_WARNING, knownSecrets, tokenOnCommandLine } from '../config/env.js';
import { readInput } from '../input/read-input.js';
import { CliError, timing, type ExitCode } from '../io.js';
import { foldTargetAlias, refuseKcidbTargetWithVia } from '../options/common-options.js';
import type { SubmitTestsOptions } from '../options/submit-tests-options.js';
import { isoUtc, RESERVED_MISC_KEYS, testsSubmission } from '../report/tests-report.js';
import type { CommandContext } from './context.js';
import { finishSubmission } from './finish.js';

// KCIDB's own patterns: an object id is "<origin>:<anything without NUL>"; a path, dot-separated segments.
const KCIDB_ID = /^[a-z0-9_]+:[^\0]*$/;
const KCIDB_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** The log a test's cases come from, by the option that named it. */
interface LogSource {
  flag: '--ktap' | '--ltp' | '--log-path';
  file: string;
}

/** Run `submit tests`; returns the exit code. */
export async function submitTests(
  raw: SubmitTestsOptions,
  context: CommandContext,
): Promise<ExitCode> {
  refuseKcidbTargetWithVia(raw);
  const options = foldTargetAlias(raw);
  const { output, io } = context;
  for (const secret of knownSecrets(options, context.env)) output.addSecret(secret);
  if (tokenOnCommandLine(options)) output.err(COMMAND_LINE_TOKEN_WARNING);

  const log = logSource(options);
  const { origin, buildId, testUid } = required(options, log);
  const { collection, name } = testName(options);
  const status = options.status === undefined ? undefined : checkedStatus(options.status);
  checkValues(options, { origin, buildId, collection, log });

  let logs: string | undefined;
  let cases: ParseOutcome | undefined;
  if (log !== undefined) {
    logs = await readInput(log.file, io, log.flag);
    if (log.flag === '--ktap') cases = parseKtap(logs);
    if (log.flag === '--ltp') cases = parseLtp(logs);
  }
  const overall = status ?? worstStatus((cases?.results ?? []).map((r) => r.status));
  if (overall === undefined) {
    throw new CliError(
      'INVALID_REPORT',
      `${log?.flag ?? '--ktap'} ${log?.file ?? ''}: no test case found${firstDiagnostic(cases)}; give --status to submit the test alone`,
    );
  }

  const { report, tests, diagnostics } = testsSubmission({
    origin,
    buildId,
    testUid,
    collection,
    name,
    status: overall,
    receivedAt:
      options.startTime !== undefined
        ? isoUtc(options.startTime)
        : // As the gateway stamps receivedAt: UTC, whole seconds.
          new Date(timing(io).now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    submissionId: (io.randomUUID ?? randomUUID)(),
    duration: options.duration,
    logUrl: options.logUrl,
    logs,
    device: options.device,
    runtime: options.runtime,
    misc: options.misc,
  });
  const where = log === undefined ? '' : `${log.flag} ${log.file}: `;
  for (const d of diagnostics) output.err(`note: ${where}${d.replace(/^tests\[0\] log: /, '')}`);
  if (cases !== undefined && cases.results.length > 0 && tests.length <= 1) {
    // The services decide from the log itself whether to expand it; they would not expand this one.
    throw new CliError(
      'INVALID_REPORT',
      `${where}the ${cases.results.length} cases found would not be expanded by the services: a KTAP log needs its "KTAP version N" or "TAP version N" line`,
    );
  }
  context.verbose(
    `${tests.length} test${tests.length === 1 ? '' : 's'} for build ${buildId}, test uid ${testUid}`,
  );
  return finishSubmission(
    {
      body: JSON.stringify(report),
      report,
      sent: {
        buildId,
        objects: `${tests.length} test${tests.length === 1 ? '' : 's'}`,
      },
      // The build is named by the user and may be another origin's: not a warning per test.
      validation: validateReport(report, {
        isKnownParent: (kind, id) => kind === 'builds' && id === buildId,
      }),
    },
    options,
    context,
  );
}

function logSource(options: SubmitTestsOptions): LogSource | undefined {
  const given = (
    [
      ['--ktap', options.ktap],
      ['--ltp', options.ltp],
      ['--log-path', options.logPath],
    ] as const
  ).filter((entry): entry is [LogSource['flag'], string] => entry[1] !== undefined);
  if (given.length > 1) {
    throw new CliError(
      'USAGE',
      `${given.map(([flag]) => flag).join(', ')}: give one log (--ktap, --ltp or --log-path)`,
    );
  }
  const [first] = given;
  return first === undefined ? undefined : { flag: first[0], file: first[1] };
}

function required(
  options: SubmitTestsOptions,
  log: LogSource | undefined,
): { origin: string; buildId: string; testUid: string } {
  const { origin, buildId, testUid } = options;
  const missing: string[] = [];
  if (origin === undefined) missing.push('--origin');
  if (buildId === undefined) missing.push('--build-id');
  if (testUid === undefined || testUid.trim() === '') missing.push('--test-uid');
  if (options.path === undefined && options.name === undefined) missing.push('--path or --name');
  const casesGiven = log !== undefined && log.flag !== '--log-path';
  if (options.status === undefined && !casesGiven) missing.push('--status (or --ktap, --ltp)');
  if (missing.length > 0 || origin === undefined || buildId === undefined || !testUid) {
    throw new CliError(
      'USAGE',
      `missing required option${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`,
    );
  }
  return { origin, buildId, testUid };
}

/** The collection and name the path is made of, from --path or --collection and --name. */
function testName(options: SubmitTestsOptions): { collection: string; name: string } {
  if (options.path === undefined) {
    return { collection: options.collection ?? '', name: options.name ?? '' };
  }
  if (options.collection !== undefined || options.name !== undefined) {
    throw new CliError(
      'USAGE',
      '--path gives the whole test path; it cannot be combined with --collection or --name',
    );
  }
  const { path } = options;
  if (!KCIDB_PATH.test(path)) {
    throw new CliError(
      'USAGE',
      `--path "${path}" must be dot-separated segments of letters, digits, _ and - (e.g. ltp.syscalls.open01)`,
    );
  }
  const dot = path.lastIndexOf('.');
  return { collection: dot < 0 ? '' : path.slice(0, dot), name: path.slice(dot + 1) };
}

function checkedStatus(value: string): KcidbStatus {
  const status = parseStatus(value);
  if (status === undefined) {
    throw new CliError(
      'USAGE',
      `--status "${value}" is not a KCIDB status (${KCIDB_STATUSES.join(', ')})`,
    );
  }
  return status;
}

function checkValues(
  options: SubmitTestsOptions,
  known: { origin: string; buildId: string; collection: string; log: LogSource | undefined },
): void {
  const { origin, buildId, collection, log } = known;
  if (!isValidOrigin(origin)) {
    throw new CliError(
      'USAGE',
      `--origin "${origin}" must be lowercase letters, digits and _ only (e.g. myci)`,
    );
  }
  if (!KCIDB_ID.test(buildId)) {
    throw new CliError(
      'USAGE',
      `--build-id "${buildId}" is not a KCIDB build id, <origin>:<id> (e.g. maestro:681b69099ae9711e9ed49766)`,
    );
  }
  if (options.startTime !== undefined && !isKcidbDateTime(options.startTime)) {
    throw new CliError(
      'USAGE',
      `--start-time "${options.startTime}" is not an RFC 3339 time with a timezone (e.g. 2026-01-15T10:00:00+00:00)`,
    );
  }
  const reserved = Object.keys(options.misc ?? {}).filter((key) =>
    (RESERVED_MISC_KEYS as readonly string[]).includes(key),
  );
  if (reserved.length > 0) {
    throw new CliError(
      'USAGE',
      `--misc ${reserved.join(', ')}: kci-bridge sets ${RESERVED_MISC_KEYS.join(', ')} itself (use --test-uid, --device, --runtime)`,
    );
  }
  if (log?.flag === '--ltp' && collection !== 'ltp' && !collection.startsWith('ltp.')) {
    throw new CliError(
      'USAGE',
      '--ltp: the services expand LTP results only in an LTP collection; use --collection ltp (or ltp.<suite>) or a --path below ltp.',
    );
  }
}

function firstDiagnostic(cases: ParseOutcome | undefined): string {
  const first = cases?.diagnostics[0];
  return first === undefined ? '' : ` (${first})`;
}
