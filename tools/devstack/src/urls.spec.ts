import { describe, expect, it } from 'vitest';
import {
  exportLine,
  isLoopbackHost,
  parseNatsServers,
  parseNatsUrl,
  parsePostgresUrl,
  quoteIdent,
  redactUrl,
  redactUrls,
  shellQuote,
  withDatabase,
} from './urls.js';

describe('parsePostgresUrl', () => {
  it('reads host, port, user and database', () => {
    expect(parsePostgresUrl('postgres://kci:secret@db.example:6543/bridge')).toEqual({
      url: 'postgres://kci:secret@db.example:6543/bridge',
      host: 'db.example',
      port: 6543,
      user: 'kci',
      database: 'bridge',
    });
  });

  it('defaults the port to 5432, the user to postgres and the database to the user', () => {
    const t = parsePostgresUrl('postgresql://127.0.0.1');
    expect([t.port, t.user, t.database]).toEqual([5432, 'postgres', 'postgres']);
  });

  it('strips IPv6 brackets', () => {
    expect(parsePostgresUrl('postgres://postgres@[::1]:5433/x').host).toBe('::1');
  });

  it.each([
    ['mysql://root@127.0.0.1/x', /postgres:\/\//],
    ['not a url', /is not a URL/],
    ['postgres:///postgres?host=/var/run/postgresql', /TCP host/],
    ['postgres://127.0.0.1:99999/x', /not a URL|out of range/],
  ])('rejects %s', (raw, message) => {
    expect(() => parsePostgresUrl(raw)).toThrow(message);
  });
});

describe('parseNatsUrl', () => {
  it('reads host and port, defaulting to 4222', () => {
    expect(parseNatsUrl('nats://127.0.0.1:4333')).toMatchObject({ host: '127.0.0.1', port: 4333 });
    expect(parseNatsUrl('nats://localhost').port).toBe(4222);
  });

  it('takes a bare host:port as nats://', () => {
    expect(parseNatsUrl('127.0.0.1:4444')).toEqual({
      url: 'nats://127.0.0.1:4444',
      host: '127.0.0.1',
      port: 4444,
    });
  });

  it('refuses a list and other schemes', () => {
    expect(() => parseNatsUrl('nats://a:4222,nats://b:4222')).toThrow(/one URL per node/);
    expect(() => parseNatsUrl('http://127.0.0.1:4222')).toThrow(/nats:\/\//);
  });
});

describe('parseNatsServers', () => {
  it('takes one URL as a single node', () => {
    expect(parseNatsServers('nats://127.0.0.1:4222')).toEqual({
      url: 'nats://127.0.0.1:4222',
      nodes: [{ url: 'nats://127.0.0.1:4222', host: '127.0.0.1', port: 4222 }],
    });
  });

  it("takes a cluster's nodes, comma-separated", () => {
    const servers = parseNatsServers('nats://n1:4222, n2:4223,nats://n3');
    expect(servers.url).toBe('nats://n1:4222,nats://n2:4223,nats://n3');
    expect(servers.nodes.map((n) => `${n.host}:${n.port}`)).toEqual([
      'n1:4222',
      'n2:4223',
      'n3:4222',
    ]);
  });

  it.each([
    ['nats://a:4222,', /empty entry/],
    ['nats://a:4222,http://b:4222', /node 2 \("http:\/\/b:4222"\): expected a nats:\/\//],
    ['nats://a:4222,a:4222', /a:4222 is listed twice/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseNatsServers(raw)).toThrow(message);
  });
});

describe('redactUrls', () => {
  it('redacts each URL of a list', () => {
    expect(redactUrls('nats://u:p@a:4222,nats://b:4222')).toBe('nats://u@a:4222,nats://b:4222');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    'api.localhost',
  ])('%s is this machine', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each(['10.0.0.5', '192.168.1.1', 'db.example', '::ffff:10.0.0.1', '0.0.0.0', '128.0.0.1'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('redactUrl / withDatabase', () => {
  it('removes the password and keeps the rest', () => {
    expect(redactUrl('postgres://kci:s3cret@127.0.0.1:5432/bridge')).toBe(
      'postgres://kci@127.0.0.1:5432/bridge',
    );
    expect(redactUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
  });

  it('swaps the database', () => {
    expect(
      withDatabase('postgres://postgres@127.0.0.1:5432/bridge?sslmode=disable', 'postgres'),
    ).toBe('postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable');
  });
});

describe('quoting', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellQuote('')).toBe("''");
  });

  it('makes export lines a shell can eval', () => {
    expect(exportLine('KCI_DATABASE_URL', 'postgres://u:p&q@h/db')).toBe(
      "export KCI_DATABASE_URL='postgres://u:p&q@h/db'",
    );
  });

  it('quotes SQL identifiers', () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
