/** What a NATS server says about itself in the `INFO {…}` line it sends on connect. */
export interface NatsInfo {
  serverId: string | undefined;
  version: string | undefined;
  jetstream: boolean;
}

export type InfoParse = { ok: true; info: NatsInfo } | { ok: false; reason: string };

/** Parses the first line a NATS server sends; anything else is reported as not NATS. */
export function parseInfoLine(line: string): InfoParse {
  const match = /^INFO\s+(\S.*?)\s*$/s.exec(line);
  if (match?.[1] === undefined) {
    return { ok: false, reason: `expected an INFO line, got "${truncate(line, 60)}"` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return { ok: false, reason: 'the INFO line does not hold valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'the INFO line does not hold a JSON object' };
  }
  const fields = parsed as Record<string, unknown>;
  return {
    ok: true,
    info: {
      serverId: typeof fields.server_id === 'string' ? fields.server_id : undefined,
      version: typeof fields.version === 'string' ? fields.version : undefined,
      jetstream: fields.jetstream === true,
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
