/**
 * The HTTP plumbing every fake shares (KCIDB, TuxSuite, LAVA, and the plain servers of the runner
 * clients' specs): a server on a free loopback port, a record of each request made on arrival, the
 * body read with a limit, JSON and text answers, and change notifications with a polling
 * `waitFor`. What each fake answers stays in its own folder.
 */
import { EventEmitter } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A real HTTP server on 127.0.0.1; a handler that rejects drops its connection. */
export class LoopbackServer {
  private readonly server: Server;
  private port = 0;

  constructor(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void) {
    this.server = createServer((req, res) => {
      Promise.resolve()
        .then(() => handle(req, res))
        .catch(() => {
          // The client went away mid-request (or the handler broke): nothing left to answer.
          if (!res.headersSent && !res.destroyed) res.destroy();
        });
    });
  }

  /** Listens on `port` (0: a free one) and resolves once it does. */
  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, LOOPBACK, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  /** Stops listening and drops open connections, hung requests included. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }
}

/** Any request a fake saw, recorded on arrival; each fake adds its own fields. */
export interface RecordedHttpRequest {
  readonly method: string;
  readonly path: string;
  /** The query string including its `?`, or ''. */
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
  readonly receivedAt: Date;
  /** The body as UTF-8 text ('' until read, or when it was over the limit). */
  readonly body: string;
  /** The HTTP status answered; undefined while pending or if the client went away first. */
  readonly status: number | undefined;
}

/** The record of a request that just arrived, and its URL resolved against `base`. */
export function arrival(
  req: IncomingMessage,
  base: string,
): { target: URL; record: Mutable<RecordedHttpRequest> } {
  const target = new URL(req.url ?? '/', base);
  const record: Mutable<RecordedHttpRequest> = {
    method: req.method ?? 'GET',
    path: target.pathname,
    search: target.search,
    headers: req.headers,
    receivedAt: new Date(),
    body: '',
    status: undefined,
  };
  return { target, record };
}

export interface ReadBody {
  /** The body, or empty when it was over the limit. */
  bytes: Buffer;
  /** Bytes received, counted to the end even past the limit. */
  size: number;
  overLimit: boolean;
}

/** Reads a whole request body, keeping at most `limit` bytes; rejects if the client goes away. */
export function readBody(req: IncomingMessage, limit = Infinity): Promise<ReadBody> {
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

/** Answers with a text or binary body; returns the status for the request record. */
export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): number {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
  return status;
}

/** Answers with a JSON body; returns the status for the request record. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): number {
  return sendBody(res, status, JSON.stringify(value), 'application/json', headers);
}

/** Change notifications plus a polling `waitFor`, for a fake's `waitFor(predicate)`. */
export class Changes {
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  emit(): void {
    this.events.emit('change');
  }

  /** Resolves once `holds()` (checked on every change and every 25 ms), else rejects with `seen()`. */
  waitFor(
    name: string,
    holds: () => boolean,
    timeoutMs: number,
    seen: () => string,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timeout);
        clearInterval(poll);
        this.events.off('change', check);
      };
      const check = (): void => {
        try {
          if (!holds()) return;
        } catch (error) {
          cleanup();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        cleanup();
        resolve();
      };
      const timeout = setTimeout(() => {
        cleanup();
        reject(new Error(`${name}.waitFor: not met within ${timeoutMs} ms (${seen()})`));
      }, timeoutMs);
      const poll = setInterval(check, 25);
      this.events.on('change', check);
      check();
    });
  }
}

/**
 * What every fake is made of: a loopback server, the requests it recorded, change notifications.
 * A subclass answers in `handle`, starting with `arrive()`; `serve()` is the common whole of it.
 */
export abstract class RecordingFake<R extends RecordedHttpRequest> {
  protected readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  protected readonly changes = new Changes();
  protected readonly requestLog: Mutable<R>[] = [];

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return this.server.url;
  }

  /** Every request received, in arrival order. */
  get requests(): readonly R[] {
    return this.requestLog;
  }

  /** Stops listening and drops open connections, hung requests included. */
  close(): Promise<void> {
    return this.server.close();
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** Records a request on arrival, with the fields this fake adds (`extra`). */
  protected arrive(
    req: IncomingMessage,
    extra: Omit<R, keyof RecordedHttpRequest>,
  ): { target: URL; record: Mutable<R> } {
    const { target, record: base } = arrival(req, this.server.url);
    const record = { ...base, ...extra } as Mutable<R>;
    this.requestLog.push(record);
    this.changes.emit();
    return { target, record };
  }

  /** Reads the body (`tooLarge` answers past `limit`), lets `answer` reply, logs the line. */
  protected async serve(
    req: IncomingMessage,
    res: ServerResponse,
    record: Mutable<R>,
    how: {
      limit: number;
      tooLarge: (res: ServerResponse) => number;
      answer: () => number;
      log: ((line: string) => void) | undefined;
    },
  ): Promise<void> {
    const body = await readBody(req, how.limit);
    record.body = body.bytes.toString('utf8');
    record.status = body.overLimit ? how.tooLarge(res) : how.answer();
    how.log?.(`${record.method} ${record.path} -> ${record.status}`);
    this.changes.emit();
  }
}

/** What a {@link startScriptedServer} answers: a status, a body (JSON unless a string), a delay. */
export interface ScriptedHttpAnswer {
  status: number;
  body?: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
}

/**
 * A plain server for answers no fake gives (a 2xx without an id, a slow API): each request is
 * recorded, then answered with what `answer` returns for it, as `application/json`.
 */
export async function startScriptedServer(
  answer: (req: RecordedHttpRequest) => ScriptedHttpAnswer,
): Promise<{ url: string; received: RecordedHttpRequest[]; close: () => Promise<void> }> {
  const received: RecordedHttpRequest[] = [];
  const server: LoopbackServer = new LoopbackServer(async (req, res) => {
    const { record } = arrival(req, server.url);
    received.push(record);
    record.body = (await readBody(req)).bytes.toString('utf8');
    const { status, body, delayMs = 0, headers = {} } = answer(record);
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    setTimeout(() => {
      record.status = sendBody(res, status, text, 'application/json', headers);
    }, delayMs).unref();
  });
  await server.listen();
  return { url: server.url, received, close: () => server.close() };
}
