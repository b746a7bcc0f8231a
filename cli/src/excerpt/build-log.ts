/**
 * `log_excerpt` from a local kernel build log (`--log-path`): the lines that say why the
 * build failed, with a few lines of context, within KCIDB's 16384 characters. A build log's
 * first error is usually the cause and later ones its cascade, so when everything does not
 * fit, the earliest errors are kept. A log with no failing line gives its tail instead.
 */
import { KCIDB_LOG_EXCERPT_MAX, logExcerpt } from '@kci-bridge/kcidb';

/** Lines that report a failure: compiler, assembler, linker, modpost, make and kconfig. */
const ERROR_PATTERNS: readonly RegExp[] = [
  /\berror:/i, // gcc/clang "error:" and "fatal error:", modpost "ERROR:", as "Error:"
  /\bError \d+\b/, // make: *** [Makefile:1234: vmlinux] Error 2
  /\*\*\* /, // make and kconfig "*** " lines
  /undefined reference to\b/,
  /multiple definition of\b/,
  /internal compiler error/i,
  /No rule to make target/,
  /(?:all|some) warnings being treated as errors/,
  /Segmentation fault|Killed signal terminated program/,
];
const WARNING_PATTERNS: readonly RegExp[] = [/\bwarning:/i];

// CSI escape sequences: compilers colour their diagnostics on a terminal.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const SEPARATOR = '[...]';
// Room kept for the note that says how many failing lines were left out.
const NOTE_ROOM = 64;

/** How many lines of context to keep around a failing line. */
export interface ExcerptOptions {
  before?: number;
  after?: number;
  max?: number;
}

/** The excerpt and what it was made of (for `--verbose`). */
export interface BuildLogExcerpt {
  excerpt: string;
  errorLines: number;
  warningLines: number;
  /** Failing lines left out because the excerpt would have been too long. */
  omittedLines: number;
  tail: boolean;
}

interface Group {
  start: number;
  end: number; // inclusive
  failing: number;
}

/** The failing lines of a build log with context, or its tail when no line fails. */
export function buildLogExcerpt(log: string, options: ExcerptOptions = {}): BuildLogExcerpt {
  const max = options.max ?? KCIDB_LOG_EXCERPT_MAX;
  const clean = log.replaceAll('\0', '').replace(ANSI_ESCAPE, '');
  const lines = clean.split('\n').map((line) => line.replace(/\r$/, ''));
  // The newline ending the last line does not start another one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const errors: number[] = [];
  const warnings: number[] = [];
  lines.forEach((line, index) => {
    if (ERROR_PATTERNS.some((re) => re.test(line))) errors.push(index);
    else if (WARNING_PATTERNS.some((re) => re.test(line))) warnings.push(index);
  });
  if (errors.length === 0 && warnings.length === 0) {
    return {
      excerpt: logExcerpt(clean, max),
      errorLines: 0,
      warningLines: 0,
      omittedLines: 0,
      tail: true,
    };
  }
  const before = options.before ?? 3;
  const after = options.after ?? 3;
  const counts = { errorLines: errors.length, warningLines: warnings.length, tail: false };
  // Errors and warnings together if they fit, else errors alone, else the earliest errors.
  const everything = groups(
    [...errors, ...warnings].sort((a, b) => a - b),
    lines.length,
    before,
    after,
  );
  const all = render(lines, everything);
  if (all.length <= max) return { excerpt: logExcerpt(all, max), omittedLines: 0, ...counts };
  const errorGroups = errors.length > 0 ? groups(errors, lines.length, before, after) : everything;
  const budget = max - NOTE_ROOM;
  const chosen: Group[] = [];
  let shown = 0;
  for (const group of errorGroups) {
    if (render(lines, [...chosen, group]).length > budget) break;
    chosen.push(group);
    shown += group.failing;
  }
  // Not even the first group fits (a monstrous line): its start, then.
  const first = errorGroups[0];
  if (chosen.length === 0 && first !== undefined) {
    const text = `${headOf(render(lines, [first]), budget)}\n${omissionNote(errors.length + warnings.length)}`;
    return {
      excerpt: logExcerpt(text, max),
      omittedLines: errors.length + warnings.length,
      ...counts,
    };
  }
  const omitted = errors.length + warnings.length - shown;
  const text = `${render(lines, chosen)}\n${omissionNote(omitted)}`;
  return { excerpt: logExcerpt(text, max), omittedLines: omitted, ...counts };
}

function groups(
  indices: readonly number[],
  lineCount: number,
  before: number,
  after: number,
): Group[] {
  const out: Group[] = [];
  for (const index of indices) {
    const start = Math.max(0, index - before);
    const end = Math.min(lineCount - 1, index + after);
    const last = out[out.length - 1];
    if (last !== undefined && start <= last.end + 1) {
      last.end = Math.max(last.end, end);
      last.failing += 1;
    } else {
      out.push({ start, end, failing: 1 });
    }
  }
  return out;
}

function render(lines: readonly string[], chosen: readonly Group[]): string {
  return chosen.map((g) => lines.slice(g.start, g.end + 1).join('\n')).join(`\n${SEPARATOR}\n`);
}

function omissionNote(count: number): string {
  return `[... ${count} more failing or warning line${count === 1 ? '' : 's'} not shown]`;
}

/** The start of a text too long even alone, cut before a lone high surrogate. */
function headOf(text: string, max: number): string {
  let head = text.slice(0, Math.max(0, max));
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return head;
}
