/** Human messages. They all go to stderr so that stdout stays machine-readable (`eval "$(… infra)"`). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** Writes `[devstack] message` lines to a stream (stderr by default). */
export function createLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const write = (message: string): void => {
    for (const line of message.split('\n')) stream.write(`[devstack] ${line}\n`);
  };
  return { info: write, warn: (message) => write(`warning: ${message}`) };
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
  };
}
