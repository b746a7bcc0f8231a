/**
 * Which test objects reached the fake KCIDB, and when: each test object carries the
 * submission's `misc.test_uid` (`<runId>-<phase>-<n>`), so its delivery time (the fake's
 * `receivedAt` of the report that contained it) can be paired with when request n got its 202.
 */
import type { FakeKcidb } from '../../../test/fakes/kcidb/fake-kcidb.js';

export interface PhaseDeliveries {
  /** Distinct objects delivered. */
  objects: number;
  /** Objects that arrived again after their first delivery. */
  repeats: number;
  firstAt: number;
  lastAt: number;
  /** Per distinct object: the submission number it came from, and its delivery time (epoch ms). */
  submission: number[];
  deliveredAt: number[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Deliveries {
  private scanned = 0;
  private readonly seen = new Set<string>();
  private readonly phases = new Map<string, PhaseDeliveries>();
  private readonly timer: NodeJS.Timeout;
  /** Objects whose test_uid is not one of this run's. */
  foreign = 0;

  constructor(
    private readonly fake: FakeKcidb,
    private readonly runId: string,
  ) {
    this.timer = setInterval(() => this.scan(), 50);
  }

  /** Reads the reports that arrived since the last scan. */
  scan(): void {
    const all = this.fake.submissions;
    for (; this.scanned < all.length; this.scanned++) {
      const report = all[this.scanned];
      if (report === undefined || !isRecord(report.document)) continue;
      const at = report.receivedAt.getTime();
      const tests = report.document['tests'];
      if (!Array.isArray(tests)) continue;
      for (const t of tests) this.add(t, at);
    }
  }

  phase(name: string): PhaseDeliveries {
    let p = this.phases.get(name);
    if (p === undefined) {
      p = { objects: 0, repeats: 0, firstAt: NaN, lastAt: NaN, submission: [], deliveredAt: [] };
      this.phases.set(name, p);
    }
    return p;
  }

  /** Resolves once `phase` has `expected` objects, or after `timeoutMs` (false). */
  async waitFor(phase: string, expected: number, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      this.scan();
      if (this.phase(phase).objects >= expected) return true;
      if (Date.now() > end) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private add(test: unknown, at: number): void {
    if (!isRecord(test) || typeof test['id'] !== 'string' || !isRecord(test['misc'])) return;
    const uid = test['misc']['test_uid'];
    const m = typeof uid === 'string' ? /^(.+)-([a-z0-9]+)-(\d+)$/.exec(uid) : null;
    if (m === null || m[1] !== this.runId) {
      this.foreign++;
      return;
    }
    const p = this.phase(m[2] ?? '');
    if (this.seen.has(test['id'])) {
      p.repeats++;
      return;
    }
    this.seen.add(test['id']);
    p.objects++;
    if (Number.isNaN(p.firstAt) || at < p.firstAt) p.firstAt = at;
    if (Number.isNaN(p.lastAt) || at > p.lastAt) p.lastAt = at;
    p.submission.push(Number(m[3]));
    p.deliveredAt.push(at);
  }
}
