import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DevstackConfig } from '../config/env.js';
import { DevstackError } from '../errors.js';
import { ensureInfra } from '../infra.js';
import type { Logger } from '../log.js';
import { canConnect } from '../net.js';
import { NODE_FLAGS } from '../services.js';
import { redactUrl, redactUrls } from '../urls.js';
import { waitForReady } from './readiness.js';
import { Supervisor } from './supervisor.js';

interface PlannedService {
  /** `<service>`, or `<service>#<k>` for its k-th replica. */
  name: string;
  port: number;
  entry: string;
  nodeFlags: readonly string[];
}

/**
 * The file where `up` lists the running services' pids: `{"<service>": pid}`, and
 * `"<service>#<k>": pid` for the k-th replica of a service run more than once.
 */
export function upPidsFile(stateDir: string): string {
  return join(stateDir, 'up.pids.json');
}

/**
 * `up`: infrastructure, then the five services under a supervisor, in the foreground until a
 * signal. Resolves with the exit code.
 */
export async function runUp(
  config: DevstackConfig,
  log: Logger,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const urls = await ensureInfra(config, log);
  const planned: PlannedService[] = config.instances.map((i) => ({
    name: i.name,
    port: i.port,
    entry: join(config.repoRoot, 'services', i.service, 'dist', 'main.js'),
    nodeFlags: NODE_FLAGS[i.service],
  }));
  await checkStartable(config, planned);

  const pidsFile = upPidsFile(config.stateDir);
  const baseEnv = {
    ...config.inheritedEnv,
    KCI_DATABASE_URL: urls.databaseUrl,
    KCI_NATS_URL: urls.natsUrl,
  };
  const supervisor = new Supervisor({
    services: planned.map((s) => ({
      name: s.name,
      command: process.execPath,
      args: [...s.nodeFlags, s.entry],
      cwd: config.repoRoot,
      env: { ...baseEnv, KCI_HTTP_PORT: String(s.port) },
    })),
    log,
    pidsFile,
    logDir: config.upLogDir,
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    log.info(`${signal}: stopping the services (SIGTERM, then SIGKILL after 10 s)`);
    void supervisor.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => supervisor.killNow());

  supervisor.start();
  log.info(
    `started ${planned.length} service processes (pids in ${pidsFile}${config.upLogDir === undefined ? '' : `, output in ${config.upLogDir}/<service>.log`}); waiting up to ${config.upReadyTimeoutMs / 1000} s for /health/ready`,
  );
  const notReady = await waitForReady(
    planned,
    config.upReadyTimeoutMs,
    () => supervisor.isStopping,
  );
  if (supervisor.isStopping) return exitCodeOf(await supervisor.finished);
  if (notReady.length > 0) {
    for (const { name, port } of planned.filter((s) => notReady.includes(s.name))) {
      const tail = supervisor.tail(name);
      const file =
        config.upLogDir === undefined
          ? ''
          : ` (all of it in ${join(config.upLogDir, `${name}.log`)})`;
      log.warn(
        `${name} is not ready: http://127.0.0.1:${port}/health/ready did not answer 200 within ${config.upReadyTimeoutMs / 1000} s. Last lines of its output${file}:\n${tail.length === 0 ? '(no output)' : tail.join('\n')}`,
      );
    }
    await supervisor.stop();
    return 1;
  }
  out.write(`${summary(config, planned, urls, supervisor.pids())}\n`);
  return exitCodeOf(await supervisor.finished);
}

function exitCodeOf(outcome: Awaited<Supervisor['finished']>): number {
  return outcome.kind === 'stopped' ? 0 : 1;
}

async function checkStartable(
  config: DevstackConfig,
  planned: readonly PlannedService[],
): Promise<void> {
  const unbuilt = new Set(
    planned.filter((s) => !existsSync(s.entry)).map((s) => relative(config.repoRoot, s.entry)),
  );
  if (unbuilt.size > 0) {
    const list = [...unbuilt].join(', ');
    throw new DevstackError(
      `not built: ${list}. Run \`npx turbo run build\` first (\`npm run up\` does).`,
    );
  }
  const busy: string[] = [];
  for (const s of planned)
    if (await canConnect('127.0.0.1', s.port, 500)) busy.push(`${s.name} ${s.port}`);
  if (busy.length > 0) {
    throw new DevstackError(
      `port already in use: ${busy.join(', ')}. Is another \`up\` running (see ${upPidsFile(config.stateDir)})? Stop it, or choose other ports with KCI_*_PORT.`,
    );
  }
  mkdirSync(config.stateDir, { recursive: true });
}

function summary(
  config: DevstackConfig,
  planned: readonly PlannedService[],
  urls: { databaseUrl: string; natsUrl: string },
  pids: Record<string, number>,
): string {
  const width = Math.max(...planned.map((s) => s.name.length), 'PostgreSQL'.length) + 2;
  const row = (label: string, value: string): string => `  ${label.padEnd(width)}${value}`;
  const gateway = config.servicePorts.gateway;
  const lines = [
    'kci-bridge is up:',
    ...planned.map((s) => row(s.name, `http://127.0.0.1:${s.port}  (pid ${pids[s.name] ?? '?'})`)),
    row('API', `http://127.0.0.1:${gateway}/api/v1`),
    row('PostgreSQL', redactUrl(urls.databaseUrl)),
    row('NATS', redactUrls(urls.natsUrl)),
    row('pids', upPidsFile(config.stateDir)),
  ];
  if (config.upLogDir !== undefined) lines.push(row('logs', `${config.upLogDir}/<service>.log`));
  lines.push('Press Ctrl-C to stop');
  return lines.join('\n');
}
