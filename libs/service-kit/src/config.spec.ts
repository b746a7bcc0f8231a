import { describe, expect, it } from 'vitest';
import { ConfigError, baseEnvShape, intVar, loadEnv } from './config.js';

describe('loadEnv', () => {
  it('applies defaults, treating empty variables as unset', () => {
    const env = loadEnv(baseEnvShape, { KCI_LOG_LEVEL: '' });
    expect(env.KCI_LOG_LEVEL).toBe('info');
    expect(env.KCI_NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('names every bad variable, and what is wrong with it, in one error', () => {
    let error: unknown;
    try {
      loadEnv(
        { ...baseEnvShape, KCI_HTTP_PORT: intVar(8080, 0, 65535) },
        { KCI_NATS_URL: 'http://localhost:4222', KCI_HTTP_PORT: '99999', KCI_LOG_LEVEL: 'loud' },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('KCI_NATS_URL: must be a nats or tls URL');
    expect(message).toContain('KCI_HTTP_PORT: must be at most 65535');
    expect(message).toMatch(/KCI_LOG_LEVEL: .*/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });
});
