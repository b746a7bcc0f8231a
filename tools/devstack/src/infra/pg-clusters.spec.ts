import { describe, expect, it } from 'vitest';
import { parseLsClusters, portFromConf } from './pg-clusters.js';
import { isTransientPgError } from './postgres.js';
import { commandAs } from './run-as.js';
import { layoutUnder, listenAddress, relocatedBase } from './pg-private.js';

describe('parseLsClusters', () => {
  it('reads pg_lsclusters output, header or not', () => {
    const out = [
      'Ver Cluster Port Status Owner    Data directory              Log file',
      '15  main    5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log',
      '16  test    5433 down   postgres /var/lib/postgresql/16/test /var/log/postgresql/postgresql-16-test.log',
      '',
    ].join('\n');
    expect(parseLsClusters(out)).toEqual([
      { version: '15', name: 'main', port: 5432, status: 'online' },
      { version: '16', name: 'test', port: 5433, status: 'down' },
    ]);
  });

  it('reads the port of a postgresql.conf', () => {
    expect(
      portFromConf("listen_addresses = 'localhost'\nport = 5433\t\t# (change requires restart)\n"),
    ).toBe(5433);
    expect(portFromConf('#port = 5440\n')).toBe(5432);
  });
});

describe('private server layout', () => {
  it('puts data, socket and log under the base', () => {
    expect(layoutUnder('/repo/.kci', 5432, false)).toEqual({
      dataDir: '/repo/.kci/postgres',
      runDir: '/repo/.kci/postgres-run',
      logFile: '/repo/.kci/postgres-run/postgres.log',
      socketDir: '/repo/.kci/postgres-run',
      relocated: false,
    });
  });

  it('turns the Unix socket off when its path would be too long', () => {
    expect(layoutUnder(`/${'x'.repeat(90)}`, 5432, false).socketDir).toBe('');
  });

  it('relocates to a stable /var/tmp folder per state dir', () => {
    expect(relocatedBase('/root/kci/.kci')).toMatch(/^\/var\/tmp\/kci-bridge-[0-9a-f]{12}$/);
    expect(relocatedBase('/root/kci/.kci')).toBe(relocatedBase('/root/kci/.kci'));
    expect(relocatedBase('/root/kci/.kci')).not.toBe(relocatedBase('/root/other/.kci'));
  });

  it('listens where the URL points', () => {
    expect(listenAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(listenAddress('::1')).toBe('::1');
    expect(listenAddress('localhost')).toBe('localhost');
  });
});

describe('commandAs', () => {
  const tools = { runuser: '/usr/sbin/runuser', su: '/usr/bin/su' };

  it('runs directly without a user', () => {
    expect(commandAs(undefined, '/bin/initdb', ['-D', '/d'], tools)).toEqual({
      command: '/bin/initdb',
      args: ['-D', '/d'],
    });
  });

  it('prefers runuser', () => {
    expect(commandAs('postgres', '/bin/pg_ctl', ['start'], tools)).toEqual({
      command: '/usr/sbin/runuser',
      args: ['-u', 'postgres', '--', '/bin/pg_ctl', 'start'],
    });
  });

  it('falls back to su with a quoted command line', () => {
    expect(
      commandAs('kci', '/bin/pg_ctl', ['-o', "-k '/a b'", 'start'], {
        runuser: undefined,
        su: '/bin/su',
      }),
    ).toEqual({
      command: '/bin/su',
      args: ['-s', '/bin/sh', 'kci', '-c', `/bin/pg_ctl -o '-k '\\''/a b'\\''' start`],
    });
  });
});

describe('isTransientPgError', () => {
  it('waits on a server that is starting, not on a wrong role', () => {
    expect(isTransientPgError('FATAL:  the database system is starting up')).toBe(true);
    expect(isTransientPgError('FATAL:  role "x" does not exist')).toBe(false);
  });
});
