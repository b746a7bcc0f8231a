import {
  KCIDB_OBJECT_KINDS,
  type KcidbObjectKind,
  type KcidbObjects,
  type KcidbReport,
} from './types.js';

/** A report with no objects, declaring schema v5.3. */
export function emptyReport(): KcidbReport {
  return { version: { major: 5, minor: 3 } };
}

/** A v5.3 report holding the given objects, kinds in ingestion order, empty kinds left out. */
export function buildReport(objects: KcidbObjects): KcidbReport {
  const report: KcidbReport = emptyReport();
  for (const kind of KCIDB_OBJECT_KINDS) {
    const list = objects[kind];
    if (list !== undefined && list.length > 0) Object.assign(report, { [kind]: list });
  }
  return report;
}

/** A copy without null or undefined properties or array items, at any depth: KCIDB forbids null. */
export function stripNulls<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null && item !== undefined).map(strip);
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && item !== undefined) out[key] = strip(item);
  }
  return out;
}

// Dates, Maps and class instances are left alone: only JSON-shaped data is walked.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Item for {@link packReports}; `bytes` is its serialised size when the caller knows it. */
export interface PackItem {
  kind: KcidbObjectKind;
  object: object;
  bytes?: number;
}

/** Bounds of one report for {@link packReports}. */
export interface PackLimits {
  maxObjects: number;
  maxBytes: number;
}

const ENVELOPE_BYTES = byteLength(JSON.stringify(emptyReport()));

/**
 * Split objects into groups, each to become one report of at most `maxObjects`
 * objects and about `maxBytes` of JSON; an object bigger than that goes alone.
 * Kinds are ordered as KCIDB ingests them, so parents tend to go first.
 */
export function packReports(items: readonly PackItem[], limits: PackLimits): KcidbObjects[] {
  if (!(limits.maxObjects >= 1) || !(limits.maxBytes >= 1)) {
    throw new RangeError('packReports: maxObjects and maxBytes must be at least 1');
  }
  const rank = (kind: KcidbObjectKind) => KCIDB_OBJECT_KINDS.indexOf(kind);
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.index - b.index)
    .map(({ item }) => item);

  const groups: Map<KcidbObjectKind, object[]>[] = [];
  let current = new Map<KcidbObjectKind, object[]>();
  let count = 0;
  let bytes = ENVELOPE_BYTES;
  for (const item of ordered) {
    const size = item.bytes ?? byteLength(JSON.stringify(item.object));
    if (
      count > 0 &&
      (count >= limits.maxObjects || bytes + cost(current, item.kind, size) > limits.maxBytes)
    ) {
      groups.push(current);
      current = new Map();
      count = 0;
      bytes = ENVELOPE_BYTES;
    }
    bytes += cost(current, item.kind, size);
    count += 1;
    const list = current.get(item.kind);
    if (list) list.push(item.object);
    else current.set(item.kind, [item.object]);
  }
  if (count > 0) groups.push(current);
  return groups.map(toObjects);
}

/** Bytes an object adds to a group: `,"tests":[]` if its kind is new there, a comma, itself. */
function cost(group: Map<KcidbObjectKind, object[]>, kind: KcidbObjectKind, size: number): number {
  return (group.has(kind) ? 0 : kind.length + 6) + 1 + size;
}

function toObjects(group: Map<KcidbObjectKind, object[]>): KcidbObjects {
  const out: Partial<Record<KcidbObjectKind, object[]>> = {};
  for (const kind of KCIDB_OBJECT_KINDS) {
    const list = group.get(kind);
    if (list) out[kind] = list;
  }
  // The items are the caller's objects of each kind; packing only regroups them.
  return out as KcidbObjects;
}

function byteLength(json: string | undefined): number {
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}
