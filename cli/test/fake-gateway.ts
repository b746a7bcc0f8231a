/**
 * A tiny kci-bridge gateway on loopback for `--via` tests: scripted answers to
 * `POST /api/v1/kcidb/submit` and `GET /api/v1/submissions/{id}`, every request recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer, SeenRequest } from './fake-kcidb.js';

export class FakeGateway {
  readonly seen: SeenRequest[] = [];
  private submitAnswers: Answer[] = [];
  private viewAnswers: Answer[] = [];
  private server: Server | undefined;
  base = '';

  /** Answers for successive POST /api/v1/kcidb/submit; the last one repeats. */
  onSubmit(...answers: Answer[]): this {
    this.submitAnswers = answers;
    return this;
  }

  /** Answers for successive GET /api/v1/submissions/{id}; the last one repeats. */
  onView(...answers: Answer[]): this {
    this.viewAnswers = answers;
    return this;
  }

  reset(): void {
    this.seen.length = 0;
    this.submitAnswers = [bridgeAccepted(SUBMISSION_ID, 2)];
    this.viewAnswers = [view(SUBMISSION_ID, 'submitted', { submitted: 2 })];
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
      const url = req.url ?? '';
      this.seen.push({
        method: req.method ?? '',
        url,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      let queue: Answer[] | undefined;
      if (req.method === 'POST' && url === '/api/v1/kcidb/submit') queue = this.submitAnswers;
      if (req.method === 'GET' && url.startsWith('/api/v1/submissions/')) queue = this.viewAnswers;
      const answer = queue
        ? ((queue.length > 1 ? queue.shift() : queue[0]) ?? problem(500, 'internal', 'empty'))
        : problem(404, 'not_found', `no route ${req.method ?? ''} ${url}`);
      const type =
        answer.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
      res.writeHead(answer.status, { 'Content-Type': type, ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  }
}

export const SUBMISSION_ID = '6f1c2b9e-4d3a-4c8e-9f70-2a5b8c1d0e34';

/** The gateway's 202. */
export const bridgeAccepted = (
  id: string,
  objects: number,
  warnings: Array<{ path: string; message: string }> = [],
): Answer => ({
  status: 202,
  body: { id, status: 'accepted', objects, warnings, links: { self: `/api/v1/submissions/${id}` } },
});

/** A problem+json answer, as the gateway's ProblemFilter writes it. */
export const problem = (
  status: number,
  code: string,
  detail: string,
  errors?: Array<{ field: string; message: string }>,
  headers?: Record<string, string>,
): Answer => ({
  status,
  body: { type: 'about:blank', title: code, status, detail, code, ...(errors ? { errors } : {}) },
  headers,
});

/** `GET /api/v1/submissions/{id}`. */
export const view = (
  id: string,
  state: string,
  counts: Partial<Record<'pending' | 'posted' | 'submitted' | 'dead', number>>,
  items: Array<{ id: string; kind: string; state: string; attempts: number; reason?: string }> = [],
): Answer => ({
  status: 200,
  body: {
    id,
    state,
    diagnostics: [],
    objects: { pending: 0, posted: 0, submitted: 0, dead: 0, ...counts },
    items,
  },
});
