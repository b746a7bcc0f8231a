import type { ObjectState, SubmitterObjectV1 } from '@kci-bridge/contracts';
import type { KcidbObjectKind } from '@kci-bridge/kcidb';
import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';

export interface NewObject {
  id: string;
  kind: KcidbObjectKind;
  body: object;
}

export interface ClaimedObject {
  id: string;
  kind: KcidbObjectKind;
  body: object;
  bytes: number;
  attempts: number;
}

/** The outbox of KCIDB objects: one row per KCIDB id, so a redelivered event changes nothing. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds objects not yet known and records which submission brought them (an identical
   * re-submission links to the same objects), for any number of submissions in one statement,
   * so one transaction; returns how many objects were new.
   */
  async addNew(submissions: { submissionId: string; objects: NewObject[] }[]): Promise<number> {
    const rows = submissions.flatMap(({ submissionId, objects }) =>
      objects.map((o) => ({
        s: submissionId,
        id: o.id,
        kind: o.kind,
        body: o.body,
        bytes: Buffer.byteLength(JSON.stringify(o.body)),
      })),
    );
    if (rows.length === 0) return 0;
    const [res] = await this.db.query<{ added: string }>(
      `with x as (
         select * from jsonb_to_recordset(?::jsonb) as x(s text, id text, kind text, body jsonb, bytes integer)),
       links as (
         insert into submission_objects (submission_id, object_id) select x.s, x.id from x on conflict do nothing),
       added as (
         insert into outbox_objects (id, kind, body, bytes) select x.id, x.kind, x.body, x.bytes from x
         on conflict (id) do nothing returning id)
       select count(*) as added from added`,
      [JSON.stringify(rows)],
    );
    return Number(res?.added ?? 0);
  }

  /** Takes due objects for this replica for `leaseMs`; other replicas skip them (SKIP LOCKED). */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedObject[]> {
    return this.db.query<ClaimedObject>(
      `with c as (
         select id from outbox_objects
         where state = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
         order by next_attempt_at, created_at limit ?::int for update skip locked)
       update outbox_objects o
       set lease_until = now() + (?::double precision * interval '1 millisecond'), attempts = o.attempts + 1, updated_at = now()
       from c where o.id = c.id
       returning o.id, o.kind, o.body, o.bytes, o.attempts`,
      [limit, leaseMs],
    );
  }

  /** Keeps a claim for another `leaseMs` (a batch sent in several reports). */
  async extendLease(ids: string[], leaseMs: number): Promise<void> {
    await this.db.query(
      `update outbox_objects set lease_until = now() + (?::double precision * interval '1 millisecond')
       where id in (select jsonb_array_elements_text(?::jsonb)) and state = 'pending'`,
      [leaseMs, JSON.stringify(ids)],
    );
  }

  /** Gives objects back for a later try, keeping the reason. */
  async retryLater(ids: string[], delayMs: number, reason: string): Promise<void> {
    await this.db.query(
      `update outbox_objects set lease_until = null, last_error = ?, updated_at = now(),
         next_attempt_at = now() + (?::double precision * interval '1 millisecond')
       where id in (select jsonb_array_elements_text(?::jsonb)) and state = 'pending'`,
      [reason, delayMs, JSON.stringify(ids)],
    );
  }

  /** Gives objects back untouched: the attempt did not count (a credentials problem is not the data's). */
  async release(ids: string[], delayMs: number, reason: string): Promise<void> {
    await this.db.query(
      `update outbox_objects set lease_until = null, attempts = greatest(attempts - 1, 0), last_error = ?,
         next_attempt_at = now() + (?::double precision * interval '1 millisecond'), updated_at = now()
       where id in (select jsonb_array_elements_text(?::jsonb)) and state = 'pending'`,
      [reason, delayMs, JSON.stringify(ids)],
    );
  }

  /**
   * KCIDB took the report: its objects are posted and the report is due for a `/status` check,
   * in one statement, so the status loop never sees the report before its objects (it would
   * settle none of them, and they would stay posted for ever).
   */
  async markPosted(
    ids: string[],
    report: {
      id: string;
      kcidbId: string;
      httpStatus: number;
      response: string;
      checkInMs: number;
    },
  ): Promise<void> {
    await this.db.query(
      // A data-modifying WITH runs to completion whether or not the main statement reads it.
      `with r as (
         update reports set state = 'posted', kcidb_id = ?, http_status = ?::int, response = ?,
           next_check_at = now() + (?::double precision * interval '1 millisecond')
         where id = ?::uuid)
       update outbox_objects set state = 'posted', report_id = ?::uuid, lease_until = null,
         last_error = null, updated_at = now()
       where id in (select jsonb_array_elements_text(?::jsonb)) and state = 'pending'`,
      [
        report.kcidbId,
        report.httpStatus,
        report.response,
        report.checkInMs,
        report.id,
        report.id,
        JSON.stringify(ids),
      ],
    );
  }

  async markSubmitted(ids: string[], reportId: string): Promise<void> {
    await this.db.query(
      `update outbox_objects set state = 'submitted', report_id = ?, lease_until = null, last_error = null, updated_at = now()
       where id in (select jsonb_array_elements_text(?::jsonb)) and state in ('pending', 'posted')`,
      [reportId, JSON.stringify(ids)],
    );
  }

  async markDead(ids: string[], reason: string, reportId: string | null): Promise<void> {
    await this.db.query(
      `update outbox_objects set state = 'dead', last_error = ?, report_id = coalesce(?::uuid, report_id), lease_until = null,
         updated_at = now()
       where id in (select jsonb_array_elements_text(?::jsonb)) and state in ('pending', 'posted')`,
      [reason, reportId, JSON.stringify(ids)],
    );
  }

  /** KCIDB ingested the report: its objects are submitted. */
  async settleSubmitted(reportId: string): Promise<void> {
    await this.db.query(
      `update outbox_objects set state = 'submitted', last_error = null, updated_at = now()
       where report_id = ? and state = 'posted'`,
      [reportId],
    );
  }

  /** KCIDB failed the report: its objects are dead, with the reason; returns their ids. */
  async settleDead(reportId: string, reason: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `update outbox_objects set state = 'dead', last_error = ?, updated_at = now()
       where report_id = ? and state = 'posted' returning id`,
      [reason, reportId],
    );
    return rows.map((r) => r.id);
  }

  /** Puts a lost report's objects back in the queue (KCIDB no longer knows it). */
  async requeueReport(reportId: string, reason: string): Promise<void> {
    await this.db.query(
      `update outbox_objects set state = 'pending', next_attempt_at = now(), last_error = ?, updated_at = now()
       where report_id = ? and state = 'posted'`,
      [reason, reportId],
    );
  }

  /** Puts dead objects back in the queue (a dead letter retried after a fix); returns how many. */
  async requeueDead(ids: string[]): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      `update outbox_objects set state = 'pending', attempts = 0, next_attempt_at = now(), lease_until = null,
         report_id = null, updated_at = now()
       where id in (select jsonb_array_elements_text(?::jsonb)) and state = 'dead' returning id`,
      [JSON.stringify(ids)],
    );
    return rows.length;
  }

  /** Makes every pending object of these kinds due now (a sync). Returns how many. */
  async makeDue(kinds: KcidbObjectKind[]): Promise<number> {
    const res = await this.db.query<{ id: string }>(
      `update outbox_objects set next_attempt_at = now(), updated_at = now()
       where state = 'pending' and kind in (select jsonb_array_elements_text(?::jsonb)) and next_attempt_at > now() returning id`,
      [JSON.stringify(kinds)],
    );
    return res.length;
  }

  /** Ids among `ids` that the outbox knows (parents submitted through the bridge). */
  async known(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      `select id from outbox_objects where id in (select jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify(ids)],
    );
    return new Set(rows.map((r) => r.id));
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ state: string; n: string }>(
      `select state, count(*) as n from outbox_objects group by state`,
    );
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async oldestPendingSeconds(): Promise<number> {
    const [row] = await this.db.query<{ s: string | null }>(
      `select extract(epoch from now() - min(created_at)) as s from outbox_objects where state in ('pending', 'posted')`,
    );
    return Number(row?.s ?? 0);
  }

  async countPending(): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      `select count(*) as n from outbox_objects where state = 'pending' and next_attempt_at <= now()`,
    );
    return Number(row?.n ?? 0);
  }

  /** The objects of one submission with their state, for the status query. */
  async ofSubmission(
    submissionId: string,
    limit = 1_000,
  ): Promise<{ counts: Record<ObjectState, number>; objects: SubmitterObjectV1[] }> {
    const counts: Record<ObjectState, number> = { pending: 0, posted: 0, submitted: 0, dead: 0 };
    const countRows = await this.db.query<{ state: ObjectState; n: string }>(
      `select o.state, count(*) as n from submission_objects s join outbox_objects o on o.id = s.object_id
       where s.submission_id = ? group by o.state`,
      [submissionId],
    );
    for (const r of countRows) counts[r.state] = Number(r.n);
    const rows = await this.db.query<{
      id: string;
      kind: string;
      state: ObjectState;
      attempts: number;
      last_error: string | null;
      kcidb_id: string | null;
    }>(
      `select o.id, o.kind, o.state, o.attempts, o.last_error, r.kcidb_id
       from submission_objects s join outbox_objects o on o.id = s.object_id
       left join reports r on r.id = o.report_id
       where s.submission_id = ? order by o.id limit ?::int`,
      [submissionId, limit],
    );
    return {
      counts,
      objects: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        state: r.state,
        attempts: r.attempts,
        ...(r.last_error !== null ? { reason: r.last_error } : {}),
        ...(r.kcidb_id !== null ? { kcidbSubmissionId: r.kcidb_id } : {}),
      })),
    };
  }
}
