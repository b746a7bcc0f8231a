/**
 * kci-dev's config file, read as kci-dev reads it (`kcidev/libs/common.py` load_toml):
 * the `--settings` path (default `./.kci-dev.toml`), else `~/.config/kci-dev/kci-dev.toml`,
 * else `/etc/kci-dev.toml`. The first file found wins; files are never merged.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { TomlError, parse } from 'smol-toml';
import { CliError } from '../io.js';

export const DEFAULT_SETTINGS = '.kci-dev.toml';
export const SYSTEM_CONFIG_PATH = '/etc/kci-dev.toml';

/** Where to look, and who to tell about a `--settings` path that does not exist. */
export interface ConfigLookup {
  /** `--settings`, or undefined for kci-dev's default `./.kci-dev.toml`. */
  settings?: string;
  cwd: string;
  home: string;
  systemPath?: string;
  warn: (line: string) => void;
}

/** The KCIDB settings of one instance of a kci-dev config file. */
export interface KciDevInstance {
  file: string;
  instance: string;
  url?: string;
  token?: string;
  /** `kci_bridge_token`: our key, the API token of a kci-bridge gateway (`--via`). */
  bridgeToken?: string;
}

/** The paths kci-dev would try, in order. */
export function configCandidates(lookup: ConfigLookup): string[] {
  const settings = lookup.settings ?? DEFAULT_SETTINGS;
  return [
    isAbsolute(settings) ? settings : resolve(lookup.cwd, settings),
    join(lookup.home, '.config', 'kci-dev', 'kci-dev.toml'),
    lookup.systemPath ?? SYSTEM_CONFIG_PATH,
  ];
}

/** The first kci-dev config file found, parsed; undefined when there is none. */
export async function loadKciDevConfig(
  lookup: ConfigLookup,
): Promise<{ file: string; doc: Record<string, unknown> } | undefined> {
  const [settingsPath, ...others] = configCandidates(lookup);
  if (settingsPath !== undefined) {
    const kind = await fileKind(settingsPath);
    if (kind === 'other') {
      throw new CliError('CONFIG_FILE', `--settings ${settingsPath} is not a kci-dev config file`);
    }
    if (kind === 'file') return { file: settingsPath, doc: await parseFile(settingsPath) };
    // kci-dev falls through silently; a mistyped explicit path deserves a word.
    if (lookup.settings !== undefined) {
      lookup.warn(`warning: --settings ${settingsPath} not found; looking further as kci-dev does`);
    }
  }
  for (const path of others) {
    if ((await fileKind(path)) !== 'missing') return { file: path, doc: await parseFile(path) };
  }
  return undefined;
}

/** The instance named by `--instance` or `default_instance`, with its KCIDB keys. */
export function kciDevInstance(
  loaded: { file: string; doc: Record<string, unknown> },
  instanceFlag: string | undefined,
): KciDevInstance | undefined {
  const { file, doc } = loaded;
  const fallback = doc.default_instance;
  const instance = instanceFlag ?? (typeof fallback === 'string' ? fallback : undefined);
  if (instance === undefined) return undefined;
  const table = doc[instance];
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    if (instanceFlag === undefined) return undefined;
    throw new CliError('CONFIG_FILE', `--instance ${instance}: no [${instance}] table in ${file}`);
  }
  const settings = table as Record<string, unknown>;
  return {
    file,
    instance,
    url: stringSetting(settings.kcidb_rest_url, 'kcidb_rest_url', instance, file),
    token: stringSetting(settings.kcidb_token, 'kcidb_token', instance, file),
    bridgeToken: stringSetting(settings.kci_bridge_token, 'kci_bridge_token', instance, file),
  };
}

function stringSetting(
  value: unknown,
  key: string,
  instance: string,
  file: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new CliError('CONFIG_FILE', `${file}: [${instance}] ${key} must be a string`);
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

async function fileKind(path: string): Promise<'file' | 'missing' | 'other'> {
  try {
    return (await stat(path)).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

async function parseFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new CliError('CONFIG_FILE', `cannot read ${path}: ${reason}`);
  }
  try {
    return parse(text);
  } catch (err) {
    // The parser's message quotes the offending line, which may hold a token: keep its first line.
    const what = err instanceof Error ? (err.message.split('\n')[0] ?? '') : 'invalid';
    const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : '';
    throw new CliError('CONFIG_FILE', `${path} is not valid TOML${where}: ${what}`);
  }
}
