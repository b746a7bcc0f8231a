import { RunnerError } from '../runner-adapter.js';
import type { LavaSettings } from './lava.settings.js';
import { describeFetchError, isRecord, parseJson, readCapped, refusalMessage } from '../http.js';

/** A LAVA job as `GET /api/v0.2/jobs/{id}/` returns it (runners.md §4.1). */
export type LavaJob = Record<string, unknown>;

/** LAVA job ids: integers, or `N.M` for a multinode sub-job. */
export const LAVA_JOB_ID = /^\d{1,18}(\.\d{1,6})?$/;

// A job object is a few kB plus its definition; the results export of a big LTP run is larger.
const READ_MAX_BYTES = 32 * 1024 * 1024;

/** HTTP client for LAVA's REST API v0.2; failures are {@link RunnerError}s. */
export class LavaClient {
  private readonly fetchFn: typeof fetch;
  readonly baseUrl: string;

  constructor(
    private readonly settings: Pick<LavaSettings, 'url' | 'token' | 'timeoutMs'>,
    fetchFn?: typeof fetch,
  ) {
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
    this.baseUrl = settings.url.replace(/\/+$/, '');
  }

  /** Where a person looks at the job. */
  jobUrl(id: string): string {
    return `${this.baseUrl}/scheduler/job/${id}`;
  }

  /** The job's log (the dispatcher's YAML log, console lines included) as plain text. */
  logUrl(id: string): string {
    return `${this.baseUrl}/scheduler/job/${id}/log_file/plain`;
  }

  /** `POST /api/v0.2/jobs/` → 201 `{job_ids: [id]}`; returns the (first) id. */
  async submit(definition: string): Promise<string> {
    const { json } = await this.request('POST', '/api/v0.2/jobs/', JSON.stringify({ definition }));
    const ids = isRecord(json) ? json.job_ids : undefined;
    const first: unknown = Array.isArray(ids) ? ids[0] : undefined;
    const id = typeof first === 'number' || typeof first === 'string' ? String(first) : '';
    if (!LAVA_JOB_ID.test(id)) {
      // Accepted without an id: a retry could queue a second job, so a person has to look.
      throw new RunnerError('lava', 'LAVA accepted the job but answered without a job id', false);
    }
    return id;
  }

  /** `GET /api/v0.2/jobs/{id}/`. */
  async job(id: string): Promise<LavaJob> {
    checkId(id);
    const { json } = await this.request('GET', `/api/v0.2/jobs/${id}/`);
    if (!isRecord(json))
      throw new RunnerError('lava', `LAVA answered job ${id} without a job object`, true);
    return json;
  }

  /** `GET /api/v0.2/jobs/{id}/yaml/`: every test case of the job, as one YAML list; undefined if LAVA has none. */
  async resultsYaml(id: string): Promise<string | undefined> {
    checkId(id);
    try {
      return (await this.request('GET', `/api/v0.2/jobs/${id}/yaml/`)).text;
    } catch (err) {
      if (err instanceof RunnerError && err.httpStatus === 404) return undefined;
      throw err;
    }
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
  ): Promise<{ text: string; json: unknown }> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Token ${this.settings.token}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        // A redirect would drop the Authorization header or turn the POST into a GET.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      text = await readCapped(response, READ_MAX_BYTES);
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        throw new RunnerError(
          'lava',
          `no answer from LAVA within ${this.settings.timeoutMs} ms`,
          true,
        );
      }
      throw new RunnerError('lava', `could not reach LAVA: ${describeFetchError(err)}`, true);
    }
    const json = parseJson(text);
    const status = response.status;
    if (status >= 200 && status < 300) return { text, json };
    const what = `LAVA answered ${method} ${path} with HTTP ${status}: ${message(json, text)}`;
    const retryable = status === 408 || status === 429 || status >= 500;
    throw new RunnerError('lava', what, retryable, status);
  }
}

function checkId(id: string): void {
  if (!LAVA_JOB_ID.test(id)) throw new RunnerError('lava', `"${id}" is not a LAVA job id`, false);
}

function message(json: unknown, text: string): string {
  return refusalMessage(json, text, ['message', 'detail', 'error']);
}
