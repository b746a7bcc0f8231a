import { describe, expect, it } from 'vitest';
import { LineSplitter, LineTail, prefixLine } from './lines.js';

describe('LineSplitter', () => {
  it('joins lines split across chunks and holds back the partial one', () => {
    const s = new LineSplitter();
    expect(s.push('{"level":30,"msg":"he')).toEqual([]);
    expect(s.push('llo"}\n{"a":1}\r\npart')).toEqual(['{"level":30,"msg":"hello"}', '{"a":1}']);
    expect(s.flush()).toEqual(['part']);
    expect(s.flush()).toEqual([]);
  });

  it('keeps empty lines', () => {
    expect(new LineSplitter().push('a\n\nb\n')).toEqual(['a', '', 'b']);
  });
});

describe('LineTail', () => {
  it('keeps the last lines only', () => {
    const t = new LineTail(2);
    ['1', '2', '3'].forEach((l) => t.add(l));
    expect(t.snapshot()).toEqual(['2', '3']);
  });
});

describe('prefixLine', () => {
  it('leaves a JSON line intact after the prefix', () => {
    const line = '{"level":30,"correlationId":"c1","msg":"ready"}';
    const out = prefixLine('gateway', line);
    expect(out).toBe(`[gateway] ${line}`);
    expect(JSON.parse(out.slice('[gateway] '.length))).toMatchObject({ msg: 'ready' });
  });
});
