/** How a submission's fate is told to the user, and the exit code it gives. */
import type { CommandContext } from '../commands/context.js';
import { ExitCode } from '../io.js';
import type { SendResult } from '../send/send-report.js';
import { sortedJson } from './output.js';

/** What was sent: the IDs of `submit build`, or a count of objects for `--from-json`. */
export interface SentReport {
  checkoutId?: string;
  buildId?: string;
  objects?: string;
}

const TOKEN_HINT =
  'hint: check the token (sent as "Authorization: Bearer <token>"): it may be mistyped, expired, or meant for another KCIDB instance; KernelCI maintainers issue new ones';

/** Print the result (human or --json) and return the exit code; the mapping is exhaustive. */
export function reportSendResult(
  result: SendResult,
  sent: SentReport,
  target: string,
  context: CommandContext,
): ExitCode {
  const { output } = context;
  const json = context.globals.json === true;
  const base = {
    checkout_id: sent.checkoutId,
    build_id: sent.buildId,
    target,
    attempts: result.attempts,
  };
  const emit = (fields: Record<string, unknown>) => {
    if (json) output.out(sortedJson({ ...base, ...fields }));
  };
  const ids = () => {
    if (json) return;
    if (sent.checkoutId !== undefined) output.out(`checkout    ${sent.checkoutId}`);
    if (sent.buildId !== undefined) output.out(`build       ${sent.buildId}`);
    if (sent.objects !== undefined) output.out(`report      ${sent.objects}`);
  };
  switch (result.kind) {
    case 'accepted': {
      const { submissionId, state } = result;
      const processed = state === 'processed';
      emit({ result: processed ? 'processed' : 'accepted', submission_id: submissionId, state });
      if (json) return ExitCode.OK;
      ids();
      output.out(`submission  ${submissionId}`);
      if (processed) {
        output.out(`KCIDB accepted and processed the report (${target})`);
      } else {
        const waited = state === undefined ? '' : ` and has not processed it yet (${state})`;
        output.out(`KCIDB accepted the report${waited} (${target})`);
        output.out(`check it:   kci-bridge status ${submissionId} [--wait SECONDS]`);
      }
      return ExitCode.OK;
    }
    case 'ingest-failed':
      emit({ result: 'ingest-failed', submission_id: result.submissionId, state: 'failed' });
      ids();
      output.err(
        `error: KCIDB accepted submission ${result.submissionId} but failed to ingest it (/status says failed, without a reason)`,
      );
      return ExitCode.REJECTED;
    case 'rejected':
      emit({
        result: 'rejected',
        http_status: result.httpStatus,
        message: result.reason,
        body: result.body,
      });
      output.err(`error: ${result.reason}`);
      if (result.body !== '') output.err(`KCIDB answered: ${result.body}`);
      return ExitCode.REJECTED;
    case 'too-large':
      emit({ result: 'too-large', http_status: 413, body: result.body });
      output.err(
        'error: KCIDB refused the report as too large (HTTP 413); split it into smaller reports',
      );
      return ExitCode.REJECTED;
    case 'credentials':
      emit({ result: 'credentials', message: result.reason, submission_id: result.submissionId });
      output.err(`error: ${result.reason}`);
      output.err(TOKEN_HINT);
      return ExitCode.CREDENTIALS;
    case 'gave-up':
      emit({ result: 'gave-up', message: result.reason });
      output.err(
        `error: gave up after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.reason}`,
      );
      output.err(
        'hint: KCIDB merges objects by id, so sending the same report again later does not duplicate it',
      );
      return ExitCode.GAVE_UP;
    default:
      return unreachable(result);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled result ${JSON.stringify(value)}`);
}
