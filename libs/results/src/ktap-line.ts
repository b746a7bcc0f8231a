/**
 * One line of KTAP / TAP / kselftest output, classified. A line's *position* says how deep it
 * is nested: one number per `# ` prefix level (kselftest nests a test's own output behind
 * `# `), each the indentation width at that level (KTAP nests by indentation; tab = 8).
 * Positions compare lexicographically, a longer one being deeper than its prefix.
 */
import { LIMITS } from './limits.js';
import type { KtapDirective } from './status-map.js';

export type Position = readonly number[];

export type KtapLine =
  | { kind: 'version'; pos: Position }
  | { kind: 'plan'; pos: Position; count: number }
  | { kind: 'subtest'; pos: Position; name: string }
  | {
      kind: 'result';
      pos: Position;
      ok: boolean;
      number: number;
      description: string;
      directive: KtapDirective | undefined;
      /** Text after the directive word (the reason), or after `#` when there is no directive. */
      directiveText: string;
    }
  | { kind: 'diagnostic'; pos: Position; text: string }
  | { kind: 'noise' };

// All anchored (sticky), with bounded or non-overlapping quantifiers: linear on any line.
const TIMESTAMP = /^(?:<\d{1,3}>)?\[\s{0,20}\d{1,10}\.\d{1,9}\](?:\[\s{0,10}[TC]\d{1,10}\])? ?/;
const VERSION = /K?TAP version \d{1,6}$/y;
const PLAN = /1\.\.(\d{1,9})(?:[ \t]*#.*)?$/sy;
const SUBTEST = /# Subtest:[ \t]*(.*)$/sy;
const RESULT = /(not ok|ok) +(\d{1,9})(?![0-9A-Za-z_])(.*)$/sy;
const MAX_INDENT = LIMITS.maxDepth * 16;
const DIRECTIVE = /^(skip[a-z]*|todo|xfail|timeout|error)(?![a-z])[:\s]*(.*)$/is;

/** Positive when `a` is deeper than `b`, negative when shallower, 0 when equal. */
export function comparePositions(a: Position, b: Position): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Classifies one raw line (dmesg timestamps and trailing whitespace are ignored). */
export function classifyKtapLine(raw: string): KtapLine {
  let s = raw.trimEnd();
  const stamp = TIMESTAMP.exec(s.slice(0, 64));
  if (stamp) s = s.slice(stamp[0].length);

  // Candidate starts: after 0, 1, 2, ... `# ` prefixes, each with its position.
  const starts: number[] = [];
  const positions: number[][] = [];
  let i = 0;
  let pos: number[] = [];
  for (;;) {
    let width = 0;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) {
      width += s[i] === '\t' ? 8 : 1;
      i++;
      // Deeper than any nesting we follow: not worth reading further.
      if (width > MAX_INDENT) return { kind: 'noise' };
    }
    pos = [...pos, width];
    starts.push(i);
    positions.push(pos);
    const next = s[i + 1];
    if (s[i] !== '#' || (next !== undefined && next !== ' ') || starts.length > LIMITS.maxDepth) {
      break;
    }
    i += next === undefined ? 1 : 2;
  }

  // The deepest reading that is a structural line wins: `# ok 1 x` is a nested result.
  for (let j = starts.length - 1; j >= 0; j--) {
    const line = structural(s, starts[j] ?? 0, positions[j] ?? []);
    if (line) return line;
  }
  // Not structural: text behind a `#` is a diagnostic of the level that `#` sits at.
  const last = starts.length - 1;
  const at = s[starts[last] ?? 0] === '#' ? last : last - 1;
  if (at < 0) return { kind: 'noise' };
  return { kind: 'diagnostic', pos: positions[at] ?? [], text: s.slice(starts[at] ?? 0) };
}

function structural(s: string, at: number, pos: Position): KtapLine | undefined {
  const first = s[at];
  if (first === 'K' || first === 'T') {
    VERSION.lastIndex = at;
    if (VERSION.test(s)) return { kind: 'version', pos };
  } else if (first === '1') {
    PLAN.lastIndex = at;
    const m = PLAN.exec(s);
    if (m) return { kind: 'plan', pos, count: Number(m[1]) };
  } else if (first === '#') {
    SUBTEST.lastIndex = at;
    const m = SUBTEST.exec(s);
    if (m) return { kind: 'subtest', pos, name: (m[1] ?? '').trim() };
  } else if (first === 'o' || first === 'n') {
    RESULT.lastIndex = at;
    const m = RESULT.exec(s);
    if (m) return resultLine(pos, m[1] === 'ok', Number(m[2]), m[3] ?? '');
  }
  return undefined;
}

function resultLine(pos: Position, ok: boolean, number: number, rest: string): KtapLine {
  const hash = rest.indexOf('#');
  let description = (hash < 0 ? rest : rest.slice(0, hash)).trim();
  if (description.startsWith('- ') || description === '-')
    description = description.slice(1).trim();
  const comment = hash < 0 ? '' : rest.slice(hash + 1).trim();
  const m = DIRECTIVE.exec(comment);
  const word = m?.[1]?.toUpperCase();
  const directive: KtapDirective | undefined = word?.startsWith('SKIP')
    ? 'SKIP'
    : word === 'TODO' || word === 'XFAIL' || word === 'TIMEOUT' || word === 'ERROR'
      ? word
      : undefined;
  const directiveText = directive ? (m?.[2] ?? '').trim() : comment;
  return { kind: 'result', pos, ok, number, description, directive, directiveText };
}
