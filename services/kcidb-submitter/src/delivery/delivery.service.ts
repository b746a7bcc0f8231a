import { randomUUID } from 'node:crypto';
import type { KcidbObjectKind, KcidbObjects } from '@kci-bridge/kcidb';
import { buildReport, packReports, validateReport } from '@kci-bridge/kcidb';
import { backoffDelay, describeError } from '@kci-bridge/messaging';
import { Metrics, PINO, Readiness, Sleeper } from '@kci-bridge/service-kit';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { Counter } from 'prom-client';
import type { SubmitterConfig } from '../config/env.js';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import type { ClaimedObject } from '../outbox/outbox.repository.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { REPORT_SINK, SUBMITTER_CONFIG } from '../tokens.js';
import { Doorbell } from './doorbell.js';
import { ReportRepository } from './report.repository.js';
import type { ReportSink } from './report-sink.js';

/** How long a flush loop other than the first sleeps without a ring: a safety net only. */
const IDLE_LOOP_SLEEP_MS = 60_000;

/**
 * Turns pending outbox objects into KCIDB reports: claim (lease), batch, validate, send,
 * record the outcome, and follow each accepted report at `/status` until KCIDB ingested it.
 * All state is in the outbox, so a killed replica loses nothing: its leases expire.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly flushBell = new Doorbell();
  private readonly statusSleep = new Sleeper();
  private credentialsProblem: string | undefined;
  private pausedUntil = 0;
  private addedSinceFlush = 0;
  private ageTimer: NodeJS.Timeout | undefined;
  private submissions: Counter<'result'> | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly reports: ReportRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
    @Inject(REPORT_SINK) private readonly sink: ReportSink,
    @Inject(SUBMITTER_CONFIG) private readonly config: SubmitterConfig,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register('kcidb', () =>
      this.credentialsProblem
        ? `KCIDB refused the credentials: ${this.credentialsProblem}`
        : undefined,
    );
    this.submissions = this.metrics.counter(
      'kci_kcidb_submissions_total',
      'Reports sent to KCIDB, by outcome',
      ['result'],
    );
    this.metrics.gauge(
      'kci_outbox_objects',
      'Objects in the outbox, by state',
      ['state'],
      async (g) => {
        g.reset();
        for (const [state, n] of Object.entries(await this.outbox.countByState()))
          g.set({ state }, n);
      },
    );
    this.metrics.gauge(
      'kci_outbox_oldest_pending_seconds',
      'Age of the oldest object not yet delivered',
      [],
      async (g) => {
        g.set(await this.outbox.oldestPendingSeconds());
      },
    );
    this.metrics.gauge('kci_dead_letters', 'Dead letters not retried yet', [], async (g) => {
      g.set(await this.deadLetters.countPending());
    });
    this.running = true;
    this.loops = [
      ...Array.from({ length: this.config.reportsInFlight }, (_, i) => this.flushLoop(i === 0)),
      this.statusLoop(),
    ];
    this.logger.info({ target: this.sink.display }, 'delivering KCIDB reports');
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearTimeout(this.ageTimer);
    this.flushBell.ringAll();
    this.statusSleep.wake();
    await Promise.all(this.loops);
  }

  /** Asks for a flush now (a sync, or a re-queued report). */
  wake(): void {
    this.flushBell.ring();
  }

  /**
   * New objects arrived: flush at once when they fill a report, else when the first of them is
   * KCI_BATCH_MAX_AGE_MS old, so a flood of small events becomes few large reports and a lone
   * object waits no longer than that.
   */
  added(count: number): void {
    this.addedSinceFlush += count;
    if (this.addedSinceFlush >= this.config.batch.maxObjects) {
      this.flushBell.ring();
    } else {
      this.ageTimer ??= setTimeout(() => {
        this.ageTimer = undefined;
        this.flushBell.ring();
      }, this.config.batch.maxAgeMs);
    }
  }

  /**
   * One flush loop. Only the first polls every KCI_BATCH_MAX_AGE_MS; the others sleep until a
   * ring (a full report, the age timer, a sync), so that more loops add reports in flight under
   * load without adding polls, and so POSTs of partial reports, when the load is light.
   */
  private async flushLoop(polls: boolean): Promise<void> {
    const idleMs = polls ? this.config.batch.maxAgeMs : IDLE_LOOP_SLEEP_MS;
    while (this.running) {
      let claimed = 0;
      try {
        const wait = this.pausedUntil - Date.now();
        if (wait > 0) {
          await this.flushBell.sleep(wait);
          continue;
        }
        claimed = await this.flushOnce();
      } catch (e) {
        this.logger.error({ err: describeError(e) }, 'flush failed; retrying');
      }
      // A full report may have more behind it: claim again at once. Otherwise sleep until a
      // report fills or the age timer rings; the poll finds objects due again after a retry.
      if (claimed < this.config.batch.maxObjects && this.running) {
        let rung = await this.flushBell.sleep(idleMs);
        // A poll while the age timer runs would send its young objects early, in one more POST.
        while (!rung && this.ageTimer !== undefined && this.running) {
          rung = await this.flushBell.sleep(idleMs);
        }
      }
    }
  }

  /** Claims one batch of due objects and delivers it; returns how many were claimed. */
  async flushOnce(): Promise<number> {
    this.addedSinceFlush = 0;
    clearTimeout(this.ageTimer);
    this.ageTimer = undefined;
    const claimed = await this.outbox.claimDue(this.config.batch.maxObjects, this.config.leaseMs);
    if (claimed.length === 0) return 0;
    const groups = packReports(
      claimed.map((c) => ({ kind: c.kind, object: c.body, bytes: c.bytes })),
      { maxObjects: this.config.batch.maxObjects, maxBytes: this.config.batch.maxBytes },
    );
    const byId = new Map(claimed.map((c) => [c.id, c]));
    for (const [i, group] of groups.entries()) {
      const objs = Object.values(group)
        .flat()
        .map((o) => byId.get(o.id))
        .filter((o): o is ClaimedObject => o !== undefined);
      // The claim leased the first report's objects; the later ones wait behind earlier POSTs.
      if (i > 0) await this.extendLease(objs);
      await this.deliver(objs);
    }
    return claimed.length;
  }

  /** One claim can hold several reports sent one after another: keep the lease ahead of each POST. */
  private async extendLease(objs: ClaimedObject[]): Promise<void> {
    await this.outbox.extendLease(
      objs.map((o) => o.id),
      this.config.leaseMs,
    );
  }

  private async deliver(objs: ClaimedObject[]): Promise<void> {
    const valid = await this.dropInvalid(objs);
    if (valid.length === 0) return;
    const ids = valid.map((o) => o.id);
    const body = JSON.stringify(buildReport(toObjects(valid)));
    const reportId = randomUUID();
    await this.reports.create(reportId, valid.length, Buffer.byteLength(body));
    const outcome = await this.sink.submit(body);
    this.submissions?.inc({ result: outcome.kind });
    switch (outcome.kind) {
      case 'accepted':
        this.clearCredentialsProblem();
        if (this.sink.kind === 'spool') {
          await this.outbox.markSubmitted(ids, reportId);
          await this.reports.finish(reportId, 'spooled', outcome.httpStatus, outcome.body);
        } else {
          await this.outbox.markPosted(ids, {
            id: reportId,
            kcidbId: outcome.submissionId,
            httpStatus: outcome.httpStatus,
            response: outcome.body,
            checkInMs: this.config.statusPoll.intervalMs,
          });
        }
        this.logger.info(
          { reportId, kcidbId: outcome.submissionId, objects: ids.length },
          'report accepted',
        );
        return;
      case 'permanent': {
        const reason = `KCIDB rejected the report (HTTP ${outcome.httpStatus}): ${outcome.reason}`;
        await this.reject(reportId, ids, reason, outcome.body, outcome.httpStatus);
        return;
      }
      case 'too-large':
        await this.reports.abandon(reportId, 'HTTP 413: split and sent again');
        if (valid.length > 1) {
          const half = Math.ceil(valid.length / 2);
          this.logger.warn(
            { reportId, objects: valid.length },
            'KCIDB answered 413: splitting the report',
          );
          await this.deliver(valid.slice(0, half));
          await this.extendLease(valid.slice(half));
          await this.deliver(valid.slice(half));
        } else {
          await this.reject(
            reportId,
            ids,
            'KCIDB answered 413 (too large) for a single object',
            outcome.body,
            413,
          );
        }
        return;
      case 'credentials':
        await this.reports.abandon(reportId, outcome.reason);
        await this.outbox.release(
          ids,
          this.config.credentialsRetryMs,
          `credentials problem: ${outcome.reason}`,
        );
        this.setCredentialsProblem(`HTTP ${outcome.httpStatus}: ${outcome.reason}`);
        return;
      case 'retryable': {
        await this.reports.abandon(reportId, outcome.reason);
        const attempts = Math.max(...valid.map((o) => o.attempts));
        const delay = outcome.retryAfterMs ?? backoffDelay(attempts, this.config.retry);
        await this.outbox.retryLater(ids, delay, outcome.reason);
        this.logger.warn(
          { reportId, objects: ids.length, delayMs: delay, reason: outcome.reason },
          'KCIDB unavailable; will retry',
        );
        return;
      }
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** Validates the batch as one report; objects with errors become dead letters, the rest go on. */
  private async dropInvalid(objs: ClaimedObject[]): Promise<ClaimedObject[]> {
    const parents = [...new Set(objs.flatMap((o) => parentIds(o)))];
    const known = await this.outbox.known(parents);
    const result = validateReport(buildReport(toObjects(objs)), {
      isKnownParent: (_kind, id) => known.has(id),
    });
    if (result.warnings.length > 0) {
      this.logger.warn(
        { warnings: result.warnings.slice(0, 5), count: result.warnings.length },
        'report warnings',
      );
    }
    if (result.valid) return objs;
    const ordered = orderedByKind(objs);
    const reasons = new Map<string, string[]>();
    for (const err of result.errors) {
      const m = /^\/(\w+)\/(\d+)/.exec(err.path);
      const target = m ? ordered[m[1] as KcidbObjectKind]?.[Number(m[2])] : undefined;
      const key = target?.id ?? '*';
      reasons.set(key, [...(reasons.get(key) ?? []), err.message]);
    }
    const bad = reasons.has('*') ? objs : objs.filter((o) => reasons.has(o.id));
    for (const o of bad) {
      const reason = `invalid KCIDB object: ${(reasons.get(o.id) ?? reasons.get('*') ?? []).join('; ')}`;
      await this.outbox.markDead([o.id], reason, null);
      await this.deadLetters.recordRejected('validation', o.id, reason, '', [o.id]);
    }
    this.logger.error(
      { objects: bad.map((o) => o.id).slice(0, 10), count: bad.length },
      'invalid objects dead-lettered',
    );
    const badIds = new Set(bad.map((o) => o.id));
    return objs.filter((o) => !badIds.has(o.id));
  }

  private async reject(
    reportId: string,
    ids: string[],
    reason: string,
    response: string,
    httpStatus: number,
  ): Promise<void> {
    await this.outbox.markDead(ids, reason, reportId);
    await this.reports.finish(reportId, 'rejected', httpStatus, response);
    await this.deadLetters.recordRejected('report', reportId, reason, response, ids);
    this.logger.error({ reportId, objects: ids.length, reason }, 'report dead-lettered');
  }

  private async statusLoop(): Promise<void> {
    while (this.running) {
      try {
        const due = await this.reports.claimDueChecks(50, this.config.leaseMs);
        await Promise.all(due.map((r) => this.checkStatus(r.id, r.kcidb_id, r.status_checks)));
      } catch (e) {
        this.logger.error({ err: describeError(e) }, 'status check failed; retrying');
      }
      if (this.running)
        await this.statusSleep.sleep(Math.min(this.config.statusPoll.intervalMs, 1_000));
    }
  }

  private async checkStatus(reportId: string, kcidbId: string, checks: number): Promise<void> {
    const outcome = await this.sink.status(kcidbId);
    switch (outcome.kind) {
      case 'processed':
        this.clearCredentialsProblem();
        await this.outbox.settleSubmitted(reportId);
        await this.reports.finish(reportId, 'processed', null, outcome.body);
        return;
      case 'failed': {
        const reason = `KCIDB failed to ingest report ${kcidbId} (/status: failed): ${outcome.body}`;
        const ids = await this.outbox.settleDead(reportId, reason);
        await this.reports.finish(reportId, 'failed', null, outcome.body);
        await this.deadLetters.recordRejected('report', reportId, reason, outcome.body, ids);
        this.logger.error(
          { reportId, kcidbId, objects: ids.length },
          'KCIDB failed the report; dead-lettered',
        );
        return;
      }
      case 'inprogress':
      case 'ready':
        await this.reports.checkAgainIn(
          reportId,
          Math.min(
            this.config.statusPoll.intervalMs * 2 ** Math.min(checks, 10),
            this.config.statusPoll.maxIntervalMs,
          ),
        );
        return;
      case 'notfound':
        await this.outbox.requeueReport(
          reportId,
          `KCIDB does not know report ${kcidbId}; sending again`,
        );
        await this.reports.finish(reportId, 'failed', 404, outcome.body);
        this.wake();
        return;
      case 'credentials':
        this.setCredentialsProblem(`HTTP ${outcome.httpStatus} at /status`);
        await this.reports.checkAgainIn(reportId, this.config.credentialsRetryMs);
        return;
      case 'retryable':
        await this.reports.checkAgainIn(
          reportId,
          outcome.retryAfterMs ?? backoffDelay(checks, this.config.retry),
        );
        return;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown status ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private setCredentialsProblem(reason: string): void {
    if (this.credentialsProblem === undefined) {
      this.logger.error(
        { reason, retryInMs: this.config.credentialsRetryMs },
        'KCIDB refused the credentials; holding everything pending',
      );
    }
    this.credentialsProblem = reason;
    this.pausedUntil = Date.now() + this.config.credentialsRetryMs;
  }

  private clearCredentialsProblem(): void {
    if (this.credentialsProblem !== undefined)
      this.logger.info('KCIDB accepts the credentials again');
    this.credentialsProblem = undefined;
    this.pausedUntil = 0;
  }
}

function parentIds(o: ClaimedObject): string[] {
  const b = o.body as { checkout_id?: unknown; build_id?: unknown };
  const ids: string[] = [];
  if (typeof b.checkout_id === 'string') ids.push(b.checkout_id);
  if (typeof b.build_id === 'string') ids.push(b.build_id);
  return ids;
}

function orderedByKind(objs: ClaimedObject[]): Partial<Record<KcidbObjectKind, ClaimedObject[]>> {
  const out: Partial<Record<KcidbObjectKind, ClaimedObject[]>> = {};
  for (const o of objs) (out[o.kind] ??= []).push(o);
  return out;
}

function toObjects(objs: ClaimedObject[]): KcidbObjects {
  const grouped = orderedByKind(objs);
  return Object.fromEntries(
    Object.entries(grouped).map(([k, list]) => [k, list.map((o) => o.body)]),
  );
}
