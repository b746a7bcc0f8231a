/**
 * KTAP v1 / TAP 13-14 / kselftest runner output → results. Nesting comes from indentation
 * and from kselftest's `# ` prefix (see ktap-line.ts); a subtest block belongs to the next
 * result line of its parent level, which becomes its parent path.
 */
import { Diagnostics } from './diagnostics.js';
import { classifyKtapLine, comparePositions, type KtapLine, type Position } from './ktap-line.js';
import { LIMITS } from './limits.js';
import { segmentOr } from './segments.js';
import { append, descriptionSegments, flatten, isSelftestsLine, type Node } from './ktap-tree.js';
import { ktapStatus } from './status-map.js';
import { clipLine, splitLines } from './text.js';
import type { ParseOutcome } from './types.js';

interface Block {
  pos: Position;
  /** Finished results of this level: the children of the parent's next result. */
  nodes: Node[];
  /** Results of closed deeper blocks, waiting for this level's next result line. */
  pending: Node[];
  /** `# Subtest:` name of the closed deeper block, a name for a parent that never reported. */
  pendingName?: string;
  /** This block's own `# Subtest:` name. */
  name?: string;
  /** `# selftests: dir: test` seen at this level since its last result. */
  hint?: string;
  plan?: number;
  seen: Set<number>;
  seenLines: Set<string>;
  nextNumber: number;
  /** First line index whose diagnostics belong to this level's next result. */
  windowStart: number;
}

const MAX_WINDOW_SCAN = 5_000;

/** Parses KTAP / TAP / kselftest output; never throws, see README for the rules. */
export function parseKtap(text: string): ParseOutcome {
  const diagnostics = new Diagnostics();
  if (typeof text !== 'string') {
    diagnostics.add('input is not text');
    return { results: [], diagnostics: diagnostics.list() };
  }
  const parser = new KtapParser(splitLines(text, diagnostics), diagnostics);
  let nodes: Node[] = [];
  try {
    nodes = parser.run();
  } catch (error) {
    diagnostics.add(`internal error, results may be incomplete: ${String(error)}`);
    nodes = parser.salvage();
  }
  return { results: flatten(nodes), diagnostics: diagnostics.list() };
}

class KtapParser {
  private readonly parsed: KtapLine[];
  private readonly relevant: Uint8Array;
  private stack: Block[] = [];
  private count = 0;

  constructor(
    private readonly lines: string[],
    private readonly diagnostics: Diagnostics,
  ) {
    this.parsed = lines.map(classifyKtapLine);
    this.relevant = new Uint8Array(lines.length);
  }

  run(): Node[] {
    let top: Position | undefined;
    for (const line of this.parsed) {
      if (line.kind === 'noise' || line.kind === 'diagnostic') continue;
      if (top === undefined || comparePositions(line.pos, top) < 0) top = line.pos;
    }
    if (top === undefined) {
      this.diagnostics.add('no KTAP/TAP lines found');
      return [];
    }
    // The shallowest structural position is the top level; everything deeper nests.
    this.stack = [newBlock(top, 0)];
    this.parsed.forEach((line, idx) => this.handle(line, idx));
    return this.finish(this.lines.length);
  }

  /** After an internal error: whatever reached the top level. */
  salvage(): Node[] {
    return this.stack[0]?.nodes ?? [];
  }

  private handle(line: KtapLine, idx: number): void {
    switch (line.kind) {
      case 'noise':
        return;
      case 'diagnostic': {
        this.relevant[idx] = 1;
        const text = line.text.replace(/^#\s?/, '');
        if (!isSelftestsLine(text)) return;
        const block = this.stack.find((b) => comparePositions(b.pos, line.pos) === 0);
        if (block) block.hint = text;
        return;
      }
      case 'version':
      case 'plan':
      case 'subtest': {
        if (line.kind === 'subtest') this.relevant[idx] = 1;
        const settled = this.settle(line.pos, idx);
        if (!settled) return;
        const { block, opened } = settled;
        const started = block.plan !== undefined || block.seen.size > 0 || block.pending.length > 0;
        // A second document (or subtest) at one level: finish the first one's plan.
        if (!opened && (line.kind === 'plan' ? block.plan !== undefined : started)) {
          this.closeSegment(block, idx);
        }
        if (line.kind === 'subtest') block.name = line.name;
        if (line.kind === 'plan') this.setPlan(block, line.count);
        return;
      }
      case 'result': {
        this.relevant[idx] = 1;
        const settled = this.settle(line.pos, idx);
        if (settled) this.addResult(settled.block, line, idx);
        return;
      }
      default: {
        const unhandled: never = line;
        return unhandled;
      }
    }
  }

  /** Closes blocks deeper than `pos` and returns the block at `pos`, opening it if needed. */
  private settle(pos: Position, idx: number): { block: Block; opened: boolean } | undefined {
    let closed: Node[] = [];
    let closedName: string | undefined;
    for (let top = this.stack.at(-1); top && this.stack.length > 1; top = this.stack.at(-1)) {
      if (comparePositions(top.pos, pos) <= 0) break;
      this.stack.pop();
      this.closeSegment(top, idx);
      const parent = this.stack.at(-1);
      if (parent && comparePositions(parent.pos, pos) > 0) {
        append(parent.pending, top.nodes);
        parent.pendingName ??= top.name;
      } else {
        closed = top.nodes;
        closedName = top.name;
      }
    }
    const top = this.stack.at(-1);
    if (!top) return undefined;
    if (comparePositions(top.pos, pos) >= 0) {
      append(top.pending, closed);
      top.pendingName ??= closedName;
      return { block: top, opened: false };
    }
    if (this.stack.length >= LIMITS.maxDepth) {
      append(top.pending, closed);
      this.diagnostics.addOnce('depth', `nesting deeper than ${LIMITS.maxDepth} levels ignored`);
      return undefined;
    }
    const block = newBlock(pos, idx);
    block.pending = closed;
    block.pendingName = closedName;
    this.stack.push(block);
    return { block, opened: true };
  }

  private setPlan(block: Block, count: number): void {
    if (count > LIMITS.maxResults) {
      this.diagnostics.add(`plan 1..${count} is implausibly large; no missing results derived`);
      return;
    }
    block.plan = count;
  }

  private addResult(block: Block, line: Extract<KtapLine, { kind: 'result' }>, idx: number): void {
    const key = `${line.ok}|${line.number}|${line.description}|${line.directive}|${line.directiveText}`;
    if (block.seenLines.has(key)) {
      this.relevant[idx] = 0;
      this.diagnostics.addOnce(
        `repeat:${key}`,
        `repeated result line ignored: ${clipLine(this.lines[idx] ?? '').trim()}`,
      );
      return;
    }
    if (block.seenLines.size < LIMITS.maxResults) block.seenLines.add(key);
    const n = line.number;
    const rawStatus = (line.ok ? 'ok' : 'not ok') + (line.directive ? ` # ${line.directive}` : '');
    const logLines = [...this.window(block.windowStart, idx), clipLine(this.lines[idx] ?? '')];
    this.push(block, {
      segments: this.nameFor(line, block.pendingName),
      status: ktapStatus(line.ok, line.directive),
      rawStatus,
      logLines,
      children: block.pending,
    });
    block.pending = [];
    block.pendingName = undefined;
    block.hint = undefined;
    block.windowStart = idx + 1;
    block.seen.add(n);
    block.nextNumber = n + 1;
  }

  private nameFor(line: Extract<KtapLine, { kind: 'result' }>, subtestName?: string): string[] {
    const fallback = `test_${line.number}`;
    if (line.description) return descriptionSegments(line.description, fallback);
    if (subtestName) return [segmentOr(subtestName, fallback)];
    // kselftest writes `ok 3 # SKIP CLOCK_MONOTONIC_RAW`: a one-word reason is the test's name.
    if (line.directive && /^[^\s#]+$/.test(line.directiveText)) {
      return [segmentOr(line.directiveText, fallback)];
    }
    return [fallback];
  }

  /** Finishes a block's current document: a parent for orphaned subtests, MISS entries. */
  private closeSegment(block: Block, idx: number): void {
    if (block.pending.length > 0) {
      const fallback = `test_${block.nextNumber}`;
      const segments = block.pendingName
        ? [segmentOr(block.pendingName, fallback)]
        : block.hint
          ? descriptionSegments(block.hint, fallback)
          : [fallback];
      this.diagnostics.add(
        `no result line for ${segments.join('.')} after its subtests (output cut short?): reported as ERROR`,
      );
      this.push(block, {
        segments,
        status: 'ERROR',
        rawStatus: 'incomplete',
        logLines: this.window(block.windowStart, idx),
        children: block.pending,
      });
      block.seen.add(block.nextNumber);
      block.pending = [];
      block.pendingName = undefined;
    }
    if (block.plan !== undefined) this.addMissing(block);
    block.plan = undefined;
    block.seen = new Set();
    block.seenLines = new Set();
    block.nextNumber = 1;
    block.windowStart = idx;
  }

  private addMissing(block: Block): void {
    const plan = block.plan ?? 0;
    let added = 0;
    for (let n = 1; n <= plan; n++) {
      if (block.seen.has(n)) continue;
      if (added >= LIMITS.maxMissingPerPlan) {
        this.diagnostics.add(
          `more than ${LIMITS.maxMissingPerPlan} planned results missing; rest not listed`,
        );
        break;
      }
      added++;
      this.push(block, {
        segments: [`missing_${n}`],
        status: 'MISS',
        rawStatus: 'missing',
        logLines: [],
        children: [],
      });
    }
    if (added > 0)
      this.diagnostics.add(`plan 1..${plan}: ${added} planned results never reported (MISS)`);
    const beyond = [...block.seen].filter((n) => n > plan).length;
    if (beyond > 0) this.diagnostics.add(`plan 1..${plan}: ${beyond} results numbered beyond it`);
  }

  private push(block: Block, node: Node): void {
    if (this.count >= LIMITS.maxResults) {
      this.diagnostics.addOnce(
        'max-results',
        `more than ${LIMITS.maxResults} results; the rest were dropped`,
      );
      return;
    }
    this.count++;
    block.nodes.push(node);
  }

  /** Relevant lines (diagnostics, results) in [start, end), the last ones first cut. */
  private window(start: number, end: number): string[] {
    const picked: string[] = [];
    const stop = Math.max(start, end - MAX_WINDOW_SCAN);
    for (let i = end - 1; i >= stop && picked.length < LIMITS.maxLogLines - 1; i--) {
      if (this.relevant[i] === 1) picked.push(clipLine(this.lines[i] ?? ''));
    }
    return picked.reverse();
  }

  private finish(idx: number): Node[] {
    for (let child = this.stack.pop(); child; child = this.stack.pop()) {
      this.closeSegment(child, idx);
      const parent = this.stack.at(-1);
      if (!parent) return child.nodes;
      append(parent.pending, child.nodes);
      parent.pendingName ??= child.name;
    }
    return [];
  }
}

function newBlock(pos: Position, idx: number): Block {
  return {
    pos,
    nodes: [],
    pending: [],
    seen: new Set(),
    seenLines: new Set(),
    nextNumber: 1,
    windowStart: idx,
  };
}
