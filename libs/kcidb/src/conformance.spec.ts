/**
 * Our schema against upstream kcidb-io's, on a corpus: the upstream samples and
 * hand-written documents aimed at each rule. Both must give the same verdict,
 * and the verdict must match the folder a document sits in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { addKcidbFormats } from './formats.js';
import { validateReport } from './validator.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

// A separate instance, as kcidb-io runs it: draft-07 with format checking on. The
// formats are the shared, production-matching ones (see formats.ts): this spec is
// about the schemas agreeing; formats.spec.ts pins the format rules themselves.
const upstreamAjv = addKcidbFormats(new Ajv({ allErrors: true }));
const upstreamValidate = upstreamAjv.compile(
  readJson(join(fixtures, 'upstream/kcidb-io-v05_03.schema.json')) as object,
);

interface Case {
  name: string;
  file: string;
  expectValid: boolean;
}

function upstreamSamples(): Case[] {
  const dir = join(fixtures, 'upstream/samples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      name: `upstream/${f}`,
      file: join(dir, f),
      expectValid: /-v5\.\d+\.json$/.test(f),
    }));
}

function handWritten(verdict: 'valid' | 'invalid'): Case[] {
  const dir = join(fixtures, 'conformance', verdict);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .sort()
    .map((f) => ({
      name: `${verdict}/${f}`,
      file: join(dir, f),
      expectValid: verdict === 'valid',
    }));
}

const corpus = [...upstreamSamples(), ...handWritten('valid'), ...handWritten('invalid')];

describe('conformance with upstream kcidb-io v5.3', () => {
  it('has a corpus big enough to cover every rule', () => {
    expect(upstreamSamples().filter((c) => c.expectValid)).toHaveLength(3);
    expect(upstreamSamples().filter((c) => !c.expectValid)).toHaveLength(2);
    expect(handWritten('valid').length + handWritten('invalid').length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)('$name: same verdict as upstream, and as its folder', ({ file, expectValid }) => {
    const doc = readJson(file);
    const ours = validateReport(doc, { schemaOnly: true });
    const upstream = upstreamValidate(doc);
    expect({ ours: ours.valid, upstream }).toEqual({ ours: expectValid, upstream: expectValid });
    expect(ours.errors.length === 0).toBe(ours.valid);
    expect(ours.warnings).toEqual([]);
  });

  it.each(handWritten('invalid'))('$name: reports the issues in its .expected.json', ({ file }) => {
    const expected = readJson(file.replace(/\.json$/, '.expected.json'));
    expect(validateReport(readJson(file), { schemaOnly: true }).errors).toEqual(expected);
  });

  it('has an .expected.json for every invalid case and no stray one', () => {
    const dir = join(fixtures, 'conformance/invalid');
    const names = readdirSync(dir);
    const cases = names
      .filter((f) => !f.endsWith('.expected.json'))
      .map((f) => f.replace(/\.json$/, ''));
    const golden = names
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.replace(/\.expected\.json$/, ''));
    expect(golden.sort()).toEqual(cases.sort());
  });
});
