/**
 * Deterministic KCIDB object IDs. Resubmitting the same result yields the same
 * ID, so retries are idempotent. THESE FORMULAS MUST NEVER CHANGE once released:
 * a change would give every already-submitted object a second, duplicate ID.
 * The checkout and build formulas are kci-dev's (`kcidev/libs/kcidb.py`), so our
 * IDs match `kci-dev submit build` for the same inputs.
 */
import { createHash } from 'node:crypto';

const ORIGIN_RE = /^[a-z0-9_]+$/;
// Everything KCIDB's path pattern does not allow inside a segment.
const OUTSIDE_SEGMENT = /[^A-Za-z0-9_-]+/g;

function sha256Hex(seed: string): string {
  return createHash('sha256').update(seed, 'utf8').digest('hex');
}

/** Whether `origin` is a KCIDB origin name: `^[a-z0-9_]+$`. */
export function isValidOrigin(origin: string): boolean {
  return ORIGIN_RE.test(origin);
}

/** `<origin>:ck-` + sha256(`repoUrl|branch|commit|patchsetHash`), kci-dev's checkout ID. */
export function checkoutId(input: {
  origin: string;
  repoUrl: string;
  branch?: string;
  commit: string;
  patchsetHash?: string;
}): string {
  const seed = [input.repoUrl, input.branch ?? '', input.commit, input.patchsetHash ?? ''].join(
    '|',
  );
  return `${input.origin}:ck-${sha256Hex(seed)}`;
}

/**
 * `<origin>:b-` + sha256(`checkoutId|arch|configName|compiler|startOrRunId`), kci-dev's
 * build ID; pass a run ID rather than a start time to keep retries on one ID.
 */
export function buildId(input: {
  origin: string;
  checkoutId: string;
  arch?: string;
  configName?: string;
  compiler?: string;
  startOrRunId: string;
}): string {
  const seed = [
    input.checkoutId,
    input.arch ?? '',
    input.configName ?? '',
    input.compiler ?? '',
    input.startOrRunId,
  ].join('|');
  return `${input.origin}:b-${sha256Hex(seed)}`;
}

/** `<origin>:t-` + sha256(`buildId|path|testUid`); the build may be another origin's. */
export function testId(input: {
  origin: string;
  buildId: string;
  path: string;
  testUid: string;
}): string {
  return `${input.origin}:t-${sha256Hex(`${input.buildId}|${input.path}|${input.testUid}`)}`;
}

/**
 * A KCIDB test path from a collection (its dots kept as separators) and a test name
 * (one segment): runs of characters outside [A-Za-z0-9_-] become `_`, empty segments go.
 */
export function testPath(collection: string, name: string): string {
  const segments = collection.split('.').map(sanitiseSegment);
  segments.push(sanitiseSegment(name));
  return segments.filter((segment) => segment !== '').join('.');
}

function sanitiseSegment(segment: string): string {
  return segment.replace(OUTSIDE_SEGMENT, '_');
}
