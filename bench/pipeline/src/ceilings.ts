/**
 * The ceilings the pipeline's figures are compared with, measured in the same run on the same
 * machine: a bare Fastify hello, raw JetStream publish and consume of a submission-sized
 * payload (own stream), and batched PostgreSQL inserts of test-object-sized rows (own table).
 */
import { spawn } from 'node:child_process';
import { AckPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

/** Starts hello-server.mjs in its own process; resolves with its port, pid and a stop(). */
export async function startHello(): Promise<{
  port: number;
  pid: number;
  stop: () => Promise<void>;
}> {
  const child = spawn(
    process.execPath,
    [new URL('../hello-server.mjs', import.meta.url).pathname],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface JetStreamCeiling {
  payloadBytes: number;
  published: number;
  publishPerSecond: number;
  consumePerSecond: number;
}

/**
 * Publishes `payload` for `durationMs` with up to `window` publishes awaiting their ack (as
 * §5a of the stack notes), then consumes them all with a durable pull consumer and explicit
 * acks. The stream is file-backed, like the bridge's.
 */
export async function jetStreamCeiling(
  natsUrl: string,
  stream: string,
  subject: string,
  payload: Uint8Array,
  durationMs: number,
  window = 256,
): Promise<JetStreamCeiling> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${subject}.>`], storage: StorageType.File });
    const js = jetstream(nc);
    let inflight = 0;
    let published = 0;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const start = performance.now();
    while (performance.now() - start < durationMs && failure === undefined) {
      if (inflight >= window) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      inflight++;
      js.publish(`${subject}.x`, payload).then(
        () => {
          inflight--;
          published++;
          wake?.();
        },
        (e: unknown) => {
          inflight--;
          failure = e instanceof Error ? e : new Error('JetStream publish failed');
          wake?.();
        },
      );
    }
    while (inflight > 0) await new Promise<void>((r) => (wake = r));
    const publishSeconds = (performance.now() - start) / 1000;
    if (failure !== undefined) throw failure;

    await jsm.consumers.add(stream, { durable_name: 'ceiling', ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get(stream, 'ceiling');
    const t0 = performance.now();
    const messages = await consumer.consume({ max_messages: 1000 });
    let consumed = 0;
    for await (const m of messages) {
      m.ack();
      if (++consumed >= published) break;
    }
    const consumeSeconds = (performance.now() - t0) / 1000;
    await jsm.streams.delete(stream);
    return {
      payloadBytes: payload.length,
      published,
      publishPerSecond: published / publishSeconds,
      consumePerSecond: consumed / consumeSeconds,
    };
  } finally {
    await nc.close();
  }
}

export interface PostgresCeiling {
  rowBytes: number;
  rows: number;
  rowsPerSecond: number;
}

/**
 * One connection inserting `batch` rows per statement (one transaction each) for `durationMs`
 * into an ordinary, WAL-logged table (bigserial key, jsonb, timestamptz) in schema `schema`.
 */
export async function postgresCeiling(
  databaseUrl: string,
  schema: string,
  row: string,
  durationMs: number,
  batch = 1000,
): Promise<PostgresCeiling> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const s = client.escapeIdentifier(schema);
    await client.query(`create schema ${s}`);
    await client.query(
      `create table ${s}.objects (id bigserial primary key, doc jsonb not null, created_at timestamptz not null default now())`,
    );
    const rows = Array.from({ length: batch }, () => row);
    const sql = `insert into ${s}.objects (doc) select unnest($1::jsonb[])`;
    let inserted = 0;
    const start = performance.now();
    while (performance.now() - start < durationMs) {
      await client.query(sql, [rows]);
      inserted += batch;
    }
    const seconds = (performance.now() - start) / 1000;
    await client.query(`drop schema ${s} cascade`);
    return { rowBytes: Buffer.byteLength(row), rows: inserted, rowsPerSecond: inserted / seconds };
  } finally {
    await client.end();
  }
}
