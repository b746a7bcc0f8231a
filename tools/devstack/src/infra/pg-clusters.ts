import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../process.js';
import { findExecutable, runCommand } from '../process.js';

/** A Debian `postgresql-common` cluster (`/etc/postgresql/<version>/<name>`). */
export interface DebianCluster {
  version: string;
  name: string;
  port: number;
  /** `online`, `down`, … as pg_lsclusters prints it; `unknown` when read from the config files. */
  status: string;
}

const DEBIAN_TOOL_DIRS = ['/usr/bin', '/usr/sbin'];
const CONF_ROOT = '/etc/postgresql';

/** Parses `pg_lsclusters` output (with or without its header line). */
export function parseLsClusters(output: string): DebianCluster[] {
  const clusters: DebianCluster[] = [];
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const [version, name, port, status] = fields;
    if (version === undefined || name === undefined || port === undefined || status === undefined)
      continue;
    if (!/^\d+(\.\d+)?$/.test(version) || !/^\d+$/.test(port)) continue; // the header, or noise
    clusters.push({ version, name, port: Number(port), status });
  }
  return clusters;
}

/** Reads `port = N` from a postgresql.conf text (5432 when unset). */
export function portFromConf(conf: string): number {
  const match = /^\s*port\s*=\s*(\d+)/m.exec(conf);
  return match?.[1] === undefined ? 5432 : Number(match[1]);
}

/** The Debian clusters on this machine, from pg_lsclusters or else from /etc/postgresql. */
export async function listDebianClusters(searchPath: readonly string[]): Promise<DebianCluster[]> {
  const lsclusters = findExecutable('pg_lsclusters', [...searchPath, ...DEBIAN_TOOL_DIRS]);
  if (lsclusters !== undefined) {
    const result = await runCommand(lsclusters, ['--no-header'], { timeoutMs: 10_000 });
    if (result.code === 0) return parseLsClusters(result.stdout);
  }
  const clusters: DebianCluster[] = [];
  for (const version of safeReaddir(CONF_ROOT)) {
    for (const name of safeReaddir(join(CONF_ROOT, version))) {
      try {
        const conf = readFileSync(join(CONF_ROOT, version, name, 'postgresql.conf'), 'utf8');
        clusters.push({ version, name, port: portFromConf(conf), status: 'unknown' });
      } catch {
        // not a cluster folder
      }
    }
  }
  return clusters;
}

/** `pg_ctlcluster --skip-systemctl-redirect <version> <name> start` (there is no systemd here). */
export async function startDebianCluster(
  cluster: DebianCluster,
  searchPath: readonly string[],
): Promise<{ command: string; result: RunResult }> {
  const ctl =
    findExecutable('pg_ctlcluster', [...searchPath, ...DEBIAN_TOOL_DIRS]) ?? 'pg_ctlcluster';
  const args = ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start'];
  const result = await runCommand(ctl, args, { timeoutMs: 60_000 });
  return { command: `pg_ctlcluster ${args.join(' ')}`, result };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
