import { randomUUID } from 'node:crypto';
import type { Envelope, EventType, PayloadOf } from '@kci-bridge/contracts';
import { EVENT_TYPES } from '@kci-bridge/contracts';

/** Wraps a payload in the one envelope every message carries. */
export function makeEnvelope<T extends EventType>(
  type: T,
  payload: PayloadOf<T>,
  meta: { correlationId: string; id?: string; occurredAt?: Date },
): Envelope<T> {
  return {
    id: meta.id ?? randomUUID(),
    type,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    correlationId: meta.correlationId,
    payload,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a message body into an envelope; returns an error message when it is not one. */
export function parseEnvelope(data: Uint8Array): Envelope | string {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(data));
  } catch (e) {
    return `not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!isRecord(doc)) return 'not an envelope: expected a JSON object';
  const { id, type, occurredAt, correlationId, payload } = doc;
  if (typeof id !== 'string' || id === '') return 'envelope without an id';
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type as EventType)) {
    return `unknown event type ${JSON.stringify(type)}`;
  }
  if (typeof occurredAt !== 'string') return 'envelope without occurredAt';
  if (typeof correlationId !== 'string') return 'envelope without correlationId';
  if (!isRecord(payload)) return 'envelope without a payload object';
  return doc as unknown as Envelope;
}
