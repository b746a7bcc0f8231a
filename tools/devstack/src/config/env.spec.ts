import { describe, expect, it } from 'vitest';
import { ConfigError, configFrom, describeVariables, parseEnv } from './env.js';

const ROOT = '/repo';

function problemsOf(source: Record<string, string>): readonly string[] {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('env', () => {
  it('has working defaults', () => {
    const config = configFrom({ PATH: '/usr/bin:/bin' }, ROOT);
    expect(config.postgres).toMatchObject({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    expect(config.nats.nodes).toMatchObject([{ host: '127.0.0.1', port: 4222 }]);
    expect(config.stateDir).toBe('/repo/.kci');
    expect(config.servicePorts).toEqual({
      gateway: 8080,
      'runner-orchestrator': 8081,
      'result-parser': 8082,
      'kcidb-submitter': 8083,
      'sync-scheduler': 8084,
    });
    expect(config.upLogDir).toBeUndefined();
    expect(config.upReadyTimeoutMs).toBe(60_000);
    expect(config.searchPath).toEqual(['/usr/bin', '/bin']);
  });

  it('resolves relative dirs against the repository root and keeps absolute ones', () => {
    const config = configFrom({ KCI_STATE_DIR: '/tmp/state', KCI_UP_LOG_DIR: 'logs' }, ROOT);
    expect(config.stateDir).toBe('/tmp/state');
    expect(config.upLogDir).toBe('/repo/logs');
  });

  it('treats an empty variable as unset', () => {
    expect(configFrom({ KCI_GATEWAY_PORT: '' }, ROOT).servicePorts.gateway).toBe(8080);
  });

  it('hands the whole environment on to children', () => {
    expect(
      configFrom({ FOO: 'bar', KCI_NATS_URL: 'nats://127.0.0.1:4333' }, ROOT).inheritedEnv,
    ).toEqual({
      FOO: 'bar',
      KCI_NATS_URL: 'nats://127.0.0.1:4333',
    });
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      KCI_DATABASE_URL: 'mysql://root@127.0.0.1/x',
      KCI_NATS_URL: 'http://127.0.0.1:4222',
      KCI_GATEWAY_PORT: '80a',
      KCI_PARSER_PORT: '70000',
      KCI_UP_READY_TIMEOUT_MS: '5s',
    });
    expect(problems).toEqual([
      'KCI_DATABASE_URL: expected a postgres:// URL, got scheme "mysql:"',
      'KCI_NATS_URL: expected a nats:// URL, got scheme "http:"',
      'KCI_GATEWAY_PORT: expected a TCP port number, got "80a"',
      'KCI_PARSER_PORT: expected a TCP port between 1 and 65535, got 70000',
      'KCI_UP_READY_TIMEOUT_MS: expected a whole number of milliseconds, got "5s"',
    ]);
  });

  it('refuses two services on one port', () => {
    expect(problemsOf({ KCI_SCHEDULER_PORT: '8080' })).toEqual([
      'KCI_SCHEDULER_PORT: port 8080 is also KCI_GATEWAY_PORT; each service needs its own port',
    ]);
  });

  it('runs each service once unless KCI_UP_REPLICAS says otherwise', () => {
    const config = configFrom({ KCI_UP_REPLICAS: 'result-parser=2, kcidb-submitter=3' }, ROOT);
    expect(config.replicas).toEqual({
      gateway: 1,
      'runner-orchestrator': 1,
      'result-parser': 2,
      'kcidb-submitter': 3,
      'sync-scheduler': 1,
    });
    expect(config.instances.map((i) => `${i.name} ${i.port}`)).toEqual([
      'gateway 8080',
      'runner-orchestrator 8081',
      'result-parser 8082',
      'result-parser#2 8182',
      'kcidb-submitter 8083',
      'kcidb-submitter#2 8183',
      'kcidb-submitter#3 8283',
      'sync-scheduler 8084',
    ]);
    expect(configFrom({}, ROOT).instances.map((i) => i.name)).toEqual([
      'gateway',
      'runner-orchestrator',
      'result-parser',
      'kcidb-submitter',
      'sync-scheduler',
    ]);
  });

  it.each([
    ['parser=2', /unknown service "parser"/],
    ['result-parser=0', /result-parser: expected 1 to 9 replicas, got 0/],
    ['result-parser=10', /expected 1 to 9 replicas/],
    ['result-parser', /expected service=count pairs/],
    ['result-parser=2,result-parser=3', /result-parser is given twice/],
  ])('refuses KCI_UP_REPLICAS=%s', (raw, message) => {
    const problems = problemsOf({ KCI_UP_REPLICAS: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^KCI_UP_REPLICAS: /);
    expect(problems[0]).toMatch(message);
  });

  it("refuses a replica on another service's port, or past 65535", () => {
    expect(problemsOf({ KCI_UP_REPLICAS: 'result-parser=2', KCI_SCHEDULER_PORT: '8182' })).toEqual([
      'KCI_SCHEDULER_PORT: port 8182 is also result-parser#2 (KCI_PARSER_PORT + 100); each service needs its own port',
    ]);
    expect(problemsOf({ KCI_UP_REPLICAS: 'gateway=2', KCI_GATEWAY_PORT: '65500' })).toEqual([
      'gateway#2 (KCI_GATEWAY_PORT + 100): port 65600 is above 65535; choose a lower KCI_GATEWAY_PORT',
    ]);
  });

  it('takes a comma-separated KCI_NATS_URL as the nodes of a cluster', () => {
    const { nats } = configFrom(
      { KCI_NATS_URL: 'nats://127.0.0.1:4301, 127.0.0.1:4302,nats://127.0.0.1:4303' },
      ROOT,
    );
    expect(nats.url).toBe('nats://127.0.0.1:4301,nats://127.0.0.1:4302,nats://127.0.0.1:4303');
    expect(nats.nodes.map((n) => n.port)).toEqual([4301, 4302, 4303]);
  });

  it('refuses a readiness timeout under a second', () => {
    expect(problemsOf({ KCI_UP_READY_TIMEOUT_MS: '500' })).toEqual([
      'KCI_UP_READY_TIMEOUT_MS: expected at least 1000 (milliseconds), got 500',
    ]);
  });

  it('puts the variable names in the error message, exit code 2', () => {
    const error = (() => {
      try {
        parseEnv({ KCI_NATS_URL: 'nats://a:1,ftp://b:2' });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /^invalid configuration:\n {2}KCI_NATS_URL: node 2 \("ftp:\/\/b:2"\): expected a nats:\/\//,
    );
    expect((error as ConfigError).exitCode).toBe(2);
  });

  it('describes every variable', () => {
    expect(describeVariables().map((v) => v.name)).toContain('KCI_UP_LOG_DIR');
    expect(describeVariables().find((v) => v.name === 'KCI_NATS_URL')?.default).toBe(
      'nats://127.0.0.1:4222',
    );
  });
});
