/**
 * The CLI as a function: `run(argv, io)` parses the command line, runs one command and
 * returns its exit code. `main.ts` calls it with the real process; tests call it directly.
 * Command implementations are imported only when run, so `--help` stays fast.
 */
import { Command, CommanderError } from 'commander';
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
import { addSubmitBuildOptions, type SubmitBuildOptions } from './options/submit-build-options.js';
import { Output } from './output/output.js';

export type { Io } from './io.js';

export const VERSION = '0.1.0';

/** Run the CLI with `argv` (without node and the script path); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const output = new Output(io.stdout, io.stderr);
  const env = cliEnv(io.env);
  // Tokens the environment carries are scrubbed from everything, commander's messages included.
  output.addSecret(env.kcidbToken);
  for (const secret of commandLineSecrets(argv)) output.addSecret(secret);
  let exitCode: ExitCode = ExitCode.OK;
  const program = buildProgram(
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

function buildProgram(
  output: Output,
  setExit: (code: ExitCode) => void,
  context: (globals: GlobalOptions) => CommandContext,
): Command {
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
    .description('submit results to KCIDB')
    .addHelpText('after', '\nExample:\n  kci-bridge submit build --help');
  addSubmitBuildOptions(
    submit
      .command('build')
      .description('submit one build (and its checkout) to KCIDB, as kci-dev submit build does'),
  ).action(async (options: SubmitBuildOptions) => {
    const { submitBuild } = await import('./commands/submit-build.js');
    setExit(await submitBuild(options, context(globals())));
  });

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

  addTargetOptions(
    program
      .command('status')
      .description("ask KCIDB's /status where a submission is")
      .argument('<submission-id>', 'the id KCIDB gave the submission'),
  )
    .addHelpText(
      'after',
      `
Exit code: 0 processed or still queued, 1 failed or not found, 3 token refused,
4 no answer. With --wait, polls until processed or failed.

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
  kci-bridge validate report.json
  kci-bridge status <submission-id> --wait 60

Credentials: --kcidb-rest/--kcidb-token, then KCIDB_REST (https://<token>@host) and
KCIDB_TOKEN, then kci-dev's config file (kcidb_rest_url, kcidb_token). Tokens are never
printed.
${EXIT_CODES_HELP}`;
