/**
 * The fake's spool and ingester: what kcidb-ng keeps on disk between the REST receiver and the
 * database. A submission is `ready` when accepted; after a delay the "ingester" validates it and
 * moves it to `processed` (archive/) or `failed` (failed/); a forced `notfound` mimics retention
 * clean-up.
 */
import { newSubmissionId } from './protocol.js';

export type FakeKcidbSubmissionStatus = 'ready' | 'processed' | 'failed' | 'notfound';

/** A submission the fake answered 200 to. */
export interface FakeKcidbSubmission {
  readonly id: string;
  readonly receivedAt: Date;
  /** The parsed body, not checked against any schema (the real server does not either). */
  readonly document: unknown;
  /** Body size in bytes, as in the answer's message. */
  readonly size: number;
  readonly status: FakeKcidbSubmissionStatus;
}

export type KcidbObjectKind = 'checkouts' | 'builds' | 'tests' | 'issues' | 'incidents';

export interface SpoolOptions {
  validate?: ((doc: unknown) => boolean) | undefined;
  /** Infinity: submissions stay `ready` until `processPending()`. */
  processDelayMs: number;
  onChange: () => void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class Spool {
  private readonly accepted: Mutable<FakeKcidbSubmission>[] = [];
  private readonly byId = new Map<string, Mutable<FakeKcidbSubmission>>();
  private readonly forced = new Map<string, 'failed' | 'notfound'>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SpoolOptions) {}

  get submissions(): readonly FakeKcidbSubmission[] {
    return this.accepted;
  }

  /** Spools a parsed body under a fresh id and schedules its ingestion. */
  accept(document: unknown, size: number, forced?: 'failed' | 'notfound'): FakeKcidbSubmission {
    const submission: Mutable<FakeKcidbSubmission> = {
      id: newSubmissionId(),
      receivedAt: new Date(),
      document,
      size,
      status: 'ready',
    };
    this.accepted.push(submission);
    this.byId.set(submission.id, submission);
    if (forced !== undefined) this.forced.set(submission.id, forced);
    this.schedule(submission);
    return submission;
  }

  statusOf(id: string): FakeKcidbSubmissionStatus {
    return this.byId.get(id)?.status ?? 'notfound';
  }

  /** Puts a known submission in `status` at once, as the ingester (or retention clean-up) would. */
  move(id: string, status: FakeKcidbSubmissionStatus): void {
    const submission = this.byId.get(id);
    if (submission === undefined) return;
    submission.status = status;
    this.options.onChange();
  }

  processPending(): void {
    for (const submission of this.accepted) this.ingest(submission);
  }

  /** Objects of one kind across accepted submissions, duplicates included, in arrival order. */
  objects(kind: KcidbObjectKind, processedOnly = false): Record<string, unknown>[] {
    return this.accepted
      .filter((s) => !processedOnly || s.status === 'processed')
      .flatMap((s) => objectsIn(s.document, kind));
  }

  clear(): void {
    this.stop();
    this.accepted.length = 0;
    this.byId.clear();
    this.forced.clear();
  }

  /** Cancels pending ingestions; submissions keep their current status. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(submission: Mutable<FakeKcidbSubmission>): void {
    const delay = this.options.processDelayMs;
    if (!Number.isFinite(delay)) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ingest(submission);
    }, delay);
    this.timers.add(timer);
  }

  private ingest(submission: Mutable<FakeKcidbSubmission>): void {
    if (submission.status !== 'ready') return;
    submission.status = this.forced.get(submission.id) ?? this.validated(submission.document);
    this.options.onChange();
  }

  private validated(document: unknown): 'processed' | 'failed' {
    try {
      return (this.options.validate?.(document) ?? true) ? 'processed' : 'failed';
    } catch {
      return 'failed';
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of one kind in a report, ignoring anything that is not an object. */
function objectsIn(document: unknown, kind: KcidbObjectKind): Record<string, unknown>[] {
  if (!isRecord(document)) return [];
  const list = document[kind];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}
