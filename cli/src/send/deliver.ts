/**
 * After validation: send a report straight to KCIDB (credentials resolved as kci-dev does),
 * or with `--via` to a kci-bridge gateway. Loaded only when something is sent, so a dry run
 * never loads the config file reader, the TOML parser or the HTTP code.
 */
import type { CommandContext } from '../commands/context.js';
import { resolveTarget } from '../config/credentials.js';
import { timing, type ExitCode } from '../io.js';
import type { TargetOptions } from '../options/common-options.js';
import { reportSendResult, type SentReport } from '../output/send-result.js';
import { sendReport } from './send-report.js';

/** Where and how to send: the target options and `--via`. */
export interface DeliveryOptions extends TargetOptions {
  via?: string;
}

/** Send `body` (the report's JSON), print the outcome, and return the exit code. */
export async function deliver(
  body: string,
  sent: SentReport,
  options: DeliveryOptions,
  context: CommandContext,
): Promise<ExitCode> {
  if (options.via !== undefined) {
    const { deliverViaBridge } = await import('./via-bridge.js');
    return deliverViaBridge(body, sent, { ...options, via: options.via }, context);
  }
  const { output, io } = context;
  const resolved = await resolveTarget(
    { ...options, settings: context.globals.settings, instance: context.globals.instance },
    context.env,
    { cwd: io.cwd, systemPath: io.systemConfigPath, warn: (line) => output.err(line) },
  );
  output.addSecret(resolved.target.token);
  context.verbose(
    `KCIDB target ${resolved.target.display} (URL from ${resolved.urlFrom}, token from ${resolved.tokenFrom})`,
  );
  const result = await sendReport(
    body,
    resolved.target,
    { retries: options.retries, timeoutMs: options.timeout * 1000, waitMs: options.wait * 1000 },
    { ...timing(io), fetch: io.fetch, progress: (line) => output.err(line) },
  );
  return reportSendResult(result, sent, resolved.target.display, context);
}
