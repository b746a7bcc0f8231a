/** A tiny KCIDB-like REST receiver on loopback: scripted answers to /submit and /status. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export class FakeKcidb {
  readonly seen: SeenRequest[] = [];
  private submitAnswers: Answer[] = [];
  private statusAnswers: Answer[] = [];
  private server: Server | undefined;
  base = '';

  /** Answers for successive POST /submit; the last one repeats. */
  onSubmit(...answers: Answer[]): this {
    this.submitAnswers = answers;
    return this;
  }

  /** Answers for successive GET /status; the last one repeats. */
  onStatus(...answers: Answer[]): this {
    this.statusAnswers = answers;
    return this;
  }

  reset(): void {
    this.seen.length = 0;
    this.submitAnswers = [accepted('sub123')];
    this.statusAnswers = [state('processed')];
  }

  get submissions(): SeenRequest[] {
    return this.seen.filter((r) => r.method === 'POST');
  }

  async start(): Promise<void> {
    this.reset();
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      this.seen.push({
        method: req.method ?? '',
        url,
        authorization: req.headers.authorization,
        body,
      });
      const queue = url.includes('/status') ? this.statusAnswers : this.submitAnswers;
      const answer = (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 500, body: {} };
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  }
}

export const accepted = (id: string): Answer => ({
  status: 200,
  body: { id, status: 'ok', message: `Received submission ${id}` },
});
export const state = (status: string): Answer => ({
  status: 200,
  body: { id: '0', status, message: status },
});
export const failure = (
  status: number,
  message: string,
  headers?: Record<string, string>,
): Answer => ({
  status,
  body: { id: '0', status: 'error', message },
  headers,
});
