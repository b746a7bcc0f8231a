/**
 * Golden tests: every input under fixtures/<format>/{ok,not-ok}/ is parsed and the outcome
 * compared with `<case>.expected.json` beside it. After a deliberate change, regenerate with
 * `npx vitest run --project unit libs/results -u` and review the diff by eye.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseKtap } from './ktap.js';
import { parseLavaResults } from './lava.js';
import { parseLtp } from './ltp.js';
import { parseTuxsuiteResults } from './tuxsuite.js';
import type { ParseOutcome } from './types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** How each format's fixture files are read: which extensions are inputs, and the call. */
const FORMATS: Record<
  string,
  { inputs: RegExp; parse: (text: string, file: string) => ParseOutcome }
> = {
  ktap: { inputs: /\.log$/, parse: (text) => parseKtap(text) },
  ltp: { inputs: /\.(log|json)$/, parse: (text) => parseLtp(text) },
  tuxsuite: {
    inputs: /\.json$/,
    parse: (text, file) => {
      const options = file.replace(/\.json$/, '.options.json');
      const testNames = existsSync(options) ? readJson(options).testNames : undefined;
      return parseTuxsuiteResults(JSON.parse(text), Array.isArray(testNames) ? { testNames } : {});
    },
  },
  lava: {
    inputs: /\.json$/,
    parse: (text) => {
      const body = JSON.parse(text) as { results: Record<string, string>; health_string: string };
      return parseLavaResults(body.results, body.health_string);
    },
  },
};

/** Files beside inputs that are not inputs themselves. */
const NOT_INPUT = /\.(expected|options)\.[a-z]+$/;

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Every input fixture, as [format, verdict, file name]. */
function fixtureInputs(): [string, string, string][] {
  return Object.entries(FORMATS).flatMap(([format, { inputs }]) =>
    ['ok', 'not-ok'].flatMap((verdict) =>
      readdirSync(join(FIXTURES, format, verdict))
        .filter((name) => inputs.test(name) && !NOT_INPUT.test(name))
        .sort()
        .map((name): [string, string, string] => [format, verdict, name]),
    ),
  );
}

/** The parse of one fixture. */
function parseFixture(format: string, verdict: string, name: string): ParseOutcome {
  const file = join(FIXTURES, format, verdict, name);
  const reader = FORMATS[format];
  if (!reader) throw new Error(`no reader for ${format}`);
  return reader.parse(readFileSync(file, 'utf8'), file);
}

describe('golden fixtures', () => {
  const inputs = fixtureInputs();

  it('has fixtures for every format, ok and not-ok', () => {
    for (const format of Object.keys(FORMATS)) {
      for (const verdict of ['ok', 'not-ok']) {
        expect(
          inputs.some(([f, v]) => f === format && v === verdict),
          `${format}/${verdict}`,
        ).toBe(true);
      }
    }
  });

  it.each(inputs)('%s/%s/%s matches its expected parse', async (format, verdict, name) => {
    const outcome = parseFixture(format, verdict, name);
    const expected = join(FIXTURES, format, verdict, name.replace(/\.[a-z]+$/, '.expected.json'));
    await expect(`${JSON.stringify(outcome, null, 2)}\n`).toMatchFileSnapshot(expected);
  });
});
