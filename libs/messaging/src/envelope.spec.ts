import { describe, expect, it } from 'vitest';
import { makeEnvelope, parseEnvelope } from './envelope.js';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('envelope', () => {
  it('round-trips an event', () => {
    const env = makeEnvelope(
      'sync.requested',
      { scope: 'results', requestedBy: 'api' },
      { correlationId: 'c1', id: 'e1' },
    );
    expect(parseEnvelope(enc(env))).toEqual(env);
  });

  it('names what is wrong with a message that is not an envelope', () => {
    expect(parseEnvelope(enc('{not json'))).toMatch(/^not JSON/);
    expect(parseEnvelope(enc([1]))).toMatch(/expected a JSON object/);
    expect(parseEnvelope(enc({ id: 'x', type: 'bogus.event' }))).toMatch(
      /unknown event type "bogus.event"/,
    );
    expect(
      parseEnvelope(
        enc({
          id: 'x',
          type: 'sync.requested',
          occurredAt: 'now',
          correlationId: 'c',
          payload: null,
        }),
      ),
    ).toMatch(/payload/);
  });
});
