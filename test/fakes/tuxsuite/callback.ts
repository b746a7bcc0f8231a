/**
 * The callback TuxSuite POSTs at the end of a run (shared/reference/runners.md §2): body
 * `{"kind": …, "status": {…}}` as Python's `json.dumps` writes it, `x-tux-payload-signature`,
 * every `callback_headers` entry, and the observed quirks on request.
 */
import type { KeyObject } from 'node:crypto';
import { signPayload } from './keys.js';
import type { JsonObject } from './protocol.js';
import type { RunKind } from './store.js';
import { pythonJson, sendRaw, type Json } from './wire.js';

/** How a completion delivers its callback; all off by default. */
export interface CallbackQuirks {
  /** Body is a JSON string literal holding the document; signed over the inner string (old SQUAD). */
  doubleEncoded?: boolean;
  /** `'` in `git_short_log` arrives as the illegal escape `\'`; signed over the bytes sent. */
  invalidEscapes?: boolean;
  /** The signature is over different bytes than the body, so it never verifies. */
  tamper?: boolean;
  /** Finish the run without calling back (a lost callback, for reconciler tests). */
  skipCallback?: boolean;
}

/** One callback the fake sent, with the receiver's answer. */
export interface FakeTuxsuiteCallback {
  readonly kind: RunKind;
  readonly uid: string;
  readonly url: string;
  /** Headers as sent (signature and callback_headers included). */
  readonly headers: Record<string, string>;
  /** The exact body sent. */
  readonly body: string;
  /** The bytes the signature covers (the inner document when double-encoded). */
  readonly signedPayload: string;
  readonly signature: string | undefined;
  readonly quirks: CallbackQuirks;
  readonly sentAt: Date;
  /** The receiver's HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly responseBody: string;
  readonly error: string | undefined;
}

export interface CallbackPlan {
  body: string;
  signedPayload: string;
}

/** The body bytes and the bytes to sign, quirks applied in the order TuxSuite would. */
export function planCallback(
  kind: RunKind,
  status: JsonObject,
  quirks: CallbackQuirks,
): CallbackPlan {
  let document = pythonJson({ kind, status });
  if (quirks.invalidEscapes === true && typeof status.git_short_log === 'string') {
    const clean = pythonJson(status.git_short_log);
    const broken = clean.replace(/'/g, "\\'");
    document = document.replace(`"git_short_log": ${clean}`, `"git_short_log": ${broken}`);
  }
  if (quirks.doubleEncoded === true) return { body: pythonJson(document), signedPayload: document };
  return { body: document, signedPayload: document };
}

export interface Delivery {
  kind: RunKind;
  uid: string;
  url: string;
  callbackHeaders: Json | undefined;
  status: JsonObject;
  quirks: CallbackQuirks;
  /** Undefined when signing is off (community accounts have no key). */
  privateKey: KeyObject | undefined;
  timeoutMs: number;
}

/** Sends the callback once (TuxSuite documents no retries) and reports what happened. */
export async function deliverCallback(delivery: Delivery): Promise<FakeTuxsuiteCallback> {
  const { body, signedPayload } = planCallback(delivery.kind, delivery.status, delivery.quirks);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  let signature: string | undefined;
  if (delivery.privateKey !== undefined) {
    const signed = delivery.quirks.tamper === true ? `${signedPayload} ` : signedPayload;
    signature = signPayload(delivery.privateKey, Buffer.from(signed, 'utf8'));
    headers['x-tux-payload-signature'] = signature;
  }
  const extra = delivery.callbackHeaders;
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) {
    for (const [name, value] of Object.entries(extra)) {
      if (typeof value === 'string') headers[name] = value;
    }
  }
  const sentAt = new Date();
  const answer = await sendRaw(delivery.url, { headers, body, timeoutMs: delivery.timeoutMs });
  return {
    kind: delivery.kind,
    uid: delivery.uid,
    url: delivery.url,
    headers,
    body,
    signedPayload,
    signature,
    quirks: delivery.quirks,
    sentAt,
    status: answer.status,
    responseBody: answer.body,
    error: answer.error,
  };
}
