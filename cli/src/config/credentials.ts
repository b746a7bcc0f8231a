/**
 * Where to send and with which token, resolved in this order: the `--kcidb-rest` /
 * `--kcidb-token` flags, then `KCIDB_REST` / `KCIDB_TOKEN`, then kci-dev's config file.
 * A token inside a URL (or the config's token) is only ever sent to that URL's host.
 */
import { KcidbConfigError, parseKcidbTarget, type KcidbTarget } from '@kci-bridge/kcidb';
import { CliError } from '../io.js';
import { userInfo, type CliEnv } from './env.js';
import { configCandidates, kciDevInstance, loadKciDevConfig } from './kci-dev-config.js';

export { COMMAND_LINE_TOKEN_WARNING, knownSecrets, tokenOnCommandLine } from './env.js';

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

/** The API token for a kci-bridge gateway (`--via`), and where it came from (never the token). */
export interface BridgeToken {
  token?: string;
  from: string;
}

/**
 * The token `--via` sends as `Authorization: Bearer`: `KCI_BRIDGE_TOKEN`, else the
 * `kci_bridge_token` key of the kci-dev config file's instance (found as for KCIDB). None is
 * fine: the gateway does not check tokens yet.
 */
export async function resolveBridgeToken(
  flags: Pick<TargetFlags, 'settings' | 'instance'>,
  env: CliEnv,
  lookup: { cwd: string; systemPath?: string; warn: (line: string) => void },
): Promise<BridgeToken> {
  if (env.kciBridgeToken !== undefined) {
    return { token: env.kciBridgeToken, from: 'KCI_BRIDGE_TOKEN' };
  }
  const loaded = await loadKciDevConfig({ ...lookup, settings: flags.settings, home: env.home });
  const instance = loaded && kciDevInstance(loaded, flags.instance);
  if (instance?.bridgeToken !== undefined) {
    return {
      token: instance.bridgeToken,
      from: `${instance.file} [${instance.instance}] kci_bridge_token`,
    };
  }
  return { from: 'nowhere (no KCI_BRIDGE_TOKEN, no kci_bridge_token in a kci-dev config file)' };
}
