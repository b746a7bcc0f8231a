/**
 * The text shapes of LTP output, read in one pass: ltp-pan/runltp blocks, the runltp `-l`
 * table, kirk's console lines, and plain test-library lines (`file.c:12: TPASS: ...`).
 */
import type { KcidbStatus } from '@kci-bridge/kcidb';
import type { Diagnostics } from './diagnostics.js';
import { LIMITS } from './limits.js';
import { ltpExitStatus, ltpResultStatus } from './status-map.js';
import { clipLine, tailLines, toDuration } from './text.js';

export type LtpShape = 'pan' | 'kirk-json' | 'table' | 'kirk-console' | 'plain';

/** One test as one shape of output reported it, before names are sanitised. */
export interface LtpEntry {
  shape: LtpShape;
  name: string;
  status: KcidbStatus;
  rawStatus: string;
  logLines: string[];
  durationSeconds?: number;
}

interface PanBlock {
  name?: string;
  section: 'head' | 'output' | 'status';
  output: string[];
  words: Set<string>;
  terminationType?: string;
  terminationId?: number;
  duration?: number;
}

interface PlainGroup {
  name?: string;
  words: Set<string>;
  lines: string[];
}

// Anchored, bounded or disjoint quantifiers only: linear on any line.
const NEW_API = /^([\w+./-]{1,200}):\d{1,9}: T?(PASS|FAIL|BROK|CONF|WARN|INFO)\b/;
const OLD_API = /^(\S{1,200})\s+\d{1,9}\s+T(PASS|FAIL|BROK|CONF|WARN|INFO)\s*:/;
const TABLE_HEADER = /^Testcase\s+Result\s+Exit Value$/;
const TABLE_RULE = /^-+(?:\s+-+)*$/;
const TABLE_ROW = /^(\S{1,200})\s+(PASS|FAIL|CONF|BROK|WARN)\s+(-?\d{1,9})$/;
const KIRK_LINE =
  /^([\w.+-]{1,200}): (pass|fail|skip|broken|timed out|kernel panic|SUT not responding)(?: \| tainted)?(?: +\(([^()]{0,40})\))?$/;
const ANSI = /\u001b\[[0-9;]{0,20}[A-Za-z]/g;
const KEY_VALUE = /^(\w{1,40})=(\S*)$/;

/** Reads every text shape of LTP output from `lines`. */
export function scanLtpText(lines: readonly string[], diagnostics: Diagnostics): LtpEntry[] {
  const scanner = new LtpScanner(diagnostics);
  for (const line of lines) scanner.line(line.trimEnd());
  scanner.end();
  return scanner.entries;
}

class LtpScanner {
  readonly entries: LtpEntry[] = [];
  private block: PanBlock | undefined;
  /** Inside a runltp `-l` table: rows read so far, or undefined outside one. */
  private tableRows: number | undefined;
  private plain: PlainGroup | undefined;

  constructor(private readonly diagnostics: Diagnostics) {}

  line(line: string): void {
    if (line === '<<<test_start>>>') {
      this.endBlock();
      this.flushPlain();
      this.block = { section: 'head', output: [], words: new Set() };
      return;
    }
    if (this.block) {
      this.blockLine(this.block, line);
      return;
    }
    if (this.tableRows !== undefined) {
      const row = TABLE_ROW.exec(line);
      if (row) {
        const word = row[2] ?? '';
        this.add({
          shape: 'table',
          name: row[1] ?? '',
          status: ltpResultStatus(word),
          rawStatus: word,
          logLines: [clipLine(line)],
        });
        this.tableRows++;
        return;
      }
      // The rule under the header; any other line (or the closing rule) ends the table.
      if (this.tableRows === 0 && TABLE_RULE.test(line)) return;
      this.tableRows = undefined;
    }
    if (TABLE_HEADER.test(line)) {
      this.flushPlain();
      this.tableRows = 0;
      return;
    }
    const clean = line.includes('\u001b') ? line.replace(ANSI, '') : line;
    const kirk = KIRK_LINE.exec(clean);
    if (kirk) {
      this.flushPlain();
      const word = kirk[2] ?? '';
      const entry: LtpEntry = {
        shape: 'kirk-console',
        name: kirk[1] ?? '',
        status: ltpResultStatus(word),
        rawStatus: word,
        logLines: [clipLine(clean)],
      };
      const duration = kirk[3] === undefined ? undefined : parseKirkDuration(kirk[3]);
      if (duration !== undefined) entry.durationSeconds = duration;
      this.add(entry);
      return;
    }
    // LTP prints a Summary at the end of every test: the next lines are another test's.
    if (line === 'Summary:') this.flushPlain();
    else this.plainLine(line);
  }

  end(): void {
    this.endBlock();
    this.flushPlain();
  }

  private blockLine(block: PanBlock, line: string): void {
    switch (line) {
      case '<<<test_output>>>':
        block.section = 'output';
        return;
      case '<<<execution_status>>>':
        block.section = 'status';
        return;
      case '<<<test_end>>>':
        this.endBlock();
        return;
    }
    if (block.section === 'head') {
      const tag = /^tag=(\S{1,200})/.exec(line);
      if (tag) block.name = tag[1];
    } else if (block.section === 'output') {
      block.output.push(line);
      if (block.output.length > 2 * LIMITS.maxLogLines) block.output.splice(0, LIMITS.maxLogLines);
      const word = resultWord(line);
      if (word) block.words.add(word.word);
    } else {
      for (const field of line.split(/\s+/, 16)) {
        const kv = KEY_VALUE.exec(field);
        if (!kv) continue;
        const value = kv[2] ?? '';
        if (kv[1] === 'termination_type') block.terminationType = value;
        if (kv[1] === 'termination_id' && /^-?\d{1,9}$/.test(value))
          block.terminationId = Number(value);
        if (kv[1] === 'duration') block.duration = toDuration(value);
      }
    }
  }

  private endBlock(): void {
    const block = this.block;
    this.block = undefined;
    if (!block) return;
    if (!block.name) {
      this.diagnostics.add('ltp-pan block without tag= ignored');
      return;
    }
    const entry: LtpEntry = {
      shape: 'pan',
      name: block.name,
      status: 'ERROR',
      rawStatus: '',
      logLines: tailLines(block.output),
    };
    if (block.terminationType !== undefined && block.terminationId !== undefined) {
      entry.status = ltpExitStatus(block.terminationType, block.terminationId);
      entry.rawStatus =
        block.terminationType === 'exited'
          ? `termination_id=${block.terminationId}`
          : `termination_type=${block.terminationType} termination_id=${block.terminationId}`;
    } else {
      // Cut short before <<<execution_status>>>: only a failure already printed is a verdict.
      const failed = block.words.has('FAIL')
        ? 'TFAIL'
        : block.words.has('BROK')
          ? 'TBROK'
          : undefined;
      entry.status = failed ? ltpResultStatus(failed) : 'ERROR';
      entry.rawStatus = failed ?? 'incomplete';
      this.diagnostics.add(
        `${block.name}: no execution status (output cut short?), reported as ${entry.status}`,
      );
    }
    if (block.duration !== undefined) entry.durationSeconds = block.duration;
    this.add(entry);
  }

  private plainLine(line: string): void {
    const found = resultWord(line);
    if (!found) return;
    let group = this.plain;
    if (found.name && group?.name !== undefined && group.name !== found.name) {
      this.flushPlain();
      group = undefined;
    }
    group ??= this.plain = { words: new Set(), lines: [] };
    group.name ??= found.name;
    group.words.add(found.word);
    group.lines.push(clipLine(line));
    if (group.lines.length > 2 * LIMITS.maxLogLines) group.lines.splice(0, LIMITS.maxLogLines);
  }

  private flushPlain(): void {
    const group = this.plain;
    this.plain = undefined;
    if (!group) return;
    // LTP's own rule: a skip only counts when nothing passed (tst_test.c do_exit()).
    const decisive = ['FAIL', 'BROK', 'PASS', 'CONF', 'WARN'].find((w) => group.words.has(w));
    if (!decisive) return;
    if (group.name === undefined) {
      this.diagnostics.addOnce('plain-unnamed', 'LTP library lines with no test name ignored');
      return;
    }
    const raw = `T${decisive}`;
    this.add({
      shape: 'plain',
      name: group.name,
      status: ltpResultStatus(raw),
      rawStatus: raw,
      logLines: tailLines(group.lines),
    });
  }

  private add(entry: LtpEntry): void {
    if (this.entries.length >= LIMITS.maxResults) {
      this.diagnostics.addOnce(
        'max-results',
        `more than ${LIMITS.maxResults} results; the rest were dropped`,
      );
      return;
    }
    this.entries.push(entry);
  }
}

/** The T-word of a test-library line and, unless it is a library file, the test's name. */
function resultWord(line: string): { word: string; name?: string } | undefined {
  const newApi = NEW_API.exec(line);
  if (newApi) {
    const base = (newApi[1] ?? '').replace(/^.*\//, '').replace(/\.[ch]$/, '');
    const library = base.startsWith('tst_') || base.startsWith('safe_');
    return library ? { word: newApi[2] ?? '' } : { word: newApi[2] ?? '', name: base };
  }
  const oldApi = OLD_API.exec(line);
  if (oldApi) return { word: oldApi[2] ?? '', name: oldApi[1] ?? '' };
  return undefined;
}

/** kirk's `1h 0m 10s`, `1m 39s` or `1.585s` in seconds. */
function parseKirkDuration(text: string): number | undefined {
  let total = 0;
  let any = false;
  for (const m of text.matchAll(/(\d{1,9}(?:\.\d{1,9})?)([hms])/g)) {
    const value = Number(m[1]);
    total += m[2] === 'h' ? value * 3600 : m[2] === 'm' ? value * 60 : value;
    any = true;
  }
  return any ? Math.round(total * 1000) / 1000 : undefined;
}
