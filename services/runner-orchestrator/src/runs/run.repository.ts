import type { RunFinishedV1, RunState, RunTransitionV1 } from '@kci-bridge/contracts';
import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';
import type { RunKind, RunnerName } from '../runners/runner-adapter.js';
import { canTransition } from './run-state.js';

export interface RunRow {
  id: string;
  kind: RunKind;
  runner: RunnerName;
  state: RunState;
  runner_job_id: string | null;
  runner_job_url: string | null;
  request: RunFinishedV1['request'];
  callback_secret: string;
  result: RunFinishedV1['result'] | null;
  reason: string | null;
  deadline_at: Date;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A run without its request, result and secret: what a list shows. */
export type RunSummaryRow = Omit<RunRow, 'request' | 'callback_secret' | 'result'>;

/** Runs and their transitions. Every state change goes through `transition`, which records it. */
@Injectable()
export class RunRepository {
  constructor(private readonly db: Database) {}

  /** Creates the run unless it exists (a redelivered command); returns the stored run. */
  async createOnce(run: {
    id: string;
    kind: RunKind;
    runner: RunnerName;
    request: RunFinishedV1['request'];
    secret: string;
    deadlineMs: number;
  }): Promise<RunRow> {
    await this.db.execute(
      `with ins as (
         insert into runs (id, kind, runner, state, request, callback_secret, deadline_at)
         values (?, ?, ?, 'requested', ?::jsonb, ?, now() + (? * interval '1 millisecond'))
         on conflict (id) do nothing returning id)
       insert into run_transitions (run_id, from_state, to_state, reason) select id, null, 'requested', null from ins`,
      [run.id, run.kind, run.runner, JSON.stringify(run.request), run.secret, run.deadlineMs],
    );
    const found = await this.find(run.id);
    if (!found) throw new Error(`run ${run.id} vanished after insert`);
    return found;
  }

  async find(id: string): Promise<RunRow | undefined> {
    const [row] = await this.db.execute<RunRow>(`select * from runs where id = ?`, [id]);
    return row;
  }

  /**
   * Moves a run to `to` if the state machine allows it from its current state; records the
   * transition. Returns false (and changes nothing) when it does not, e.g. a repeated callback.
   */
  async transition(
    id: string,
    to: RunState,
    changes: {
      reason?: string;
      jobId?: string;
      jobUrl?: string;
      result?: RunFinishedV1['result'];
      nextCheckInMs?: number;
    } = {},
  ): Promise<boolean> {
    const em = this.db.em();
    return em.transactional(async (tx) => {
      const conn = tx.getConnection();
      const [row] = await conn.execute<{ state: RunState }[]>(
        `select state from runs where id = ? for update`,
        [id],
      );
      if (!row || !canTransition(row.state, to)) return false;
      const terminal = to === 'finished' || to === 'failed' || to === 'timed_out';
      await conn.execute(
        `update runs set state = ?, reason = coalesce(?, reason), runner_job_id = coalesce(?, runner_job_id),
           runner_job_url = coalesce(?, runner_job_url), result = coalesce(?::jsonb, result),
           next_check_at = case when ? then null else now() + (? * interval '1 millisecond') end,
           finished_at = case when ? then now() else finished_at end, updated_at = now()
         where id = ?`,
        [
          to,
          changes.reason ?? null,
          changes.jobId ?? null,
          changes.jobUrl ?? null,
          changes.result === undefined ? null : JSON.stringify(changes.result),
          terminal,
          changes.nextCheckInMs ?? 0,
          terminal,
          id,
        ],
      );
      await conn.execute(
        `insert into run_transitions (run_id, from_state, to_state, reason) values (?, ?, ?, ?)`,
        [id, row.state, to, changes.reason ?? null],
      );
      return true;
    });
  }

  /** Runs whose callback is overdue, claimed for `leaseMs` so replicas do not poll the same one. */
  async claimOverdue(limit: number, leaseMs: number): Promise<RunRow[]> {
    return this.db.execute<RunRow>(
      `with c as (
         select id from runs where state in ('launched', 'running') and next_check_at <= now()
         order by next_check_at limit ? for update skip locked)
       update runs r set next_check_at = now() + (? * interval '1 millisecond')
       from c where r.id = c.id returning r.*`,
      [limit, leaseMs],
    );
  }

  /** Runs not yet ended whose deadline passed (e.g. never launched). */
  async pastDeadline(limit: number): Promise<string[]> {
    const rows = await this.db.execute<{ id: string }>(
      `select id from runs where finished_at is null and deadline_at < now() order by deadline_at limit ?`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async countByState(): Promise<Array<{ state: string; runner: string; n: number }>> {
    const rows = await this.db.execute<{ state: string; runner: string; n: string }>(
      `select state, runner, count(*) as n from runs group by state, runner`,
    );
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  async checkAgainIn(id: string, ms: number): Promise<void> {
    await this.db.execute(
      `update runs set next_check_at = now() + (? * interval '1 millisecond') where id = ? and state in ('launched', 'running')`,
      [ms, id],
    );
  }

  /** Ended runs whose run-finished event is not yet published (outbox), claimed for `leaseMs`. */
  async claimUnpublished(limit: number, leaseMs: number): Promise<RunRow[]> {
    return this.db.execute<RunRow>(
      `with c as (
         select id from runs where finished_at is not null and published_at is null
           and (next_check_at is null or next_check_at <= now())
         order by finished_at limit ? for update skip locked)
       update runs r set next_check_at = now() + (? * interval '1 millisecond')
       from c where r.id = c.id returning r.*`,
      [limit, leaseMs],
    );
  }

  async markPublished(id: string): Promise<void> {
    await this.db.execute(
      `update runs set published_at = now(), next_check_at = null where id = ?`,
      [id],
    );
  }

  /** The newest runs (the status page), without their requests and results. */
  async recent(limit: number): Promise<RunSummaryRow[]> {
    return this.db.execute(
      `select id, kind, runner, state, runner_job_id, runner_job_url, reason, deadline_at, finished_at,
         created_at, updated_at
       from runs order by created_at desc limit ?`,
      [limit],
    );
  }

  async transitions(id: string): Promise<RunTransitionV1[]> {
    const rows = await this.db.execute<{
      from_state: RunState | null;
      to_state: RunState;
      reason: string | null;
      at: Date;
    }>(
      `select from_state, to_state, reason, at from run_transitions where run_id = ? order by id`,
      [id],
    );
    return rows.map((r) => ({
      from: r.from_state,
      to: r.to_state,
      ...(r.reason !== null ? { reason: r.reason } : {}),
      at: new Date(r.at).toISOString(),
    }));
  }
}
