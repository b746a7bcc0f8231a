import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanScratch, cli } from '../../test/harness.js';

afterAll(cleanScratch);

const fixtures = resolve(import.meta.dirname, '../../../libs/results/fixtures');

/** The parsers' golden fixtures, by folder, and the --format that reads them. */
const FOLDERS = {
  ktap: { format: 'ktap', inputs: /\.log$/ },
  ltp: { format: 'ltp', inputs: /\.(log|json)$/ },
  tuxsuite: { format: 'tuxsuite-results', inputs: /\.json$/ },
  lava: { format: 'lava-callback', inputs: /\.json$/ },
} as const;

// tuxsuite/not-ok/wrong-shapes passes a number among the test names, which a command line cannot.
const NOT_FROM_A_COMMAND_LINE = new Set(['wrong-shapes.json']);

const cases = Object.entries(FOLDERS).flatMap(([folder, { format, inputs }]) =>
  ['ok', 'not-ok'].flatMap((verdict) =>
    readdirSync(join(fixtures, folder, verdict))
      .filter((f) => inputs.test(f) && !/\.(expected|options)\.json$/.test(f))
      .filter((f) => !(folder === 'tuxsuite' && NOT_FROM_A_COMMAND_LINE.has(f)))
      .sort()
      .map((name) => ({ label: `${folder}/${verdict}/${name}`, folder, verdict, name, format })),
  ),
);

describe('parse: what the services parse, for a person to read', () => {
  it('covers every format, ok and not-ok', () => {
    for (const folder of Object.keys(FOLDERS)) {
      expect(cases.filter((c) => c.folder === folder).length).toBeGreaterThan(1);
    }
  });

  it.each(cases)(
    '$label prints its golden parse, exit 0 if any result was found, else 1',
    async ({ folder, verdict, name, format }) => {
      const file = join(fixtures, folder, verdict, name);
      const optionsFile = file.replace(/\.json$/, '.options.json');
      const testNames =
        folder === 'tuxsuite' && existsSync(optionsFile)
          ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as { testNames?: unknown }).testNames
          : undefined;
      const extra =
        Array.isArray(testNames) && testNames.length > 0
          ? ['--test-names', testNames.join(',')]
          : [];
      const { code, stdout, stderr } = await cli(['parse', '--format', format, file, ...extra]);
      const expected = readFileSync(file.replace(/\.[a-z]+$/, '.expected.json'), 'utf8');
      expect(stdout).toBe(expected);
      const found = (JSON.parse(expected) as { results: unknown[] }).results.length > 0;
      expect(code).toBe(found ? 0 : 1);
      expect(stderr).toBe(found ? '' : `error: no test result found in ${file} as ${format}\n`);
    },
  );

  it('reads stdin for -', async () => {
    const log = join(fixtures, 'ktap/ok/kselftest-nested-ktap.log');
    const { code, stdout } = await cli(['parse', '--format', 'ktap', '-'], {
      stdin: readFileSync(log, 'utf8'),
    });
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(log.replace(/\.log$/, '.expected.json'), 'utf8'));
  });

  it('says what is wrong with a LAVA callback that is not an object', async () => {
    const { code, stdout } = await cli(['parse', '--format', 'lava-callback', '-'], {
      stdin: '[1, 2]',
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      results: [],
      diagnostics: ['a LAVA callback body is a JSON object'],
    });
  });

  it.each([
    [['parse', 'x.log'], /required option '--format <format>' not specified/],
    [['parse', '--format', 'junit', 'x.log'], /argument 'junit' is invalid. Allowed choices are/],
    [['parse', '--format', 'ktap'], /missing required argument 'file'/],
    [['parse', '--format', 'ktap', 'does-not-exist.log'], /file does-not-exist.log: no such file/],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
