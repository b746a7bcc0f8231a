/**
 * A steady load of `POST /api/v1/tests/submit` from a few concurrent clients, recording every
 * request and its answer so the suite can check afterwards, by KCIDB id, that nothing accepted
 * was lost.
 */
import type { ResultsSubmittedV1 } from '@kci-bridge/contracts';
import type { KcidbStatus } from '@kci-bridge/kcidb';
import { mapSubmittedResults } from '@kci-bridge/results';
import { sleep } from './servers.js';

export interface SubmitBody {
  test_uid: string;
  build_id: string;
  device: string;
  runtime: string;
  tests: Array<{ test_name: string; test_collection: string; result: KcidbStatus; logs: string }>;
}

/** One request and what came of it. */
export interface Attempt {
  client: number;
  sentAt: number;
  doneAt: number;
  /** The HTTP status, or undefined when no answer came (network error, client timeout). */
  status: number | undefined;
  /** The problem document's `code` for an error answer, or the client-side error. */
  reason: string | undefined;
  body: SubmitBody;
  /** True when this body is a repeat of the client's previous one (posted again, identical). */
  repeat: boolean;
  /** The submission id of a 202. */
  submissionId: string | undefined;
}

export interface LoadOptions {
  url: string;
  headers: () => Record<string, string>;
  clients: number;
  /** Pause of each client between two requests. */
  pauseMs: number;
  /** Every n-th request of a client posts its previous body again, identical. */
  repeatEvery: number;
  /** Client-side timeout of one request. */
  timeoutMs: number;
  tag: string;
  testsPerSubmission: number;
}

const STATUSES: readonly KcidbStatus[] = ['PASS', 'FAIL', 'SKIP', 'PASS', 'ERROR', 'DONE', 'MISS'];
const BUILD_ID = 'maestro:fa017500d0c0ffee0000f00d';

/** The first test carries a KTAP log, so the parser makes one KCIDB test per case below it. */
const KTAP_LOG = 'TAP version 13\n1..2\nok 1 alpha\nnot ok 2 beta\n';

export function bodyFor(uid: string, tests: number): SubmitBody {
  return {
    test_uid: uid,
    build_id: BUILD_ID,
    device: 'qemu-x86_64',
    runtime: 'fault suite',
    tests: Array.from({ length: tests }, (_, i) => ({
      test_name: `case ${i}`,
      test_collection: i === 0 ? 'kselftest.faults' : i % 2 === 0 ? 'ltp.faults' : 'faults',
      result: STATUSES[i % STATUSES.length] ?? 'PASS',
      logs: i === 0 ? KTAP_LOG : `log of case ${i}\n`,
    })),
  };
}

/** The gateway's event payload for a body (what `results.submitted` carries). */
export function submittedResults(
  body: SubmitBody,
  submissionId: string,
  receivedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
): ResultsSubmittedV1 {
  return {
    submissionId,
    receivedAt,
    testUid: body.test_uid,
    buildId: body.build_id,
    device: body.device,
    runtime: body.runtime,
    tests: body.tests,
  };
}

/** The KCIDB test ids the bridge must deliver for a body: the parser's own mapping. */
export function expectedTestIds(body: SubmitBody, origin: string): string[] {
  return mapSubmittedResults(submittedResults(body, 'ids-only'), origin).tests.map((t) => t.id);
}

/** How many ids occur more than once, and how many copies beyond the first there are. */
export function repeats(ids: readonly string[]): { ids: number; extra: number } {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  let n = 0;
  let extra = 0;
  for (const count of seen.values()) {
    if (count > 1) {
      n += 1;
      extra += count - 1;
    }
  }
  return { ids: n, extra };
}

export class Load {
  readonly attempts: Attempt[] = [];
  private stopped = false;
  private clients: Promise<void>[] = [];

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    this.clients = Array.from({ length: this.options.clients }, (_, i) => this.client(i));
  }

  /** Stops sending and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.clients);
  }

  /** Attempts sent in [from, to) (ms since epoch). */
  between(from: number, to: number): Attempt[] {
    return this.attempts.filter((a) => a.sentAt >= from && a.sentAt < to);
  }

  accepted(): Attempt[] {
    return this.attempts.filter((a) => a.status === 202);
  }

  private async client(n: number): Promise<void> {
    let seq = 0;
    let previous: SubmitBody | undefined;
    while (!this.stopped) {
      seq += 1;
      const repeat = previous !== undefined && seq % this.options.repeatEvery === 0;
      const body =
        repeat && previous
          ? previous
          : bodyFor(`${this.options.tag}-c${n}-${seq}`, this.options.testsPerSubmission);
      this.attempts.push(await this.send(n, body, repeat));
      previous = body;
      await sleep(this.options.pauseMs);
    }
  }

  private async send(client: number, body: SubmitBody, repeat: boolean): Promise<Attempt> {
    const sentAt = Date.now();
    const attempt = (
      status: number | undefined,
      reason: string | undefined,
      submissionId?: string,
    ): Attempt => ({
      client,
      sentAt,
      doneAt: Date.now(),
      status,
      reason,
      body,
      repeat,
      submissionId,
    });
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers() },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (e) {
      const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause : e) : undefined;
      return attempt(
        undefined,
        `client: ${cause?.name ?? 'error'}: ${cause?.message ?? String(e)}`,
      );
    }
    const text = await res.text().catch(() => '');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      doc = undefined;
    }
    const field = (name: string): string | undefined => {
      if (typeof doc !== 'object' || doc === null) return undefined;
      const v = (doc as Record<string, unknown>)[name];
      return typeof v === 'string' ? v : undefined;
    };
    if (res.status === 202) {
      const id = field('id');
      return id === undefined
        ? attempt(res.status, `202 without an id: ${text.slice(0, 200)}`)
        : attempt(202, undefined, id);
    }
    return attempt(res.status, field('code') ?? (text.slice(0, 80) || '(empty body)'));
  }
}
