/**
 * Bodies of `POST /api/v1/tests/submit` as a CI sends them. Every submission has its own
 * `test_uid`, so every test becomes a new KCIDB object, and the fake KCIDB can tell which
 * submission an object came from (`misc.test_uid`).
 */

export interface BodySpec {
  /** `test_uid` is `<uidPrefix><n>`. */
  uidPrefix: string;
  testsPerSubmission: number;
  /** Bytes of log per test (plain text, not KTAP or LTP output, so one object per test). */
  logBytes: number;
}

export const BUILD_ID = 'maestro:681b69099ae9711e9ed49766';
const RESULTS = ['PASS', 'PASS', 'PASS', 'FAIL', 'SKIP'] as const;
const COLLECTIONS = ['kselftest.timers', 'baseline.smoke', 'kunit.example'] as const;

/** A plain-text log of exactly `bytes` ASCII bytes. */
export function logText(bytes: number, seed: number): string {
  const line = `[ ${(seed % 1000).toString().padStart(4, ' ')}.${(seed % 997).toString().padStart(6, '0')}] step done, all good\n`;
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

/** The JSON text of submission number `n`. */
export function submissionBody(spec: BodySpec, n: number): string {
  const tests = [];
  for (let i = 0; i < spec.testsPerSubmission; i++) {
    tests.push({
      test_name: `case_${i}`,
      test_collection: COLLECTIONS[i % COLLECTIONS.length],
      result: RESULTS[(n + i) % RESULTS.length],
      ...(spec.logBytes > 0 ? { logs: logText(spec.logBytes, n + i) } : {}),
    });
  }
  return JSON.stringify({
    test_uid: `${spec.uidPrefix}${n}`,
    build_id: BUILD_ID,
    device: 'qemu-riscv64',
    runtime: 'kci-bridge bench',
    tests,
  });
}
