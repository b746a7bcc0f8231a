import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanScratch, cli, scratchDir } from '../../test/harness.js';
import { httpsRepoUrl } from './git-folder.js';

afterAll(cleanScratch);

/** A real repository made with git init, one commit, on `branch`, with `remote` as origin. */
function gitRepo(
  remote: string | undefined,
  branch = 'linux-6.12.y',
): { dir: string; head: string } {
  const dir = scratchDir('kci-bridge-git-');
  // -c settings so the developer's own git config (signing, hooks) cannot interfere.
  const settings = [
    'user.name=Test',
    'user.email=test@example.org',
    'commit.gpgsign=false',
    'core.hooksPath=/dev/null',
  ];
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...settings.flatMap((s) => ['-c', s]), ...args], {
      encoding: 'utf8',
    }).trim();
  git('init', '--quiet', '--initial-branch', branch);
  git('commit', '--quiet', '--allow-empty', '-m', 'initial');
  if (remote !== undefined) git('remote', 'add', 'origin', remote);
  return { dir, head: git('rev-parse', 'HEAD') };
}

const base = ['submit', 'build', '--dry-run', '--origin', 'myci', '--build-run-id', '7'];

interface Checkout {
  git_repository_url?: string;
  git_repository_branch?: string;
  git_commit_hash?: string;
}
const checkoutOf = (stdout: string) =>
  (JSON.parse(stdout) as { checkouts: Checkout[] }).checkouts[0];

describe('submit build --git-folder', () => {
  it('reads URL, branch and commit with git, turning an ssh remote into https', async () => {
    const { dir, head } = gitRepo(
      'git@git.kernel.org:pub/scm/linux/kernel/git/stable/linux-stable-rc.git',
    );
    const result = await cli([...base, '--git-folder', dir]);
    expect(result.code).toBe(0);
    expect(checkoutOf(result.stdout)).toMatchObject({
      git_repository_url:
        'https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux-stable-rc.git',
      git_repository_branch: 'linux-6.12.y',
      git_commit_hash: head,
    });
  });

  it('lets explicit options win over what the checkout says', async () => {
    const { dir } = gitRepo('https://example.org/linux.git');
    const commit = 'f'.repeat(40);
    const result = await cli([
      ...base,
      '--git-folder',
      dir,
      '--branch',
      'master',
      '--git-commit-hash',
      commit,
    ]);
    expect(checkoutOf(result.stdout)).toMatchObject({
      git_repository_url: 'https://example.org/linux.git',
      git_repository_branch: 'master',
      git_commit_hash: commit,
    });
  });

  it('refuses a git:// remote: KCIDB requires https', async () => {
    const { dir } = gitRepo('git://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git');
    const result = await cli([...base, '--git-folder', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: --git-folder .*: the origin URL git:\/\/git\.kernel\.org\/.* is not https; KCIDB requires an https:\/\/ repository URL/,
    );
  });

  it('drops credentials from an https remote, with a warning', async () => {
    const { dir } = gitRepo('https://ci-bot:hunter2@example.org/linux.git');
    const result = await cli([...base, '--git-folder', dir]);
    expect(checkoutOf(result.stdout)?.git_repository_url).toBe('https://example.org/linux.git');
    expect(result.stderr).toContain('dropped the credentials in the origin URL');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });

  it('explains a folder without an origin remote, and one that is not a repository', async () => {
    const { dir } = gitRepo(undefined);
    const noRemote = await cli([...base, '--git-folder', dir]);
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toMatch(/no remote named origin; give --git-repo-url/);
    const notRepo = await cli([...base, '--git-folder', scratchDir()]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/^error: --git-folder .*: fatal: not a git repository/);
  });
});

describe('httpsRepoUrl', () => {
  const cases: [string, string][] = [
    ['git@github.com:torvalds/linux.git', 'https://github.com/torvalds/linux.git'],
    ['ssh://git@gitlab.com:2222/group/linux.git', 'https://gitlab.com/group/linux.git'],
    ['git+ssh://git@Git.Kernel.org/pub/scm/linux.git', 'https://git.kernel.org/pub/scm/linux.git'],
    ['https://git.kernel.org/pub/scm/linux.git', 'https://git.kernel.org/pub/scm/linux.git'],
  ];
  for (const [remote, url] of cases) {
    it(`${remote} -> ${url}`, () => expect(httpsRepoUrl(remote, '.').url).toBe(url));
  }

  it('refuses http://, file:// and local paths', () => {
    for (const remote of [
      'http://example.org/linux.git',
      'file:///srv/linux.git',
      '/srv/linux.git',
    ]) {
      expect(() => httpsRepoUrl(remote, '.')).toThrow(
        /KCIDB requires an https:\/\/ repository URL/,
      );
    }
  });
});
