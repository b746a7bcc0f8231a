import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { runSchemaPrefix, runStreamPrefix } from './naming.js';

/** Fails with a hint when PostgreSQL or NATS with JetStream cannot be reached. */
export async function checkReachable(databaseUrl: string, natsUrl: string): Promise<void> {
  const hint =
    'Start them with: eval "$(node tools/devstack/dist/cli.js infra)" (scripts/test.sh does)';
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`PostgreSQL at ${redact(databaseUrl)} is not usable: ${message(err)}. ${hint}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    const nc = await connect({ servers: natsUrl, timeout: 5_000 });
    try {
      await jetstreamManager(nc); // checks that JetStream answers
    } finally {
      await nc.close();
    }
  } catch (err) {
    throw new Error(`NATS with JetStream at ${natsUrl} is not usable: ${message(err)}. ${hint}`);
  }
}

/** Drops every schema whose name starts with `t<runId>_`. Returns their names. */
export async function dropRunSchemas(databaseUrl: string, runId: string): Promise<string[]> {
  const prefix = runSchemaPrefix(runId);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    // A pool a test forgot to close must not hang the run forever.
    await client.query("set lock_timeout = '15s'");
    const { rows } = await client.query<{ name: string }>(
      'select nspname as name from pg_namespace where left(nspname, $1) = $2 order by 1',
      [prefix.length, prefix],
    );
    for (const { name } of rows)
      await client.query(`drop schema if exists ${client.escapeIdentifier(name)} cascade`);
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/** Deletes every JetStream stream whose name starts with `T<RUNID>_`. Returns their names. */
export async function deleteRunStreams(natsUrl: string, runId: string): Promise<string[]> {
  const prefix = runStreamPrefix(runId);
  const nc = await connect({ servers: natsUrl, timeout: 5_000 });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const info of jsm.streams.list()) {
      if (info.config.name.startsWith(prefix)) names.push(info.config.name);
    }
    for (const name of names) await jsm.streams.delete(name);
    return names;
  } finally {
    await nc.close();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '<unparsable URL>';
  }
}
