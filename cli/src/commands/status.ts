/** `kci-bridge status ID`: where KCIDB is with a submission, optionally waiting for it. */
import { KcidbClient } from '@kci-bridge/kcidb';
import {
  COMMAND_LINE_TOKEN_WARNING,
  knownSecrets,
  resolveTarget,
  tokenOnCommandLine,
} from '../config/credentials.js';
import { CliError, ExitCode, timing } from '../io.js';
import { foldTargetAlias, type TargetOptions } from '../options/common-options.js';
import { sortedJson } from '../output/output.js';
import { waitForProcessing, type ProcessingState } from '../send/send-report.js';
import type { CommandContext } from './context.js';

export interface StatusOptions extends TargetOptions {
  kcidbRestUrl?: string;
}

/** 0 processed or still queued, 1 failed or not found, 3 KCIDB unreachable, 4 token refused. */
export async function submissionStatus(
  submissionId: string,
  raw: StatusOptions,
  context: CommandContext,
): Promise<ExitCode> {
  if (!/^[A-Za-z0-9]+$/.test(submissionId)) {
    throw new CliError('USAGE', `submission id "${submissionId}" must be letters and digits only`);
  }
  const options = foldTargetAlias(raw);
  const { output, io } = context;
  for (const secret of knownSecrets(options, context.env)) output.addSecret(secret);
  if (tokenOnCommandLine(options)) output.err(COMMAND_LINE_TOKEN_WARNING);
  const { target, urlFrom, tokenFrom } = await resolveTarget(
    { ...options, settings: context.globals.settings, instance: context.globals.instance },
    context.env,
    {
      cwd: io.cwd,
      systemPath: io.systemConfigPath,
      warn: (line) => output.err(line),
    },
  );
  output.addSecret(target.token);
  context.verbose(`KCIDB target ${target.display} (URL from ${urlFrom}, token from ${tokenFrom})`);
  const client = new KcidbClient({ target, timeoutMs: options.timeout * 1000, fetch: io.fetch });
  const answer = await waitForProcessing(client, submissionId, options.wait * 1000, {
    ...timing(io),
    progress: (line) => (options.wait > 0 ? output.err(line) : context.verbose(line)),
  });
  if (answer.kind === 'credentials') {
    output.err(`error: ${answer.reason}`);
    return ExitCode.CREDENTIALS;
  }
  const { state } = answer;
  if (context.globals.json === true) output.out(sortedJson({ submission_id: submissionId, state }));
  else output.out(`submission ${submissionId}: ${state} (${DESCRIPTIONS[state]})`);
  switch (state) {
    case 'processed':
    case 'ready':
    case 'inprogress':
      return ExitCode.OK;
    case 'failed':
    case 'notfound':
      return ExitCode.REJECTED;
    case 'unknown':
      return ExitCode.GAVE_UP;
    default:
      return unreachable(state);
  }
}

const DESCRIPTIONS: Record<ProcessingState, string> = {
  inprogress: 'still being uploaded',
  ready: 'received, waiting for the ingester',
  processed: 'ingested into KCIDB',
  failed: 'KCIDB could not ingest it; it does not say why',
  notfound: 'KCIDB does not know this id (or has cleaned it up)',
  unknown: 'KCIDB did not answer',
};

function unreachable(value: never): never {
  throw new Error(`unhandled state ${String(value)}`);
}
