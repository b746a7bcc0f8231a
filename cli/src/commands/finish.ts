/** The end every submit command shares: print the issues, stop if invalid, print on --dry-run, or send. */
import type { ValidationResult } from '@kci-bridge/kcidb';
import { ExitCode } from '../io.js';
import type { SentReport } from '../output/send-result.js';
import { issueCounts, issueLines, sortedJson } from '../output/output.js';
import type { DeliveryOptions } from '../send/deliver.js';
import type { CommandContext } from './context.js';

/** A report ready to go: what is sent, what it holds, and its validation. */
export interface PreparedReport {
  /** The JSON sent: --from-json's text as is, or the report serialised. */
  body: string;
  report: unknown;
  sent: SentReport;
  validation: ValidationResult;
}

/** Validate-then-send: an invalid report is never sent, and --dry-run sends nothing. */
export async function finishSubmission(
  prepared: PreparedReport,
  options: DeliveryOptions & { dryRun?: boolean },
  context: CommandContext,
): Promise<ExitCode> {
  const { output } = context;
  const { body, report, sent, validation } = prepared;
  for (const line of issueLines(validation)) output.err(line);
  if (!validation.valid) {
    if (options.dryRun) output.out(sortedJson(report));
    output.err(`error: the report is invalid (${issueCounts(validation)}); nothing was sent`);
    return ExitCode.REJECTED;
  }
  if (options.dryRun) {
    output.out(sortedJson(report));
    context.verbose('dry run: nothing was sent');
    return ExitCode.OK;
  }
  // Loaded only now: a dry run never needs the config file reader or the HTTP code.
  const { deliver } = await import('../send/deliver.js');
  return deliver(body, sent, options, context);
}
