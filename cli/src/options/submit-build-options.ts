/** The options of `submit build`: every option of kci-dev #263, and kci-dev's shipped names. */
import { Option, type Command } from '../commander.js';
import { CliError } from '../io.js';
import {
  addTargetOptions,
  EXIT_CODES_HELP,
  collectMisc,
  parseBoolean,
  parseSeconds,
  schemaOption,
  viaOption,
  type TargetOptions,
} from './common-options.js';

/** The options as commander returns them, aliases not yet merged. */
export interface SubmitBuildOptions extends TargetOptions {
  origin?: string;
  checkoutId?: string;
  buildId?: string;
  gitRepoUrl?: string;
  gitBranch?: string;
  gitCommitHash?: string;
  patchsetHash?: string;
  buildStartTime?: string;
  buildRunId?: string;
  treeName?: string;
  checkoutValid?: boolean;
  checkoutStartTime?: string;
  arch?: string;
  compiler?: string;
  configName?: string;
  status?: string;
  duration?: number;
  comment?: string;
  command?: string;
  logUrl?: string;
  configUrl?: string;
  logPath?: string;
  misc?: Record<string, unknown>;
  dryRun?: boolean;
  schema: string;
  gitFolder?: string;
  fromJson?: string;
  via?: string;
  // kci-dev's names, merged into the ones above by mergeAliases().
  giturl?: string;
  branch?: string;
  commit?: string;
  startTime?: string;
  kcidbRestUrl?: string;
}

/** kci-dev's shipped option names and the option each one stands for. */
const ALIASES = [
  ['giturl', 'gitRepoUrl', '--giturl', '--git-repo-url'],
  ['branch', 'gitBranch', '--branch', '--git-branch'],
  ['commit', 'gitCommitHash', '--commit', '--git-commit-hash'],
  ['startTime', 'buildStartTime', '--start-time', '--build-start-time'],
  ['kcidbRestUrl', 'kcidbRest', '--kcidb-rest-url', '--kcidb-rest'],
] as const;

/** The options with kci-dev's names folded into ours; the same option twice with two values is an error. */
export function mergeAliases(options: SubmitBuildOptions): SubmitBuildOptions {
  const merged = { ...options };
  for (const [alias, name, aliasFlag, flag] of ALIASES) {
    const aliasValue = merged[alias];
    if (aliasValue === undefined) continue;
    const value = merged[name];
    if (value !== undefined && value !== aliasValue) {
      throw new CliError('USAGE', `${aliasFlag} and ${flag} are the same option; give it once`);
    }
    merged[name] = aliasValue;
    delete merged[alias];
  }
  return merged;
}

/** Options that build the report, refused together with --from-json (which sends a report as is). */
export const REPORT_BUILDING_OPTIONS: ReadonlyArray<[keyof SubmitBuildOptions, string]> = [
  ['origin', '--origin'],
  ['checkoutId', '--checkout-id'],
  ['buildId', '--build-id'],
  ['gitRepoUrl', '--git-repo-url'],
  ['gitBranch', '--git-branch'],
  ['gitCommitHash', '--git-commit-hash'],
  ['patchsetHash', '--patchset-hash'],
  ['buildStartTime', '--build-start-time'],
  ['buildRunId', '--build-run-id'],
  ['treeName', '--tree-name'],
  ['checkoutValid', '--checkout-valid'],
  ['checkoutStartTime', '--checkout-start-time'],
  ['arch', '--arch'],
  ['compiler', '--compiler'],
  ['configName', '--config-name'],
  ['status', '--status'],
  ['duration', '--duration'],
  ['comment', '--comment'],
  ['command', '--command'],
  ['logUrl', '--log-url'],
  ['configUrl', '--config-url'],
  ['logPath', '--log-path'],
  ['misc', '--misc'],
  ['gitFolder', '--git-folder'],
];

const hidden = (flags: string, description: string) => new Option(flags, description).hideHelp();

/** Add the options of `submit build` to `command`. */
export function addSubmitBuildOptions(command: Command): Command {
  command
    .option('--origin <origin>', 'your KCIDB origin: lowercase letters, digits and _ (e.g. myci)')
    .option('--checkout-id <id>', 'checkout id to use instead of deriving it (<origin>:...)')
    .option('--build-id <id>', 'build id to use instead of deriving it (<origin>:...)')
    .option('--git-repo-url <url>', 'https URL of the repository built (alias: --giturl)')
    .option('--git-branch <branch>', 'branch built (alias: --branch)')
    .option('--git-commit-hash <sha>', 'full 40-character commit hash built (alias: --commit)')
    .option('--patchset-hash <sha256>', 'sha256 of the patches applied on top, if any')
    .option('--git-folder <path>', 'read repository URL, branch and commit from a local checkout')
    .option(
      '--build-start-time <time>',
      'RFC 3339 start time, e.g. 2026-01-15T10:00:00+00:00 (alias: --start-time)',
    )
    .option(
      '--build-run-id <id>',
      'your CI run id: seeds the build id instead of the start time, so retries keep it',
    )
    .option('--tree-name <name>', 'tree name shown on the dashboard (e.g. stable-rc)')
    .addOption(
      new Option(
        '--checkout-valid [bool]',
        'whether the checkout is valid (true/false; alone: true)',
      ).argParser(parseBoolean),
    )
    .option('--checkout-start-time <time>', 'RFC 3339 time the checkout was made')
    .option('--arch <arch>', 'architecture built, e.g. x86_64, arm64')
    .option('--compiler <compiler>', 'compiler and version, e.g. gcc-14')
    .option('--config-name <name>', 'kernel configuration, e.g. defconfig')
    .option('--status <status>', 'build status: PASS, FAIL, ERROR, MISS, DONE or SKIP (any case)')
    .addOption(
      new Option('--duration <seconds>', 'build duration in seconds').argParser(parseSeconds),
    )
    .option('--comment <text>', 'a comment on the build')
    .option('--command <command>', 'the command that ran the build')
    .option('--log-url <url>', 'URL of the full build log')
    .option('--config-url <url>', 'URL of the .config used')
    .option(
      '--log-path <file>',
      "a local build log: its errors and warnings become the build's log_excerpt",
    )
    .addOption(
      new Option(
        '--misc <key=value>',
        'extra data in build misc, repeatable; JSON values are parsed',
      ).argParser(collectMisc),
    )
    .option(
      '--from-json <file>',
      'send a complete KCIDB report as is, after validating it (- for stdin)',
    )
    .option('--dry-run', 'print the report as sorted JSON and send nothing')
    .addOption(schemaOption())
    .addOption(viaOption())
    .addOption(hidden('--giturl <url>', "kci-dev's name for --git-repo-url"))
    .addOption(hidden('--branch <branch>', "kci-dev's name for --git-branch"))
    .addOption(hidden('--commit <sha>', "kci-dev's name for --git-commit-hash"))
    .addOption(hidden('--start-time <time>', "kci-dev's name for --build-start-time"));
  return addTargetOptions(command).addHelpText('after', SUBMIT_BUILD_HELP);
}

const SUBMIT_BUILD_HELP = `
IDs are kci-dev's: checkout <origin>:ck-sha256(url|branch|commit|patchset), build
<origin>:b-sha256(checkout_id|arch|config|compiler|start-time-or-run-id). With
--build-start-time they equal kci-dev's; with --build-run-id a retried run keeps its id.
The report is validated before it is sent; an invalid report is never sent.

KCIDB target and token, first found wins: --kcidb-rest/--kcidb-token, then KCIDB_REST
(https://<token>@host[/path]) and KCIDB_TOKEN, then kci-dev's config file (--settings or
./.kci-dev.toml, ~/.config/kci-dev/kci-dev.toml, /etc/kci-dev.toml; the instance named by
--instance or default_instance, its kcidb_rest_url and kcidb_token).

--via URL sends the report to a kci-bridge gateway (POST URL/api/v1/kcidb/submit), which
queues it for KCIDB with its own retries and dead letters, instead of straight to KCIDB; the
token is KCI_BRIDGE_TOKEN or kci_bridge_token in the config file's instance. --wait then polls
URL/api/v1/submissions/<id> until every object is in KCIDB (or failed).

kci-dev's option names work too: --giturl, --branch, --commit, --start-time, --kcidb-rest-url.

Examples:
  # see what would be sent
  kci-bridge submit build --dry-run --origin myci \\
    --git-repo-url https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux-stable-rc.git \\
    --git-branch linux-6.12.y --git-commit-hash 0123456789abcdef0123456789abcdef01234567 \\
    --arch x86_64 --config-name defconfig --compiler gcc-14 \\
    --build-start-time 2026-01-15T10:00:00+00:00 --status PASS

  # from a CI job: retry-safe id, log excerpt from the local log, wait for ingestion
  export KCIDB_REST=https://$TOKEN@db.kernelci.org
  kci-bridge submit build --origin myci --git-folder ~/linux --build-run-id "$CI_JOB_ID" \\
    --arch arm64 --config-name defconfig --compiler gcc-14 --status FAIL \\
    --log-path build.log --log-url https://ci.example.org/$CI_JOB_ID/build.log --wait 120

  # a script written for kci-dev, unchanged
  kci-bridge submit build --origin myci --giturl https://git.kernel.org/.../linux.git \\
    --branch master --commit 0123456789abcdef0123456789abcdef01234567 \\
    --start-time 2026-01-15T10:00:00+00:00 --arch x86_64 --status PASS

  # a report made elsewhere
  kci-bridge submit build --from-json report.json

  # through a kci-bridge gateway, waiting until KCIDB has it
  KCI_BRIDGE_TOKEN=... kci-bridge submit build --from-json report.json \
    --via https://bridge.example.org --wait 300
${EXIT_CODES_HELP}`;
