import { connect } from 'node:net';

/** What a TCP peer did when we connected and listened for its first line. */
export type Greeting =
  | { kind: 'refused'; reason: string }
  | { kind: 'line'; line: string }
  | { kind: 'silent'; reason: string };

/** Connects to host:port and resolves with the first line the server sends (NATS sends `INFO {…}`). */
export function readGreeting(host: string, port: number, timeoutMs: number): Promise<Greeting> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let buffer = '';
    let connected = false;
    const finish = (g: Greeting): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(g);
    };
    const timer = setTimeout(
      () =>
        finish(
          connected
            ? { kind: 'silent', reason: `connected but nothing was sent within ${timeoutMs} ms` }
            : { kind: 'refused', reason: `no answer within ${timeoutMs} ms` },
        ),
      timeoutMs,
    );
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) finish({ kind: 'line', line: buffer.slice(0, end).replace(/\r$/, '') });
      else if (buffer.length > 65_536) finish({ kind: 'silent', reason: 'first line too long' });
    });
    socket.on('error', (err) =>
      finish(
        connected
          ? { kind: 'silent', reason: err.message }
          : { kind: 'refused', reason: err.message },
      ),
    );
    socket.on('end', () => finish({ kind: 'silent', reason: 'the server closed the connection' }));
  });
}

/** True when something accepts TCP connections on host:port. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => finish(true));
    socket.on('error', () => finish(false));
  });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
