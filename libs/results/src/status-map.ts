/**
 * Every runner vocabulary this library reads, mapped to KCIDB statuses in one place.
 * Each table is a `switch` with an explicit, documented default: a word we have never
 * seen is reported as ERROR (we cannot tell what happened), never passed through.
 * The README repeats these tables; status-map.spec.ts lists every word.
 */
import type { KcidbStatus } from '@kci-bridge/kcidb';

/** KTAP/TAP directives we recognise after `#` (case-insensitive; `SKIPPED` counts as SKIP). */
export type KtapDirective = 'SKIP' | 'TODO' | 'XFAIL' | 'TIMEOUT' | 'ERROR';

/**
 * KTAP / TAP / kselftest result line: `ok`/`not ok` plus an optional directive.
 * SKIP → SKIP either way; XFAIL (expected failure happened) → PASS; TIMEOUT and ERROR → ERROR
 * (the test could not give a verdict); TODO: `not ok # TODO` is a known, not-yet-fixed
 * failure the author asks not to count → SKIP, and `ok # TODO` did pass → PASS.
 * No directive (or an unknown one such as `# exit=1`): ok → PASS, not ok → FAIL.
 */
export function ktapStatus(ok: boolean, directive: KtapDirective | undefined): KcidbStatus {
  switch (directive) {
    case undefined:
      return ok ? 'PASS' : 'FAIL';
    case 'SKIP':
      return 'SKIP';
    case 'TODO':
      return ok ? 'PASS' : 'SKIP';
    case 'XFAIL':
      return 'PASS';
    case 'TIMEOUT':
    case 'ERROR':
      return 'ERROR';
    default: {
      // Compile-time exhaustiveness: a new directive without a mapping fails to build.
      const unmapped: never = directive;
      return unmapped;
    }
  }
}

/**
 * LTP result words: kirk's JSON `status` (pass fail brok conf warn), kirk's console words
 * (pass fail skip broken, and the `timed out` / `kernel panic` / `SUT not responding` lines),
 * the runltp `-l` table's Result column and test-library T-words (PASS FAIL BROK CONF WARN).
 * brok → FAIL as Linaro's test-definitions do (`sed s/brok/fail/`), so a broken LTP test is
 * a failure as KernelCI has always shown it; conf/skip → SKIP; warn (only warnings, nothing
 * failed) → PASS, as LKP does; a timeout or an unresponsive machine → ERROR (no verdict); a
 * kernel panic while the test ran → FAIL. Anything else → ERROR.
 */
export function ltpResultStatus(word: string): KcidbStatus {
  switch (word.trim().toLowerCase()) {
    case 'pass':
    case 'tpass':
    case 'warn':
    case 'warning':
    case 'twarn':
      return 'PASS';
    case 'fail':
    case 'tfail':
    case 'brok':
    case 'broken':
    case 'tbrok':
    case 'kernel panic':
      return 'FAIL';
    case 'conf':
    case 'tconf':
    case 'skip':
      return 'SKIP';
    case 'timed out':
    case 'sut not responding':
      return 'ERROR';
    default:
      return 'ERROR';
  }
}

/**
 * ltp-pan's `termination_type` and `termination_id` (for `exited`, LTP's exit bitmask:
 * 1 TFAIL, 2 TBROK, 4 TWARN, 32 TCONF). Any fail or brok bit, or any bit LTP does not
 * define, → FAIL; otherwise the TCONF bit → SKIP; 0 or TWARN alone → PASS. A test killed by
 * a signal (`signaled`) → FAIL, like TBROK. Another type, or a negative id → ERROR.
 */
export function ltpExitStatus(terminationType: string, terminationId: number): KcidbStatus {
  switch (terminationType.trim().toLowerCase()) {
    case 'exited': {
      if (!Number.isInteger(terminationId) || terminationId < 0) return 'ERROR';
      const failing = terminationId & ~(4 | 32);
      if (failing !== 0) return 'FAIL';
      return (terminationId & 32) !== 0 ? 'SKIP' : 'PASS';
    }
    case 'signaled':
      return 'FAIL';
    default:
      return 'ERROR';
  }
}

/**
 * TuxSuite / TuxRun `result` words, for a test case in results.json and for a build or test
 * as a whole: pass → PASS, fail → FAIL, skip → SKIP, error (infrastructure) → ERROR,
 * canceled → ERROR (never finished, no verdict), unknown (not finished) → ERROR.
 * Anything else → ERROR.
 */
export function tuxsuiteResultStatus(result: string): KcidbStatus {
  switch (result.trim().toLowerCase()) {
    case 'pass':
      return 'PASS';
    case 'fail':
      return 'FAIL';
    case 'skip':
      return 'SKIP';
    case 'error':
    case 'canceled':
    case 'unknown':
      return 'ERROR';
    default:
      return 'ERROR';
  }
}

/**
 * LAVA test case `result` (callback results YAML): pass → PASS, fail → FAIL, skip → SKIP,
 * unknown → ERROR. Anything else → ERROR.
 */
export function lavaResultStatus(result: string): KcidbStatus {
  switch (result.trim().toLowerCase()) {
    case 'pass':
      return 'PASS';
    case 'fail':
      return 'FAIL';
    case 'skip':
      return 'SKIP';
    case 'unknown':
      return 'ERROR';
    default:
      return 'ERROR';
  }
}

/**
 * LAVA job `health` (`health_string`), used where a result is missing (no login step):
 * Complete → PASS, Incomplete → ERROR, Canceled → ERROR, Unknown (not finished) → MISS.
 * Anything else → ERROR.
 */
export function lavaHealthStatus(health: string): KcidbStatus {
  switch (health.trim().toLowerCase()) {
    case 'complete':
      return 'PASS';
    case 'incomplete':
    case 'canceled':
      return 'ERROR';
    case 'unknown':
      return 'MISS';
    default:
      return 'ERROR';
  }
}

/**
 * LAVA/TuxRun `job.error_type` values that mean the job, not the kernel, went wrong:
 * expected tests that never reported are then ERROR rather than MISS.
 */
export function isJobErrorType(errorType: string): boolean {
  switch (errorType.trim()) {
    case 'Infrastructure':
    case 'Job':
    case 'Canceled':
      return true;
    default:
      return false;
  }
}
