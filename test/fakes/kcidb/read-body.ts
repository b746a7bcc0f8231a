import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  /** The body, or empty when it was over the limit. */
  bytes: Buffer;
  /** Bytes received, counted to the end even past the limit. */
  size: number;
  overLimit: boolean;
}

/** Reads a whole request body, keeping at most `limit` bytes; rejects if the client goes away. */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks = [];
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), size, overLimit: size > limit }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the request'));
    });
  });
}
