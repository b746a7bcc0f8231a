import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, type Io } from '../io.js';

/** A file's text, or stdin's for `-`; `what` names the option or argument in errors. */
export async function readInput(
  path: string,
  io: Pick<Io, 'cwd' | 'stdin'>,
  what: string,
): Promise<string> {
  if (path === '-') {
    if (io.stdin === undefined) throw new CliError('INPUT_UNREADABLE', `${what}: no stdin to read`);
    return stripBom(await readStream(io.stdin));
  }
  try {
    return stripBom(await readFile(resolve(io.cwd, path), 'utf8'));
  } catch (err) {
    throw new CliError('INPUT_UNREADABLE', `${what} ${path}: ${describeFsError(err)}`);
  }
}

/** A short reason for a failed file read: "no such file", "is a directory", ... */
export function describeFsError(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : 'cannot be read';
  }
}

async function readStream(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
