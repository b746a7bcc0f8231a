/**
 * Repository URL, branch and commit of a local checkout, for `--git-folder` (as kci-dev's
 * option), read with `git -C <folder>`. KCIDB takes only https repository URLs: ssh remotes
 * are rewritten to https, credentials in a remote URL are dropped, git:// is refused.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { CliError } from '../io.js';

/** What a checkout says about itself; `branch` is absent on a detached HEAD. */
export interface GitCheckout {
  repoUrl?: string;
  branch?: string;
  commit?: string;
}

/** Which of the three values to read: the ones given explicitly are not looked up. */
export interface GitNeeds {
  repoUrl: boolean;
  branch: boolean;
  commit: boolean;
}

const GIT_TIMEOUT_MS = 10_000;
// scp-like syntax: [user@]host:path, with no scheme.
const SCP_LIKE = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.+)$/;

/** Read the checkout at `folder` (relative to `cwd`); throws a `CliError` naming the option. */
export async function readGitFolder(
  folder: string,
  cwd: string,
  needs: GitNeeds,
  warn: (line: string) => void,
): Promise<GitCheckout> {
  const dir = resolve(cwd, folder);
  const git = async (...args: string[]): Promise<GitAnswer> => {
    const answer = await runGit(dir, args);
    // 128 is git's "fatal": no such folder, not a repository, ...
    if (answer.exitCode === 128) {
      throw new CliError('GIT', `--git-folder ${folder}: ${answer.said || 'git failed'}`);
    }
    return answer;
  };
  const result: GitCheckout = {};
  const head = await git('rev-parse', '--verify', '--quiet', 'HEAD^{commit}');
  if (head.exitCode !== 0) {
    throw new CliError('GIT', `--git-folder ${folder}: the repository has no commit yet`);
  }
  if (needs.commit) result.commit = head.stdout;
  if (needs.branch) {
    const branch = (await git('rev-parse', '--abbrev-ref', 'HEAD')).stdout;
    if (branch !== '' && branch !== 'HEAD') result.branch = branch;
    else
      warn(
        `warning: --git-folder ${folder}: detached HEAD, no branch recorded (give --git-branch)`,
      );
  }
  if (needs.repoUrl) {
    const remote = await git('remote', 'get-url', 'origin');
    if (remote.exitCode !== 0 || remote.stdout === '') {
      throw new CliError(
        'GIT',
        `--git-folder ${folder}: no remote named origin; give --git-repo-url https://...`,
      );
    }
    const { url, droppedCredentials } = httpsRepoUrl(remote.stdout, folder);
    if (droppedCredentials) {
      warn(`warning: --git-folder ${folder}: dropped the credentials in the origin URL`);
    }
    result.repoUrl = url;
  }
  return result;
}

/** The https form of a git remote URL, as KCIDB needs it; throws for git://, file and local paths. */
export function httpsRepoUrl(
  remote: string,
  folder: string,
): { url: string; droppedCredentials: boolean } {
  const scp = SCP_LIKE.exec(remote);
  if (scp && !remote.includes('://')) {
    const [, host = '', path = ''] = scp;
    return {
      url: `https://${host.toLowerCase()}/${path.replace(/^\/+/, '')}`,
      droppedCredentials: false,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(remote);
  } catch {
    throw notHttps(folder, remote, 'is not a URL');
  }
  switch (parsed.protocol) {
    case 'https:': {
      const droppedCredentials = parsed.username !== '' || parsed.password !== '';
      parsed.username = '';
      parsed.password = '';
      return { url: parsed.href, droppedCredentials };
    }
    case 'ssh:':
    case 'git+ssh:':
    case 'ssh+git:':
      // An ssh port says nothing about the https one.
      return {
        url: `https://${parsed.hostname.toLowerCase()}${parsed.pathname}`,
        droppedCredentials: false,
      };
    default:
      throw notHttps(
        folder,
        `${parsed.protocol}//${parsed.host}${parsed.pathname}`,
        'is not https',
      );
  }
}

function notHttps(folder: string, shown: string, why: string): CliError {
  return new CliError(
    'GIT',
    `--git-folder ${folder}: the origin URL ${shown} ${why}; KCIDB requires an https:// repository URL, give it with --git-repo-url`,
  );
}

interface GitAnswer {
  exitCode: number;
  stdout: string;
  /** The first line git wrote to stderr. */
  said: string;
}

function runGit(dir: string, args: string[]): Promise<GitAnswer> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      { timeout: GIT_TIMEOUT_MS, windowsHide: true },
      (err, stdout, stderr) => {
        const said = stderr.trim().split('\n')[0] ?? '';
        if (!err) {
          resolvePromise({ exitCode: 0, stdout: stdout.trim(), said });
        } else if (typeof err.code === 'number') {
          resolvePromise({ exitCode: err.code, stdout: stdout.trim(), said });
        } else if (err.code === 'ENOENT') {
          reject(
            new CliError('GIT', '--git-folder needs git, which is not installed (or not on PATH)'),
          );
        } else {
          reject(new CliError('GIT', `git ${args[0] ?? ''} did not finish: ${err.message}`));
        }
      },
    );
  });
}
