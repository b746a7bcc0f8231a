/** The options of `parse` (kept apart from the command so `--help` never loads the parsers). */
import { InvalidArgumentError, Option, type Command } from '../commander.js';

export const PARSE_FORMATS = ['ktap', 'ltp', 'tuxsuite-results', 'lava-callback'] as const;
export type ParseFormat = (typeof PARSE_FORMATS)[number];

export interface ParseOptions {
  format: ParseFormat;
  /** tuxsuite-results: the test definitions the job was asked to run (TuxSuite `status.tests`). */
  testNames?: string[];
}

/** Add the options of `parse` to `command` (its `<file>` argument is declared with it). */
export function addParseOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'what the file is')
        .choices(PARSE_FORMATS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--test-names <names>',
        'tuxsuite-results: comma-separated test definitions the job ran (TuxSuite status.tests), so a missing one is reported',
      ).argParser(parseNames),
    )
    .addHelpText('after', PARSE_HELP);
}

function parseNames(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new InvalidArgumentError('expected names, e.g. boot,ltp-smoke');
  return names;
}

const PARSE_HELP = `
Prints JSON {results, diagnostics}: each result's path below its collection, its KCIDB
status, the runner's own word (rawStatus), and its log lines; diagnostics say what could not
be read. These are the parsers kci-bridge's services use, so this is what would be submitted.

Formats:
  ktap              a KTAP or kselftest log (TAP version 13, nested "# " results)
  ltp               an LTP log (runltp/kirk text) or a kirk JSON report
  tuxsuite-results  TuxSuite/TuxRun results.json
  lava-callback     a LAVA job callback body (JSON with "results" and "health_string")

Exit code: 0 results found, 1 none could be parsed, 2 usage error (such as an unreadable file).

Examples:
  kci-bridge parse --format ktap kselftest.log
  curl -s "$TUXSUITE_RESULTS_URL" | kci-bridge parse --format tuxsuite-results - --test-names boot,ltp-smoke`;
