import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeKcidb } from '../../../test/fakes/kcidb/fake-kcidb.js';
import {
  cleanScratch,
  cli,
  kcidbRest,
  scratchDir,
  startKcidb,
  vectorArgs,
} from '../../test/harness.js';
import { COMMAND_LINE_TOKEN_WARNING } from './credentials.js';

// One receiver per place a URL can come from, each behind its own path (`/flag`, `/env`, …): the
// path a request arrives at tells which setting the URL came from, and that the path was kept.
const PLACES = ['flag', 'env', 'config', 'local', 'staging', 'settings', 'home', 'etc'];
const receivers = new Map<string, FakeKcidb>();
const FLAG = 's3cret-flag-token';
const ENV = 's3cret-env-token';
const REST = 's3cret-rest-token';
const CONFIG = 's3cret-config-token';

beforeAll(async () => {
  for (const place of PLACES) receivers.set(place, await startKcidb({ basePath: `/${place}` }));
});
afterAll(async () => {
  await Promise.all([...receivers.values()].map((r) => r.close()));
  cleanScratch();
});
const resetAll = (): void => {
  for (const r of receivers.values()) r.reset();
};
beforeEach(resetAll);

function receiver(path: string): FakeKcidb {
  const found = receivers.get(path.slice(1));
  if (found === undefined) throw new Error(`no receiver at ${path}`);
  return found;
}
/** The URL of the receiver at `path` (`/flag`: http://127.0.0.1:PORT/flag). */
const at = (path: string): string => receiver(path).url;
const withToken = (path: string, token: string) => kcidbRest(receiver(path), token);
/** What every receiver was sent, in arrival order. */
const seen = () =>
  [...receivers.values()]
    .flatMap((r) => r.requests)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());

function kciDevToml(
  instances: Record<string, { path: string; token?: string }>,
  defaultInstance?: string,
): string {
  const lines = defaultInstance ? [`default_instance = "${defaultInstance}"`, ''] : [];
  for (const [name, { path, token }] of Object.entries(instances)) {
    lines.push(
      `[${name}]`,
      'pipeline = "https://kernelci-pipeline.example.org/"',
      `kcidb_rest_url = "${at(path)}/submit"`,
    );
    if (token) lines.push(`kcidb_token = "${token}"`);
    lines.push('');
  }
  return lines.join('\n');
}

/** A cwd, a home and an /etc, each with a kci-dev config if given. */
function world(files: { cwd?: string; home?: string; etc?: string }) {
  const root = scratchDir();
  const cwd = join(root, 'work');
  const home = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(join(home, '.config', 'kci-dev'), { recursive: true });
  if (files.cwd !== undefined) writeFileSync(join(cwd, '.kci-dev.toml'), files.cwd);
  if (files.home !== undefined)
    writeFileSync(join(home, '.config/kci-dev/kci-dev.toml'), files.home);
  const etc = join(root, 'etc-kci-dev.toml');
  if (files.etc !== undefined) writeFileSync(etc, files.etc);
  return { cwd, home, etc };
}

async function send(
  args: string[],
  env: Record<string, string>,
  files: Parameters<typeof world>[0] = {},
) {
  const w = world(files);
  const result = await cli([...vectorArgs(), ...args], {
    cwd: w.cwd,
    env: { HOME: w.home, ...env },
    systemConfigPath: w.etc,
  });
  const request = seen()[0];
  return { ...result, where: request?.path, auth: request?.headers.authorization };
}

/** A token in every place at once (made after the receiver has its port). */
const everything = () => ({
  env: { KCIDB_REST: withToken('/env', REST), KCIDB_TOKEN: ENV },
  files: { cwd: kciDevToml({ local: { path: '/config', token: CONFIG } }, 'local') },
});

describe('credential resolution order', () => {
  it('uses the flags first, and warns about a token on the command line', async () => {
    const r = await send(
      ['--kcidb-rest', at('/flag'), '--kcidb-token', FLAG],
      everything().env,
      everything().files,
    );
    expect(r.code).toBe(0);
    expect([r.where, r.auth]).toEqual(['/flag/submit', `Bearer ${FLAG}`]);
    expect(r.stderr).toContain(COMMAND_LINE_TOKEN_WARNING);
    expect(COMMAND_LINE_TOKEN_WARNING).toContain(
      'visible in your shell history and process list; prefer KCIDB_REST or the config file',
    );
  });

  it("takes kci-dev's --kcidb-rest-url, with the token inside the URL", async () => {
    const r = await send(
      ['--kcidb-rest-url', withToken('/flag', FLAG)],
      everything().env,
      everything().files,
    );
    expect([r.where, r.auth]).toEqual(['/flag/submit', `Bearer ${FLAG}`]);
    expect(r.stderr).toContain(COMMAND_LINE_TOKEN_WARNING);
  });

  it('pairs a --kcidb-rest URL without a token with KCIDB_TOKEN, without a warning', async () => {
    const r = await send(['--kcidb-rest', at('/flag')], everything().env, everything().files);
    expect([r.where, r.auth]).toEqual(['/flag/submit', `Bearer ${ENV}`]);
    expect(r.stderr).not.toContain('warning');
  });

  it('uses KCIDB_REST next, KCIDB_TOKEN winning over the token in its URL', async () => {
    const both = await send([], everything().env, everything().files);
    expect([both.where, both.auth]).toEqual(['/env/submit', `Bearer ${ENV}`]);
    resetAll();
    const restOnly = await send([], { KCIDB_REST: withToken('/env', REST) }, everything().files);
    expect([restOnly.where, restOnly.auth]).toEqual(['/env/submit', `Bearer ${REST}`]);
  });

  it("then kci-dev's config: ./.kci-dev.toml and its default_instance", async () => {
    const r = await send([], {}, everything().files);
    expect([r.where, r.auth]).toEqual(['/config/submit', `Bearer ${CONFIG}`]);
  });

  it('--instance picks another instance of the config', async () => {
    const toml = kciDevToml(
      { local: { path: '/local', token: CONFIG }, staging: { path: '/staging', token: CONFIG } },
      'local',
    );
    const r = await send(['--instance', 'staging'], {}, { cwd: toml });
    expect(r.where).toBe('/staging/submit');
    const missing = await send(['--instance', 'production'], {}, { cwd: toml });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(
      /--instance production: no \[production\] table in .*\.kci-dev\.toml/,
    );
  });

  it('--settings names the file, also given before the command as kci-dev does', async () => {
    const w = world({});
    const settings = join(w.cwd, 'my.toml');
    writeFileSync(settings, kciDevToml({ lab: { path: '/settings', token: CONFIG } }, 'lab'));
    const r = await cli(['--settings', settings, ...vectorArgs()], {
      cwd: w.cwd,
      env: { HOME: w.home },
      systemConfigPath: w.etc,
    });
    expect(r.code).toBe(0);
    expect(seen()[0]?.path).toBe('/settings/submit');
  });

  it('falls back to ~/.config/kci-dev/kci-dev.toml, then /etc/kci-dev.toml', async () => {
    const home = await send(
      [],
      {},
      { home: kciDevToml({ local: { path: '/home', token: CONFIG } }, 'local') },
    );
    expect(home.where).toBe('/home/submit');
    resetAll();
    const etc = await send(
      [],
      {},
      { etc: kciDevToml({ local: { path: '/etc', token: CONFIG } }, 'local') },
    );
    expect(etc.where).toBe('/etc/submit');
  });

  it('reads only the first file found: it does not merge them', async () => {
    const r = await send(
      [],
      {},
      {
        cwd: 'default_instance = "local"\n[local]\npipeline = "https://p.example.org"\n',
        home: kciDevToml({ local: { path: '/home', token: CONFIG } }, 'local'),
      },
    );
    expect(r.code).toBe(4);
    expect(seen()).toHaveLength(0);
    expect(r.stderr).toMatch(/\.kci-dev\.toml has no kcidb_rest_url for instance local/);
  });

  it("never sends the config's token to a URL given elsewhere", async () => {
    const r = await send(['--kcidb-rest', at('/flag')], {}, everything().files);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: --kcidb-rest: no KCIDB token/m);
  });

  it('exits 3 naming every way to give a target when there is none', async () => {
    const r = await send([], {});
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /^error: no KCIDB target: give --kcidb-rest URL, set KCIDB_REST=https:\/\/<token>@host, or set kcidb_rest_url and kcidb_token/,
    );
  });

  it('exits 3 on a config file that is not TOML, without quoting its lines', async () => {
    const r = await send(
      [],
      {},
      { cwd: `default_instance = "local"\n[local]\nkcidb_token = "${CONFIG}\n` },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/\.kci-dev\.toml is not valid TOML at line 3, column \d+: /);
  });

  it('says where the target came from under --verbose, never the token', async () => {
    const r = await send(['--verbose'], everything().env, everything().files);
    expect(r.stderr).toContain(
      `KCIDB target ${at('/env')}/submit (URL from KCIDB_REST, token from KCIDB_TOKEN)`,
    );
  });

  it('needs no credentials for --dry-run', async () => {
    const r = await send(['--dry-run'], {});
    expect(r.code).toBe(0);
  });
});

describe('tokens are never printed', () => {
  it('scrubs a token KCIDB echoes back in an error, and one in a mistyped option', async () => {
    receiver('/env').script({ status: 400, message: `bad token ${ENV} and ${REST}` });
    const r = await send([], { KCIDB_REST: withToken('/env', REST), KCIDB_TOKEN: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad token *** and ***');
    // The harness fails any run whose output holds a test token; this one would otherwise.
    const typo = await cli(['submit', 'build', `--kcidb-tokn=${ENV}`], {
      env: { KCIDB_TOKEN: ENV },
    });
    expect(typo.code).toBe(2);
  });

  it('hides the userinfo of any URL it prints', async () => {
    const r = await cli([...vectorArgs(), '--kcidb-rest', 'ftp://user-secret@example.org']);
    expect(r.code).toBe(4);
    expect(r.stderr).not.toContain('user-secret');
  });
});
