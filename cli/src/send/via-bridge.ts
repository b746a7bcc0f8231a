/**
 * `--via URL`: the report goes to a kci-bridge gateway, which validates it again and queues its
 * objects in the submitter's outbox (retries, dead letters, status), instead of straight to
 * KCIDB. Retries here cover only getting the report to the gateway: network errors, timeouts,
 * 408, 429 and 5xx (503 while the bridge's NATS is down).
 */
import type { CommandContext } from '../commands/context.js';
import { resolveBridgeToken } from '../config/credentials.js';
import { ExitCode, timing } from '../io.js';
import { sortedJson } from '../output/output.js';
import type { SentReport } from '../output/send-result.js';
import {
  BridgeClient,
  SETTLED_STATES,
  type BridgeFieldError,
  type SubmissionView,
} from './bridge-client.js';
import type { DeliveryOptions } from './deliver.js';
import { retryDelayMs, type SendDeps, type SendSettings } from './send-report.js';

/** What became of the report, after retries and waiting. */
export type BridgeSendResult =
  | {
      kind: 'accepted';
      id: string;
      objects: number;
      warnings: Array<{ path: string; message: string }>;
      attempts: number;
      /** The last view seen while waiting (none when not waiting, or never found). */
      view?: SubmissionView;
    }
  | {
      kind: 'invalid';
      httpStatus: number;
      detail: string;
      errors: BridgeFieldError[];
      attempts: number;
    }
  | { kind: 'too-large'; detail: string; attempts: number }
  | { kind: 'credentials'; reason: string; attempts: number; id?: string }
  | { kind: 'rejected'; httpStatus: number; reason: string; attempts: number }
  | { kind: 'gave-up'; reason: string; attempts: number };

const BASE_POLL_MS = 1000;
const MAX_POLL_MS = 10_000;

/** Send `body` to the gateway at `options.via`, print the outcome, return the exit code. */
export async function deliverViaBridge(
  body: string,
  sent: SentReport,
  options: DeliveryOptions & { via: string },
  context: CommandContext,
): Promise<ExitCode> {
  const { output, io } = context;
  const { token, from } = await resolveBridgeToken(
    { settings: context.globals.settings, instance: context.globals.instance },
    context.env,
    { cwd: io.cwd, systemPath: io.systemConfigPath, warn: (line) => output.err(line) },
  );
  output.addSecret(token);
  context.verbose(`kci-bridge gateway ${options.via} (token from ${from})`);
  const client = new BridgeClient({
    base: options.via,
    token,
    timeoutMs: options.timeout * 1000,
    fetch: io.fetch,
  });
  const result = await sendViaBridge(
    client,
    body,
    { retries: options.retries, timeoutMs: options.timeout * 1000, waitMs: options.wait * 1000 },
    { ...timing(io), progress: (line) => output.err(line) },
  );
  return reportBridgeResult(result, sent, client, options.via, context);
}

/** POST with retries on transient failures, then poll the submission if `waitMs` > 0. */
export async function sendViaBridge(
  client: BridgeClient,
  body: string,
  settings: SendSettings,
  deps: Omit<SendDeps, 'fetch'>,
): Promise<BridgeSendResult> {
  for (let attempts = 1; ; attempts++) {
    const outcome = await client.submit(body);
    switch (outcome.kind) {
      case 'accepted': {
        const { id, objects, warnings } = outcome;
        if (settings.waitMs <= 0) return { kind: 'accepted', id, objects, warnings, attempts };
        const waited = await waitForBridge(client, id, settings.waitMs, deps);
        if (waited.kind === 'credentials') {
          return { kind: 'credentials', reason: waited.reason, attempts, id };
        }
        return {
          kind: 'accepted',
          id,
          objects,
          warnings,
          attempts,
          ...(waited.view ? { view: waited.view } : {}),
        };
      }
      case 'invalid':
        return { ...outcome, attempts };
      case 'too-large':
        return { kind: 'too-large', detail: outcome.detail, attempts };
      case 'credentials':
        return { kind: 'credentials', reason: outcome.reason, attempts };
      case 'permanent':
        return {
          kind: 'rejected',
          httpStatus: outcome.httpStatus,
          reason: outcome.reason,
          attempts,
        };
      case 'retryable': {
        if (attempts > settings.retries) {
          return { kind: 'gave-up', reason: outcome.reason, attempts };
        }
        const delay = retryDelayMs(attempts, outcome.retryAfterMs, deps.random);
        deps.progress(
          `${outcome.reason}; retry ${attempts} of ${settings.retries} in ${(delay / 1000).toFixed(1)} s`,
        );
        await deps.sleep(delay);
        break;
      }
      default:
        return unreachable(outcome);
    }
  }
}

/** Poll the submission until it settles (submitted, failed, partially_failed) or `waitMs` runs out. */
export async function waitForBridge(
  client: BridgeClient,
  id: string,
  waitMs: number,
  deps: Omit<SendDeps, 'fetch'>,
): Promise<{ kind: 'view'; view?: SubmissionView } | { kind: 'credentials'; reason: string }> {
  const started = deps.now();
  let interval = BASE_POLL_MS;
  let view: SubmissionView | undefined;
  for (;;) {
    const outcome = await client.submission(id);
    let where: string;
    switch (outcome.kind) {
      case 'view':
        view = outcome.view;
        if (SETTLED_STATES.has(view.state)) return { kind: 'view', view };
        where = describeView(view);
        break;
      case 'notfound':
        where = 'not recorded by the submitter yet';
        break;
      case 'credentials':
        return {
          kind: 'credentials',
          reason: `the kci-bridge gateway refused the token on ${client.submissionUrl(id)} (HTTP ${outcome.httpStatus})`,
        };
      case 'retryable':
        where = `unknown (${outcome.reason})`;
        break;
      default:
        return unreachable(outcome);
    }
    const elapsed = deps.now() - started;
    const left = waitMs - elapsed;
    deps.progress(`submission ${id}: ${where} after ${Math.round(elapsed / 1000)} s`);
    if (left <= 0) return { kind: 'view', ...(view ? { view } : {}) };
    await deps.sleep(Math.min(interval, left));
    interval = Math.min(interval * 2, MAX_POLL_MS);
  }
}

/** "submitting (1 of 2 objects in KCIDB, 0 dead)". */
function describeView(view: SubmissionView): string {
  const { pending, posted, submitted, dead } = view.counts;
  const total = pending + posted + submitted + dead;
  const deadPart = dead > 0 ? `, ${dead} dead` : '';
  return `${view.state} (${submitted} of ${total} object${total === 1 ? '' : 's'} in KCIDB${deadPart})`;
}

const TOKEN_HINT =
  'hint: set KCI_BRIDGE_TOKEN (or kci_bridge_token in your kci-dev config instance) to a token this gateway accepts';
const MAX_REASONS_SHOWN = 10;

/** Print the result (human or --json) and return the exit code. */
export function reportBridgeResult(
  result: BridgeSendResult,
  sent: SentReport,
  client: BridgeClient,
  via: string,
  context: CommandContext,
): ExitCode {
  const { output } = context;
  const json = context.globals.json === true;
  const base = {
    checkout_id: sent.checkoutId,
    build_id: sent.buildId,
    via,
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
      const { id, objects, warnings, view } = result;
      const follow = client.submissionUrl(id);
      for (const w of warnings) context.verbose(`gateway warning ${w.path}: ${w.message}`);
      if (warnings.length > 0 && context.globals.verbose !== true) {
        output.err(
          `note: the gateway noted ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (--verbose shows them)`,
        );
      }
      const state = view?.state;
      const failed = state === 'failed' || state === 'partially_failed';
      emit({
        result: state !== undefined && SETTLED_STATES.has(state) ? state : 'accepted',
        submission_id: id,
        follow,
        objects,
        state,
        counts: view?.counts,
        failures: failed ? failures(view) : undefined,
      });
      if (!json) {
        ids();
        output.out(`submission  ${id}`);
        output.out(
          `the kci-bridge gateway accepted the report and queued ${objects} object${objects === 1 ? '' : 's'} for KCIDB (${via})`,
        );
        if (state === 'submitted') output.out('KCIDB has every object (state submitted)');
        else if (!failed && view !== undefined) {
          output.out(`KCIDB does not have every object yet: ${describeView(view)}`);
        }
        output.out(`follow it:  ${follow}`);
      }
      if (!failed || view === undefined) return ExitCode.OK;
      const { dead } = view.counts;
      output.err(
        `error: the gateway could not deliver ${dead} object${dead === 1 ? '' : 's'} to KCIDB (state ${view.state})`,
      );
      const shown = failures(view).slice(0, MAX_REASONS_SHOWN);
      for (const f of shown) output.err(`  ${f.kind} ${f.id}: ${f.reason}`);
      if (dead > shown.length) output.err(`  ... and ${dead - shown.length} more: ${follow}`);
      return ExitCode.REJECTED;
    }
    case 'invalid':
      emit({
        result: 'rejected',
        http_status: result.httpStatus,
        message: result.detail,
        errors: result.errors,
      });
      output.err(
        `error: the gateway refused the report (HTTP ${result.httpStatus}): ${result.detail}`,
      );
      for (const e of result.errors) output.err(`error ${e.field}: ${e.message}`);
      return ExitCode.REJECTED;
    case 'too-large':
      emit({ result: 'too-large', http_status: 413, message: result.detail });
      output.err(
        'error: the gateway refused the report as too large (HTTP 413); split it into smaller reports',
      );
      return ExitCode.REJECTED;
    case 'credentials':
      emit({ result: 'credentials', message: result.reason, submission_id: result.id });
      output.err(`error: ${result.reason}`);
      output.err(TOKEN_HINT);
      return ExitCode.CREDENTIALS;
    case 'rejected':
      emit({ result: 'rejected', http_status: result.httpStatus, message: result.reason });
      output.err(`error: ${result.reason}`);
      return ExitCode.REJECTED;
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

function failures(
  view: SubmissionView | undefined,
): Array<{ kind: string; id: string; reason: string }> {
  return (view?.items ?? [])
    .filter((item) => item.state === 'dead')
    .map((item) => ({ kind: item.kind, id: item.id, reason: item.reason ?? '(no reason given)' }));
}

function unreachable(value: never): never {
  throw new Error(`unhandled outcome ${JSON.stringify(value)}`);
}
