/** HTTP helpers the runner clients share. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON, or undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The first non-empty string among `keys` of a JSON answer, else the start of the body. */
export function refusalMessage(json: unknown, text: string, keys: readonly string[]): string {
  if (isRecord(json)) {
    for (const key of keys) {
      const value = json[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  const start = text.trim().slice(0, 300);
  return start === '' ? '(empty body)' : start;
}

/** Reads a response body, refusing more than `maxBytes`. */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`answer larger than ${maxBytes} bytes`);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A network error in words: undici says "fetch failed" and keeps the useful part (ECONNREFUSED...) in `cause`. */
export function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause: unknown = err.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return err.message;
}
