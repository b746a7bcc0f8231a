import { describe, expect, it } from 'vitest';
import { parseInfoLine } from './nats-info.js';

const INFO =
  'INFO {"server_id":"NB2Z","server_name":"NB2Z","version":"2.9.10","proto":1,"go":"go1.19.8","host":"127.0.0.1","port":4222,"headers":true,"max_payload":1048576,"jetstream":true,"client_id":5}';

describe('parseInfoLine', () => {
  it('reads version and JetStream from a real INFO line', () => {
    expect(parseInfoLine(INFO)).toEqual({
      ok: true,
      info: { serverId: 'NB2Z', version: '2.9.10', jetstream: true },
    });
  });

  it('reports JetStream off when the field is missing or false', () => {
    expect(parseInfoLine('INFO {"version":"2.10.0"}')).toMatchObject({
      ok: true,
      info: { jetstream: false },
    });
    expect(parseInfoLine('INFO {"jetstream":false}')).toMatchObject({
      ok: true,
      info: { jetstream: false },
    });
    expect(parseInfoLine('INFO {"jetstream":"true"}')).toMatchObject({
      ok: true,
      info: { jetstream: false },
    });
  });

  it('accepts a trailing carriage return', () => {
    expect(parseInfoLine('INFO {"jetstream":true}\r')).toMatchObject({ ok: true });
  });

  it.each([
    ['SSH-2.0-OpenSSH_9.2', /expected an INFO line/],
    ['-ERR something', /expected an INFO line/],
    ['INFO {not json}', /valid JSON/],
    ['INFO ["a"]', /JSON object/],
    ['', /expected an INFO line/],
  ])('says %j is not NATS', (line, reason) => {
    const parsed = parseInfoLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
