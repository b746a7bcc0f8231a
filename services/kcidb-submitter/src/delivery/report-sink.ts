import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StatusOutcome, SubmitOutcome } from '@kci-bridge/kcidb';
import { KcidbClient } from '@kci-bridge/kcidb';
import type { SubmitterConfig } from '../config/env.js';

/** Where reports go: KCIDB's REST API, or a spool directory (the embedded default). */
export interface ReportSink {
  readonly kind: 'rest' | 'spool';
  /** Safe to log: no token. */
  readonly display: string;
  submit(body: string): Promise<SubmitOutcome>;
  status(id: string): Promise<StatusOutcome>;
}

export class RestSink implements ReportSink {
  readonly kind = 'rest';
  readonly display: string;
  private readonly client: KcidbClient;

  constructor(target: Extract<SubmitterConfig['target'], { kind: 'rest' }>, timeoutMs: number) {
    this.client = new KcidbClient({ target: target.kcidb, timeoutMs });
    this.display = target.kcidb.display;
  }

  submit(body: string): Promise<SubmitOutcome> {
    return this.client.submit(body);
  }

  status(id: string): Promise<StatusOutcome> {
    return this.client.status(id);
  }
}

/** Writes each report as `submission-<id>.json`, as kcidb-ng's own spool does, atomically. */
export class SpoolSink implements ReportSink {
  readonly kind = 'spool';
  readonly display: string;

  constructor(private readonly dir: string) {
    this.display = `spool directory ${dir}`;
  }

  async submit(body: string): Promise<SubmitOutcome> {
    const id = randomBytes(16).toString('hex');
    try {
      await mkdir(this.dir, { recursive: true });
      const path = join(this.dir, `submission-${id}.json`);
      await writeFile(`${path}.temp`, body);
      await rename(`${path}.temp`, path);
      return { kind: 'accepted', submissionId: id, httpStatus: 200, body: `spooled to ${path}` };
    } catch (e) {
      return {
        kind: 'retryable',
        reason: `cannot write to ${this.dir}: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }

  status(): Promise<StatusOutcome> {
    return Promise.resolve({ kind: 'processed', body: 'spooled' });
  }
}

/** The sink the configuration asks for. */
export function sinkFor(config: SubmitterConfig): ReportSink {
  return config.target.kind === 'rest'
    ? new RestSink(config.target, config.timeoutMs)
    : new SpoolSink(config.target.dir);
}
