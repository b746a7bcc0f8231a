import { isIPv4 } from 'node:net';

/** A PostgreSQL server and database named by a `postgres://` URL. */
export interface PostgresTarget {
  /** The URL as given (may carry a password: print `redactUrl(url)` instead). */
  url: string;
  /** Host without IPv6 brackets. */
  host: string;
  port: number;
  user: string;
  database: string;
}

/** A NATS server named by a `nats://` URL. */
export interface NatsTarget {
  url: string;
  host: string;
  port: number;
}

/** `KCI_NATS_URL`: one server, or the nodes of a cluster (comma-separated). */
export interface NatsServers {
  /** Every node's URL, comma-separated, as the services receive it. */
  url: string;
  nodes: readonly NatsTarget[];
}

const PG_DEFAULT_PORT = 5432;
const NATS_DEFAULT_PORT = 4222;

/** Parses a `postgres://` or `postgresql://` URL; throws an Error saying what is wrong. */
export function parsePostgresUrl(raw: string): PostgresTarget {
  const url = parseUrl(raw, 'postgres://user@host:5432/database');
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`expected a postgres:// URL, got scheme "${url.protocol}"`);
  }
  const host = stripBrackets(url.hostname);
  if (host === '') {
    throw new Error(
      'the URL must name a TCP host, e.g. postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
  const user = decodeURIComponent(url.username) || 'postgres';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  if (database.includes('/')) throw new Error(`"${database}" is not a database name`);
  return { url: raw, host, port: parsePort(url.port, PG_DEFAULT_PORT), user, database };
}

/** Parses one `nats://host:port` URL (a bare `host:port` is taken as nats://). */
export function parseNatsUrl(raw: string): NatsTarget {
  if (raw.includes(',')) {
    throw new Error('one URL per node: split the comma-separated list first');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `nats://${raw}`;
  const url = parseUrl(withScheme, 'nats://127.0.0.1:4222');
  if (url.protocol !== 'nats:') {
    throw new Error(`expected a nats:// URL, got scheme "${url.protocol}"`);
  }
  const host = stripBrackets(url.hostname);
  if (host === '') throw new Error('the URL must name a host, e.g. nats://127.0.0.1:4222');
  return { url: withScheme, host, port: parsePort(url.port, NATS_DEFAULT_PORT) };
}

/** Parses `KCI_NATS_URL`: one URL, or a comma-separated list of a cluster's nodes. */
export function parseNatsServers(raw: string): NatsServers {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    throw new Error(`"${raw}" has an empty entry; list the nodes as nats://a:4222,nats://b:4222`);
  }
  const nodes = parts.map((p, i) => {
    try {
      return parseNatsUrl(p);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(parts.length === 1 ? why : `node ${i + 1} ("${p}"): ${why}`);
    }
  });
  const seen = new Set<string>();
  for (const n of nodes) {
    const key = `${n.host}:${n.port}`;
    if (seen.has(key)) throw new Error(`${key} is listed twice`);
    seen.add(key);
  }
  return { url: nodes.map((n) => n.url).join(','), nodes };
}

/** True for names and addresses that can only mean this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped IPv6, e.g. ::ffff:127.0.0.1
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped?.[1] !== undefined && mapped[1].startsWith('127.');
}

/** The URL without its password, for messages and summaries. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password === '') return raw;
    url.password = '';
    return url.toString();
  } catch {
    return '<unparsable URL>';
  }
}

/** Each URL of a comma-separated list without its password. */
export function redactUrls(list: string): string {
  return list
    .split(',')
    .map((u) => redactUrl(u.trim()))
    .join(',');
}

/** The same server URL with another database name (to reach `postgres` when the target is missing). */
export function withDatabase(raw: string, database: string): string {
  const url = new URL(raw);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Single-quotes a word for POSIX shells. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A line a shell can `eval`: `export NAME=value`. */
export function exportLine(name: string, value: string): string {
  return `export ${name}=${shellQuote(value)}`;
}

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function parseUrl(raw: string, example: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL (expected something like ${example})`);
  }
}

function parsePort(port: string, fallback: number): number {
  if (port === '') return fallback;
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`port "${port}" is out of range`);
  return n;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
