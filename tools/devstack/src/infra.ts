import type { DevstackConfig } from './config/env.js';
import type { InfraContext } from './infra/context.js';
import { ensureNats, stopOwnNats } from './infra/nats.js';
import { stopOwnPostgres } from './infra/pg-private.js';
import { ensurePostgres } from './infra/postgres.js';
import type { Logger } from './log.js';
import { exportLine } from './urls.js';

/** The URLs the services and tests should use, once both servers answer. */
export interface InfraUrls {
  databaseUrl: string;
  natsUrl: string;
}

/**
 * Makes sure PostgreSQL and NATS with JetStream are reachable, starting local ones that are down
 * (unless `allowStart` is false). Servers it starts keep running after this process exits.
 */
export async function ensureInfra(
  config: DevstackConfig,
  log: Logger,
  options: { allowStart: boolean } = { allowStart: true },
): Promise<InfraUrls> {
  const ctx: InfraContext = { config, log, allowStart: options.allowStart };
  await ensurePostgres(ctx);
  await ensureNats(ctx);
  return { databaseUrl: config.postgres.url, natsUrl: config.nats.url };
}

/** The lines `infra` prints on stdout, for `eval`. */
export function exportLines(urls: InfraUrls): string[] {
  return [
    exportLine('KCI_DATABASE_URL', urls.databaseUrl),
    exportLine('KCI_NATS_URL', urls.natsUrl),
  ];
}

/** Stops only the servers devstack itself started for this state dir (never a system cluster). */
export async function stopOwnInfra(config: DevstackConfig, log: Logger): Promise<void> {
  const pg = await stopOwnPostgres(config.stateDir, config.searchPath, log);
  const nats = await stopOwnNats(config.stateDir, log);
  if (!pg && !nats)
    log.info(`nothing to stop: no server started by devstack runs for ${config.stateDir}`);
}
