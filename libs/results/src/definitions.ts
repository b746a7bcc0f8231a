/** What TuxSuite's results.json and LAVA's callback share: definition names and the boot result. */
import type { KcidbStatus } from '@kci-bridge/kcidb';
import { sanitiseSegment, segmentOr } from './segments.js';
import type { NormalisedResult } from './types.js';

/** Definition-name prefixes that are a test family: `ltp-smoke` → ['ltp', 'smoke']. */
export const TEST_FAMILIES: readonly string[] = ['ltp', 'kselftest'];

/** A definition or suite name without LAVA's run index: `0_ltp-smoke` → `ltp-smoke`. */
export function stripRunIndex(name: string): string {
  return name.replace(/^\d{1,9}_/, '');
}

/**
 * The path of a test definition: `ltp-smoke` → ['ltp', 'smoke'], `kselftest-timers` →
 * ['kselftest', 'timers'], anything else → [name]; each segment sanitised.
 */
export function definitionPath(name: string): string[] {
  const dash = name.indexOf('-');
  const rest = sanitiseSegment(name.slice(dash + 1));
  if (dash > 0 && rest !== '' && TEST_FAMILIES.includes(name.slice(0, dash))) {
    return [name.slice(0, dash), rest];
  }
  return [segmentOr(name, 'unnamed')];
}

/** One login step (`login-action` or `auto-login-action`) as a runner reported it. */
export interface LoginStep {
  result: string;
  durationSeconds?: number;
  /** The step's failure text (`extra.fail`), if any. */
  failure?: string;
}

/**
 * The `boot` result from the login steps: PASS if any passed, as kernelci-core does. A failed
 * login is FAIL (the kernel did not reach a prompt), except after an `Infrastructure` or
 * `Canceled` job error, where the failure says nothing about the kernel → ERROR. A `Job`
 * error stays FAIL: LAVA reports a login timeout, the usual boot failure, as a Job error.
 * Steps that neither passed nor failed → ERROR.
 */
export function bootFromLogin(
  steps: readonly LoginStep[],
  errorType: string | undefined,
): NormalisedResult {
  const passed = steps.find((step) => step.result.trim().toLowerCase() === 'pass');
  const chosen = passed ?? steps[0];
  const infra = errorType === 'Infrastructure' || errorType === 'Canceled';
  const failed = steps.some((step) => step.result.trim().toLowerCase() === 'fail');
  // Neither passed nor failed (unknown, skip, garbage): no verdict.
  let status: KcidbStatus = passed ? 'PASS' : failed ? 'FAIL' : 'ERROR';
  if (status === 'FAIL' && infra) status = 'ERROR';
  const result: NormalisedResult = { path: ['boot'], status, rawStatus: chosen?.result ?? '' };
  if (chosen?.durationSeconds !== undefined) result.durationSeconds = chosen.durationSeconds;
  const failures = steps.flatMap((step) => (step.failure ? [step.failure] : []));
  if (!passed && failures.length > 0) result.logLines = failures;
  return result;
}
