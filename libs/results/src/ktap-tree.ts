/** The result tree the KTAP parser builds, and how it becomes flat, uniquely named results. */
import type { KcidbStatus } from '@kci-bridge/kcidb';
import { PathRegistry, sanitiseSegment, segmentOr } from './segments.js';
import type { NormalisedResult } from './types.js';

/** One result line (or a synthesised one) with the results of its subtest block. */
export interface Node {
  segments: string[];
  status: KcidbStatus;
  rawStatus: string;
  logLines: string[];
  children: Node[];
}

const SELFTESTS = /^selftests:\s*/;

/** Whether a diagnostic's text is kselftest's `selftests: <dir>: <test>` announcement. */
export function isSelftestsLine(text: string): boolean {
  return SELFTESTS.test(text);
}

/** `target.push(...source)` without the argument-count limit of a spread call. */
export function append<T>(target: T[], source: readonly T[]): void {
  for (const item of source) target.push(item);
}

/** `selftests: timers: posix_timers` → ['timers', 'posix_timers']; anything else → one segment. */
export function descriptionSegments(description: string, fallback: string): string[] {
  const m = SELFTESTS.exec(description);
  if (!m) return [segmentOr(description, fallback)];
  const parts = description.slice(m[0].length).split(': ');
  const bounded = parts.length > 4 ? [...parts.slice(0, 3), parts.slice(3).join('_')] : parts;
  const segments = bounded.map(sanitiseSegment).filter((s) => s !== '');
  return segments.length > 0 ? segments : [fallback];
}

/** Parents first, then their children, each path unique (`_dup2`, ...). */
export function flatten(nodes: Node[]): NormalisedResult[] {
  const registry = new PathRegistry();
  const out: NormalisedResult[] = [];
  const todo: { node: Node; parent: string[] }[] = nodes
    .map((node) => ({ node, parent: [] }))
    .reverse();
  for (let item = todo.pop(); item; item = todo.pop()) {
    const { node, parent } = item;
    const path = registry.claim([...parent, ...node.segments]);
    const result: NormalisedResult = { path, status: node.status, rawStatus: node.rawStatus };
    if (node.logLines.length > 0) result.logLines = node.logLines;
    out.push(result);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child) todo.push({ node: child, parent: path });
    }
  }
  return out;
}
