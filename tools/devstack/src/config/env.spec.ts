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
    expect(config.nats).toMatchObject({ host: '127.0.0.1', port: 4222 });
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

  it('refuses a readiness timeout under a second', () => {
    expect(problemsOf({ KCI_UP_READY_TIMEOUT_MS: '500' })).toEqual([
      'KCI_UP_READY_TIMEOUT_MS: expected at least 1000 (milliseconds), got 500',
    ]);
  });

  it('puts the variable names in the error message, exit code 2', () => {
    const error = (() => {
      try {
        parseEnv({ KCI_NATS_URL: 'nats://a:1,nats://b:2' });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /^invalid configuration:\n {2}KCI_NATS_URL: .*single URL/,
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
