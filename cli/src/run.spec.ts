import { afterAll, describe, expect, it } from 'vitest';
import { cleanScratch, cli } from '../test/harness.js';
import { commandPath } from './run.js';

afterAll(cleanScratch);

describe('commandPath: which command to declare options for', () => {
  it.each([
    [[], []],
    [['--help'], []],
    [
      ['submit', 'build', '--dry-run'],
      ['submit', 'build'],
    ],
    [
      ['--json', '--settings', 'submit', 'submit', 'tests'],
      ['submit', 'tests'],
    ],
    [
      ['--settings=x.toml', '-v', 'parse', 'file.log'],
      ['parse', 'file.log'],
    ],
    [['submit'], ['submit']],
    [
      ['validate', 'a.json', 'b.json'],
      ['validate', 'a.json'],
    ],
  ])('%j names %j', (argv, path) => {
    expect(commandPath(argv)).toEqual(path);
  });

  it.each([[['sumbit', 'build']], [['help', 'submit', 'build']], [['submit', 'help', 'tests']]])(
    '%j declares everything',
    (argv) => {
      expect(commandPath(argv)).toBeUndefined();
    },
  );
});

describe('help of every command shows its options', () => {
  it.each([
    [
      ['submit', 'build', '--help'],
      ['--build-run-id', '--via <url>', '--from-json'],
    ],
    [
      ['submit', 'tests', '--help'],
      ['--ktap <file>', '--test-uid <uid>', '--via <url>'],
    ],
    [
      ['submit', 'help', 'tests'],
      ['--ktap <file>', '--ltp <file>'],
    ],
    [
      ['parse', '--help'],
      ['--format <format>', '--test-names <names>', 'lava-callback'],
    ],
    [['--help'], ['parse <file>', 'submit', 'validate [options] <file...>']],
  ])('%j', async (argv, wanted) => {
    const { code, stdout } = await cli(argv);
    expect(code).toBe(0);
    for (const text of wanted) expect(stdout).toContain(text);
  });

  it('suggests the command meant', async () => {
    const { code, stderr } = await cli(['sumbit', 'build']);
    expect(code).toBe(2);
    expect(stderr).toContain('(Did you mean submit?)');
  });
});
