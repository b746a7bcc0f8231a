/**
 * The CLI as a function: `run(argv, io)` parses the command line, runs one command and
 * returns its exit code. `main.ts` calls it with the real process; tests call it directly.
 * Command implementations (and the libraries they use) are imported only when their command
 * runs, so `--help` and usage errors load commander and the option declarations only.
 */
import { Command, CommanderError } from './commander.js';
import type { CommandContext } from './commands/context.js';
import type { StatusOptions } from './commands/status.js';
import { cliEnv } from './config/env.js';
import { CliError, ExitCode, exitCodeFor, type Io } from './io.js';
import {
  addGlobalOptions,
  addTargetOptions,
  EXIT_CODES_HELP,
  schemaOption,
  type GlobalOptions,
} from './options/common-options.js';
import type { ParseOptions } from './options/parse-options.js';
import type { SubmitBuildOptions } from './options/submit-build-options.js';
import type { SubmitTestsOptions } from './options/submit-tests-options.js';
import { Output } from './output/output.js';

export type { Io } from './io.js';

export const VERSION = '0.1.0';

/** Run the CLI with `argv` (without node and the script path); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const output = new Output(io.stdout, io.stderr);
  const env = cliEnv(io.env);
  // Tokens the environment carries are scrubbed from everything, commander's messages included.
  output.addSecret(env.kcidbToken);
  output.addSecret(env.kciBridgeToken);
  for (const secret of commandLineSecrets(argv)) output.addSecret(secret);
  let exitCode: ExitCode = ExitCode.OK;
  const program = await buildProgram(
    commandPath(argv),
    output,
    (code) => (exitCode = code),
    (globals) => context(globals),
  );
  const context = (globals: GlobalOptions): CommandContext => ({
    io,
    output,
    env,
    globals,
    verbose: (line) => {
      if (globals.verbose === true || globals.debug === true) output.err(line);
    },
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version end here too, with code 0; commander has already printed.
      return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (err instanceof CliError) {
      output.err(`error: ${err.message}`);
      return exitCodeFor(err.code);
    }
    // A bug of ours: still one line, and a way to get the rest.
    const message = err instanceof Error ? err.message : String(err);
    output.err(`error: unexpected failure: ${message} (please report it)`);
    return ExitCode.REJECTED;
  }
}

/**
 * Values of anything that looks like a token option, even mistyped (`--kcidb-tokn=...`):
 * commander quotes an unknown option whole in its error message.
 */
function commandLineSecrets(argv: readonly string[]): string[] {
  const secrets: string[] = [];
  argv.forEach((arg, i) => {
    const inline = /^--[\w-]*tok[\w-]*=(.+)$/i.exec(arg);
    if (inline?.[1] !== undefined) secrets.push(inline[1]);
    const next = argv[i + 1];
    if (/^--[\w-]*tok[\w-]*$/i.test(arg) && next !== undefined) secrets.push(next);
  });
  return secrets;
}

/** Global options that take a value, so the value is not taken for a command name. */
const GLOBALS_WITH_VALUE = new Set(['--settings', '--instance']);
const COMMANDS = new Set(['submit', 'validate', 'parse', 'status']);

/**
 * The command the arguments name (`['submit', 'build']`, `['parse']`, `[]` for none), found
 * before commander parses them, so that only that command's options are declared (and their
 * modules loaded). Undefined when the arguments name no known command, or ask for `help` by
 * its command: then every command is declared, for commander's own help and messages.
 */
export function commandPath(argv: readonly string[]): string[] | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 3; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (GLOBALS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  if (words.length === 0) return [];
  if (words.includes('help')) return undefined;
  return COMMANDS.has(words[0] ?? '') ? words.slice(0, 2) : undefined;
}

async function buildProgram(
  path: string[] | undefined,
  output: Output,
  setExit: (code: ExitCode) => void,
  context: (globals: GlobalOptions) => CommandContext,
): Promise<Command> {
  // Declare a command's options only when it runs (or shows its help), or when in doubt.
  const declares = (...name: string[]) =>
    path === undefined || name.every((word, i) => path[i] === word);
  const writers = output.writers();
  const program = new Command('kci-bridge')
    .description(
      "Submit kernel build and test results to KernelCI's KCIDB, validated, with retries",
    )
    .version(VERSION, '-V, --version')
    .configureOutput({ writeOut: writers.out, writeErr: writers.err })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .exitOverride();
  addGlobalOptions(program);
  program.addHelpText('after', PROGRAM_HELP);

  const globals = () => program.opts<GlobalOptions>();
  const submit = program
    .command('submit')
    .description('submit results to KCIDB (or through a kci-bridge gateway with --via)')
    .addHelpText(
      'after',
      '\nExamples:\n  kci-bridge submit build --help\n  kci-bridge submit tests --help',
    );
  const build = submit
    .command('build')
    .description('submit one build (and its checkout) to KCIDB, as kci-dev submit build does')
    .action(async (options: SubmitBuildOptions) => {
      const { submitBuild } = await import('./commands/submit-build.js');
      setExit(await submitBuild(options, context(globals())));
    });
  if (declares('submit', 'build')) {
    const { addSubmitBuildOptions } = await import('./options/submit-build-options.js');
    addSubmitBuildOptions(build);
  }
  const tests = submit
    .command('tests')
    .description(
      "submit a build's tests to KCIDB: one test, or a KTAP/LTP log's cases below it, as the services map them",
    )
    .action(async (options: SubmitTestsOptions) => {
      const { submitTests } = await import('./commands/submit-tests.js');
      setExit(await submitTests(options, context(globals())));
    });
  if (declares('submit', 'tests')) {
    const { addSubmitTestsOptions } = await import('./options/submit-tests-options.js');
    addSubmitTestsOptions(tests);
  }

  const token = program
    .command('token')
    .description(
      "manage a kci-bridge gateway's API tokens (needs its admin token in KCI_BRIDGE_TOKEN)",
    )
    .addHelpText(
      'after',
      `
Examples:
  KCI_BRIDGE_TOKEN=<admin token> kci-bridge token create --via http://127.0.0.1:8080 \\
      --name lab-ci --origin my_lab --scope submit --scope read
  kci-bridge token list --via http://127.0.0.1:8080
  kci-bridge token revoke --via http://127.0.0.1:8080 <id>

The new token is printed once, on stdout; the gateway keeps only its hash.
Exit codes: 0 done, 1 refused (e.g. a name in use), 2 usage, 3 gateway unreachable, 4 admin token refused.`,
    );
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  for (const action of ['create', 'list', 'revoke'] as const) {
    const sub = token
      .command(action === 'revoke' ? 'revoke <id>' : action)
      .description(
        action === 'create'
          ? 'create a token (shown once)'
          : action === 'list'
            ? 'list tokens (no secrets)'
            : 'revoke a token by id',
      )
      .requiredOption('--via <url>', 'the kci-bridge gateway, e.g. http://127.0.0.1:8080')
      .option('--timeout <seconds>', 'per request', '30');
    if (action === 'create') {
      sub
        .requiredOption('--name <name>', 'a name for the token (who or what uses it)')
        .option(
          '--origin <origin>',
          'a KCIDB origin it may submit under, or * (repeatable)',
          collect,
        )
        .option('--scope <scope>', 'submit, run, sync, read or admin (repeatable)', collect);
    }
    sub.action(async (...args: unknown[]) => {
      const { tokenCommand } = await import('./commands/token.js');
      const id = action === 'revoke' ? (args[0] as string) : undefined;
      const options = (
        action === 'revoke' ? args[1] : args[0]
      ) as import('./commands/token.js').TokenOptions;
      setExit(await tokenCommand(action, id, options, context(globals())));
    });
  }

  program
    .command('validate')
    .description('validate KCIDB report files against schema v5.3 and our data-quality rules')
    .argument('<file...>', 'report files (JSON); - reads stdin')
    .addOption(schemaOption())
    .addHelpText(
      'after',
      `
Prints every error and warning with its JSON path. Exit code: 0 all valid, 1 some
invalid, 2 usage error (such as a file that cannot be read).

Examples:
  kci-bridge validate report.json
  generate-report | kci-bridge validate -
  kci-bridge validate --json a.json b.json`,
    )
    .action(async (files: string[]) => {
      const { validateFiles } = await import('./commands/validate.js');
      setExit(await validateFiles(files, context(globals())));
    });

  const parse = program
    .command('parse')
    .description(
      'print the test results a runner output holds (KTAP, LTP, TuxSuite, LAVA), as the services parse them',
    )
    .argument('<file>', 'the file to parse; - reads stdin')
    .action(async (file: string, options: ParseOptions) => {
      const { parseFile } = await import('./commands/parse.js');
      setExit(await parseFile(file, options, context(globals())));
    });
  if (declares('parse')) {
    const { addParseOptions } = await import('./options/parse-options.js');
    addParseOptions(parse);
  }

  addTargetOptions(
    program
      .command('status')
      .description("ask KCIDB's /status where a submission is")
      .argument('<submission-id>', 'the id KCIDB gave the submission'),
  )
    .addHelpText(
      'after',
      `
Exit code: 0 processed or still queued, 1 failed or not found, 3 no answer,
4 token refused. With --wait, polls until processed or failed.

Example:
  kci-bridge status 8kX2p9QwZr4T1mN7vB3cY6dF0hJ5sL2a --wait 60`,
    )
    .action(async (submissionId: string, options: StatusOptions) => {
      const { submissionStatus } = await import('./commands/status.js');
      setExit(await submissionStatus(submissionId, options, context(globals())));
    });
  return program;
}

const PROGRAM_HELP = `
Examples:
  kci-bridge submit build --help
  kci-bridge submit build --dry-run --origin myci --git-folder . --build-run-id 42 --arch x86_64
  kci-bridge submit tests --origin myci --build-id maestro:681b... --test-uid 42 \\
    --collection kselftest --name timers --ktap kselftest.log
  kci-bridge parse --format ktap kselftest.log
  kci-bridge validate report.json
  kci-bridge status <submission-id> --wait 60

Credentials: --kcidb-rest/--kcidb-token, then KCIDB_REST (https://<token>@host) and
KCIDB_TOKEN, then kci-dev's config file (kcidb_rest_url, kcidb_token). With --via URL,
reports go to a kci-bridge gateway instead, with KCI_BRIDGE_TOKEN (or kci_bridge_token in
the config file). Tokens are never printed.
${EXIT_CODES_HELP}`;
