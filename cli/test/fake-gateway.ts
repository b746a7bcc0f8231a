/**
 * A tiny kci-bridge gateway on loopback for `--via` tests: scripted answers to
 * `POST /api/v1/kcidb/submit` and `GET /api/v1/submissions/{id}`, every request recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { arrival, LoopbackServer, readBody, sendBody } from '../../test/fakes/http-fake.js';

/** A request the gateway saw. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  authorization: string | undefined;
  body: string;
}

/** One scripted answer. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export class FakeGateway {
  readonly seen: SeenRequest[] = [];
  private submitAnswers: Answer[] = [];
  private viewAnswers: Answer[] = [];
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
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
    await this.server.listen();
    this.base = this.server.url;
  }

  stop(): Promise<void> {
    return this.server.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { record } = arrival(req, this.server.url);
    const { method } = record;
    const url = `${record.path}${record.search}`;
    const body = (await readBody(req)).bytes.toString('utf8');
    this.seen.push({ method, url, authorization: req.headers.authorization, body });
    let queue: Answer[] | undefined;
    if (method === 'POST' && url === '/api/v1/kcidb/submit') queue = this.submitAnswers;
    if (method === 'GET' && url.startsWith('/api/v1/submissions/')) queue = this.viewAnswers;
    const answer = queue
      ? ((queue.length > 1 ? queue.shift() : queue[0]) ?? problem(500, 'internal', 'empty'))
      : problem(404, 'not_found', `no route ${method} ${url}`);
    const type =
      answer.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    sendBody(res, answer.status, text, type, answer.headers);
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
