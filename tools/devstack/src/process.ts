import { spawn } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started at all. */
  spawnError?: string;
}

export interface RunOptions {
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  timeoutMs?: number;
  /** Send the command's output to our stderr instead of capturing it (apt-get). */
  passthrough?: boolean;
}

/** Runs a command to completion and captures its output. Never rejects. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const stdio: StdioOptions = options.passthrough ? ['ignore', 2, 2] : ['ignore', 'pipe', 'pipe'];
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    let settled = false;
    const settle = (r: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            stderr += `\n(killed after ${options.timeoutMs} ms)`;
          }, options.timeoutMs);
    child.on('error', (err) =>
      settle({ code: null, signal: null, stdout, stderr, spawnError: err.message }),
    );
    // 'close' waits for the output pipes; a daemon the command left behind could hold them open,
    // so 'exit' plus a short grace period also ends the wait.
    child.on('close', (code, signal) => settle({ code, signal, stdout, stderr }));
    child.on('exit', (code, signal) => {
      setTimeout(() => settle({ code, signal, stdout, stderr }), 1000).unref();
    });
  });
}

/** The command's failure in one line or a few, for messages. */
export function describeFailure(command: string, r: RunResult): string {
  if (r.spawnError !== undefined) return `${command}: ${r.spawnError}`;
  const how = r.signal !== null ? `killed by ${r.signal}` : `exit code ${String(r.code)}`;
  const output = `${r.stderr}\n${r.stdout}`.trim();
  return `${command} failed (${how})${output === '' ? '' : `:\n${lastLines(output, 15)}`}`;
}

/** The last `n` lines of a text. */
export function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** Finds an executable file by name in the given directories (first match). */
export function findExecutable(name: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True when this process runs as root (PostgreSQL will not). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The last lines of a log file, or a note that it cannot be read. */
export function tailFile(file: string, lines = 20): string {
  try {
    return lastLines(readFileSync(file, 'utf8'), lines);
  } catch {
    return `(${file} cannot be read)`;
  }
}
