/** The options of `submit tests`: one test (from flags) or a log's cases below it (--ktap, --ltp). */
import { Option, type Command } from '../commander.js';
import {
  addTargetOptions,
  EXIT_CODES_HELP,
  collectMisc,
  parseSeconds,
  schemaOption,
  viaOption,
  type TargetOptions,
} from './common-options.js';

/** The options as commander returns them. */
export interface SubmitTestsOptions extends TargetOptions {
  origin?: string;
  buildId?: string;
  testUid?: string;
  path?: string;
  collection?: string;
  name?: string;
  status?: string;
  startTime?: string;
  duration?: number;
  logUrl?: string;
  logPath?: string;
  ktap?: string;
  ltp?: string;
  device?: string;
  runtime?: string;
  misc?: Record<string, unknown>;
  dryRun?: boolean;
  schema: string;
  via?: string;
  kcidbRestUrl?: string;
}

/** Add the options of `submit tests` to `command`. */
export function addSubmitTestsOptions(command: Command): Command {
  command
    .option('--origin <origin>', 'your KCIDB origin: lowercase letters, digits and _ (e.g. myci)')
    .option(
      '--build-id <id>',
      'the KCIDB build the tests ran on, any origin (e.g. maestro:681b69099ae9711e9ed49766)',
    )
    .option(
      '--test-uid <uid>',
      'unique id of this test run (e.g. your CI job id): part of every test id, so a retry keeps them',
    )
    .option('--path <path>', 'KCIDB test path, dot-separated (e.g. ltp.syscalls.open01)')
    .option('--collection <name>', 'test collection, dots kept as separators (e.g. kselftest)')
    .option('--name <name>', 'test name, one path segment below the collection (e.g. timers)')
    .option(
      '--status <status>',
      'test status: PASS, FAIL, ERROR, MISS, DONE or SKIP (any case); with --ktap/--ltp, default: the worst case',
    )
    .option(
      '--start-time <time>',
      'RFC 3339 time the tests started (default: now), e.g. 2026-01-15T10:00:00+00:00',
    )
    .addOption(
      new Option('--duration <seconds>', 'duration of the test in seconds').argParser(parseSeconds),
    )
    .option('--log-url <url>', 'URL of the full test log')
    .option(
      '--log-path <file>',
      "a local test log: its end becomes the test's log_excerpt (- for stdin)",
    )
    .option(
      '--ktap <file>',
      'a KTAP/kselftest log (- for stdin): one test per case, below the test',
    )
    .option('--ltp <file>', 'an LTP log or kirk JSON report (- for stdin): one test per case')
    .option('--device <name>', 'device or platform the tests ran on (e.g. qemu-x86_64)')
    .option('--runtime <name>', 'lab or runtime that ran them (e.g. lava-collabora)')
    .addOption(
      new Option(
        '--misc <key=value>',
        'extra data in every test misc, repeatable; JSON values are parsed',
      ).argParser(collectMisc),
    )
    .option('--dry-run', 'print the report as sorted JSON and send nothing')
    .addOption(schemaOption())
    .addOption(viaOption());
  return addTargetOptions(command).addHelpText('after', SUBMIT_TESTS_HELP);
}

const SUBMIT_TESTS_HELP = `
Tests are mapped exactly as kci-bridge's result parser maps POST /api/v1/tests/submit: the
test's path is <collection>.<name> (--path gives it whole), its id <origin>:t-sha256(build
id|path|test uid). A --ktap or --ltp log adds one test per case below that path, each with its
own status, and the test's status defaults to the worst of them (FAIL > ERROR > MISS > PASS >
DONE > SKIP). So the same results give the same ids whether a CI sends them to the bridge or
with this command. The report is validated before it is sent; an invalid report is never sent.

Required: --origin, --build-id, --test-uid, --path or --name, and --status unless --ktap or
--ltp gives the cases.

Examples:
  # a kselftest run: one test per case, below kselftest.timers
  kci-bridge submit tests --origin myci --build-id maestro:681b69099ae9711e9ed49766 \\
    --test-uid "$CI_JOB_ID" --collection kselftest --name timers --ktap kselftest.log \\
    --device qemu-x86_64 --log-url https://ci.example.org/$CI_JOB_ID/kselftest.log

  # LTP syscalls, through a kci-bridge gateway
  kci-bridge submit tests --origin myci --build-id myci:b-3442... --test-uid 42 \\
    --collection ltp --name syscalls --ltp results.json --via https://bridge.example.org

  # one test, from flags
  kci-bridge submit tests --origin myci --build-id myci:b-3442... --test-uid 42 \\
    --path boot --status PASS --duration 31.5 --log-path boot.log --dry-run
${EXIT_CODES_HELP}`;
