/**
 * Where to send and with which token, resolved in this order: the `--kcidb-rest` /
 * `--kcidb-token` flags, then `KCIDB_REST` / `KCIDB_TOKEN`, then kci-dev's config file.
 * A token inside a URL (or the config's token) is only ever sent to that URL's host.
 */
import { KcidbConfigError, parseKcidbTarget, type KcidbTarget } from '@kci-bridge/kcidb';
import { CliError } from '../io.js';
import type { CliEnv } from './env.js';
import { configCandidates, kciDevInstance, loadKciDevConfig } from './kci-dev-config.js';

/** The options that say where to send. */
export interface TargetFlags {
  kcidbRest?: string;
  kcidbToken?: string;
  settings?: string;
  instance?: string;
}

/** A target and where its URL and token came from (never the token itself). */
export interface ResolvedTarget {
  target: KcidbTarget;
  urlFrom: string;
  tokenFrom: string;
}

export const COMMAND_LINE_TOKEN_WARNING =
  'warning: a KCIDB token on the command line is visible in your shell history and process list; prefer KCIDB_REST or the config file';

/** Resolve the KCIDB target; throws a `CliError` (exit 3) that never contains the token. */
export async function resolveTarget(
  flags: TargetFlags,
  env: CliEnv,
  lookup: { cwd: string; systemPath?: string; warn: (line: string) => void },
): Promise<ResolvedTarget> {
  const source = await targetUrl(flags, env, lookup);
  const inUrl = userInfo(source.url);
  // First one set wins. A token inside a URL or in the config goes only with that URL.
  const candidates: [string | undefined, string][] = [
    [flags.kcidbToken, '--kcidb-token'],
    [source.from === '--kcidb-rest' ? inUrl : undefined, 'the --kcidb-rest URL'],
    [env.kcidbToken, 'KCIDB_TOKEN'],
    [inUrl, source.from],
    [source.configToken, source.configTokenFrom ?? ''],
  ];
  const [token, tokenFrom] = candidates.find(([value]) => value !== undefined) ?? [undefined, ''];
  try {
    const target = parseKcidbTarget({ url: source.url, token });
    return { target, urlFrom: source.from, tokenFrom };
  } catch (err) {
    if (err instanceof KcidbConfigError) {
      throw new CliError('CREDENTIALS', `${source.from}: ${err.message}`);
    }
    throw err;
  }
}

interface UrlSource {
  url: string;
  from: string;
  configToken?: string;
  configTokenFrom?: string;
}

async function targetUrl(
  flags: TargetFlags,
  env: CliEnv,
  lookup: { cwd: string; systemPath?: string; warn: (line: string) => void },
): Promise<UrlSource> {
  if (flags.kcidbRest !== undefined) return { url: flags.kcidbRest, from: '--kcidb-rest' };
  if (env.kcidbRest !== undefined) return { url: env.kcidbRest, from: 'KCIDB_REST' };
  const configLookup = { ...lookup, settings: flags.settings, home: env.home };
  const loaded = await loadKciDevConfig(configLookup);
  const instance = loaded && kciDevInstance(loaded, flags.instance);
  if (instance?.url === undefined) {
    const where = loaded
      ? `${loaded.file} has no kcidb_rest_url for instance ${instance?.instance ?? '(no default_instance)'}`
      : `no kci-dev config file found (looked in ${configCandidates(configLookup).join(', ')})`;
    throw new CliError(
      'CREDENTIALS',
      `no KCIDB target: give --kcidb-rest URL, set KCIDB_REST=https://<token>@host, or set kcidb_rest_url and kcidb_token in a kci-dev config file (${where})`,
    );
  }
  const at = `${instance.file} [${instance.instance}]`;
  return {
    url: instance.url,
    from: `${at} kcidb_rest_url`,
    configToken: instance.token,
    configTokenFrom: `${at} kcidb_token`,
  };
}

/** Every token the flags and the environment carry, so output can be scrubbed of them. */
export function knownSecrets(flags: TargetFlags, env: CliEnv): string[] {
  const secrets = [
    flags.kcidbToken,
    env.kcidbToken,
    userInfo(flags.kcidbRest),
    userInfo(env.kcidbRest),
  ];
  return secrets.filter((s): s is string => s !== undefined && s !== '');
}

/** Whether the command line itself carries a token (worth a warning). */
export function tokenOnCommandLine(flags: TargetFlags): boolean {
  return flags.kcidbToken !== undefined || hasUserInfo(flags.kcidbRest);
}

function hasUserInfo(url: string | undefined): boolean {
  return userInfo(url) !== undefined;
}

function userInfo(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.username === '') return undefined;
    try {
      return decodeURIComponent(parsed.username);
    } catch {
      return parsed.username;
    }
  } catch {
    return undefined;
  }
}
