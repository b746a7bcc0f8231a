/**
 * LAVA notify callbacks (shared/reference/runners.md §4.2–§4.3; Linaro/lava `notifications.py`,
 * `NotificationCallback.invoke_callback`): which callbacks a job's `notify:` block asks for, when
 * they fire, and the request LAVA's Python `requests` sends for each.
 */
import { pythonJson, sendRaw, type Json } from '../tuxsuite/wire.js';
import { jobData, substituteUrl, type LavaJob } from './job.js';
import { pythonStr, type JsonObject } from './protocol.js';

export interface NotifyCallback {
  /** The URL as written in the definition (before `{FIELD}` substitution). */
  url: string;
  method: 'GET' | 'POST';
  dataset: 'minimal' | 'logs' | 'results' | 'all';
  contentType: 'json' | 'urlencoded';
  /** The token *description* written in the definition. */
  token: string | undefined;
  header: string;
}

export interface Notify {
  criteria: { status: string; type: string | undefined };
  callbacks: NotifyCallback[];
}

/** One callback the fake sent, with the receiver's answer. */
export interface FakeLavaCallback {
  readonly jobId: number;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly dataset: NotifyCallback['dataset'];
  readonly contentType: NotifyCallback['contentType'];
  /** The token description from the definition, if any. */
  readonly tokenDescription: string | undefined;
  readonly headers: Record<string, string>;
  /** The exact body sent ('' for GET). */
  readonly body: string;
  readonly sentAt: Date;
  /** The receiver's HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly responseBody: string;
  readonly error: string | undefined;
}

const text = (value: Json | undefined, fallback: string): string =>
  typeof value === 'string' ? value : fallback;

/** The job's `notify:` block, singular `callback:` and `callbacks:` list alike. */
export function notifyOf(job: LavaJob): Notify | undefined {
  const notify = job.parsed.notify;
  if (typeof notify !== 'object' || notify === null || Array.isArray(notify)) return undefined;
  const criteria = notify.criteria as JsonObject;
  const raw = notify.callbacks ?? (notify.callback === undefined ? [] : [notify.callback]);
  const callbacks = (Array.isArray(raw) ? raw : []).map((c): NotifyCallback => {
    const entry = c as JsonObject;
    return {
      url: text(entry.url, ''),
      method: entry.method === 'POST' ? 'POST' : 'GET',
      dataset: text(entry.dataset, 'minimal') as NotifyCallback['dataset'],
      contentType: entry['content-type'] === 'json' ? 'json' : 'urlencoded',
      token: typeof entry.token === 'string' ? entry.token : undefined,
      header: text(entry.header, 'Authorization'),
    };
  });
  const type = typeof criteria.type === 'string' ? criteria.type : undefined;
  return { criteria: { status: text(criteria.status, 'finished'), type }, callbacks };
}

/**
 * `notification_criteria`: `finished` and `running` by state, the rest by health. `type:
 * regression|progression` needs the previous job's health, which the fake does not model: it
 * matches on health alone.
 */
export function criteriaMet(notify: Notify, job: LavaJob): boolean {
  const status = notify.criteria.status;
  if (status === 'finished') return job.state === 'Finished';
  if (status === 'running') return job.state === 'Running';
  return job.state === 'Finished' && job.health.toLowerCase() === status;
}

/** Python's `urllib.parse.quote_plus`. */
function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * `requests.post(data=dict)`: each value is one field, a list one field per item, a dict one field
 * per *key* (its values are lost), None dropped; items are `str()`-ed. Lossy, as in LAVA.
 */
export function formEncode(data: JsonObject): string {
  const fields: string[] = [];
  const add = (key: string, value: Json | undefined): void => {
    if (value === null || value === undefined) return;
    fields.push(`${quotePlus(key)}=${quotePlus(pythonStr(value))}`);
  };
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      for (const item of value) {
        // urlencode(doseq=True) iterates a dict item too: its keys again.
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
          for (const inner of Object.keys(item)) add(key, inner);
        } else if (Array.isArray(item)) for (const inner of item) add(key, pythonStr(inner));
        else add(key, item);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const inner of Object.keys(value)) add(key, inner);
    } else add(key, value);
  }
  return fields.join('&');
}

/** Sends one callback once (LAVA never retries) and reports what happened. */
export async function invokeCallback(
  job: LavaJob,
  callback: NotifyCallback,
  tokens: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<FakeLavaCallback> {
  const url = substituteUrl(job, callback.url);
  const headers: Record<string, string> = {
    'User-Agent': 'python-requests/2.31.0',
    'Accept-Encoding': 'gzip, deflate',
    Accept: '*/*',
    Connection: 'keep-alive',
  };
  let body = '';
  if (callback.method === 'POST') {
    const { dataset } = callback;
    const data = jobData(
      job,
      dataset === 'logs' || dataset === 'all',
      dataset === 'results' || dataset === 'all',
    );
    // get_token_from_description: the secret of the submitter's token so described, else the
    // description itself.
    if (callback.token !== undefined)
      headers[callback.header] = tokens[callback.token] ?? callback.token;
    if (callback.contentType === 'json') {
      body = pythonJson(data);
      headers['Content-Type'] = 'application/json';
    } else {
      body = formEncode(data);
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
  }
  const sentAt = new Date();
  const answer = await sendRaw(url, {
    method: callback.method,
    headers,
    body: callback.method === 'POST' ? body : undefined,
    timeoutMs,
  });
  return {
    jobId: job.id,
    url,
    method: callback.method,
    dataset: callback.dataset,
    contentType: callback.contentType,
    tokenDescription: callback.token,
    headers,
    body,
    sentAt,
    status: answer.status,
    responseBody: answer.body,
    error: answer.error,
  };
}
