import { RunnerError } from '../runner-adapter.js';
import type { TuxsuiteSettings } from './tuxsuite.settings.js';
import { TUXSUITE_DEFAULT_API_URL } from './tuxsuite.settings.js';
import { describeFetchError, isRecord, parseJson, readCapped, refusalMessage } from '../http.js';

/** A TuxSuite build or test status object (runners.md §1.4, §1.6), as TuxSuite sends it. */
export type TuxStatusObject = Record<string, unknown>;

export type TuxObjectKind = 'builds' | 'tests';

/** One entry of `POST /builds` (tuxsuite `Build.generate_build_request`). */
export interface TuxBuildEntry {
  /** Echoed back and used by TuxSuite to de-duplicate retried POSTs: the run id. */
  client_token: string;
  git_repo: string;
  git_ref?: string;
  git_sha?: string;
  target_arch: string;
  toolchain: string;
  /** First entry = base config (a `*config` target or a URL), then fragments. */
  kconfig: string[];
  environment: Record<string, string>;
  targets: string[];
  make_variables: Record<string, string>;
  is_public: boolean;
  callback: string;
  callback_headers: Record<string, string>;
}

/** Fields the tuxsuite client always sends in a test request, null when unused (runners.md §1.5). */
type TuxTestUnused =
  | 'parameters'
  | 'rootfs'
  | 'dtb'
  | 'bios'
  | 'ap_romfw'
  | 'fip'
  | 'mcp_fw'
  | 'mcp_romfw'
  | 'scp_fw'
  | 'scp_romfw'
  | 'lava_test_plans_project'
  | 'lab';

/** The body of `POST /tests` (tuxsuite `Test.generate_test_request`). */
export type TuxTestRequest = { [K in TuxTestUnused]: null } & {
  device: string;
  kernel: string;
  modules?: string;
  /** Without `boot`, which always runs first; absent for a boot-only run. */
  tests?: string[];
  is_public: boolean;
  callback: string;
  callback_headers: Record<string, string>;
};

/** TuxSuite uids are KSUIDs; anything else is refused before it reaches a URL path. */
export const TUX_UID = /^[A-Za-z0-9_-]{1,64}$/;

// Status objects are a few kB; a larger answer is a misconfigured URL talking.
const READ_MAX_BYTES = 8 * 1024 * 1024;

/** HTTP client for the TuxSuite REST API; failures are {@link RunnerError}s. */
export class TuxsuiteClient {
  private readonly fetchFn: typeof fetch;
  /** `{api}/v1/groups/{group}/projects/{project}`. */
  readonly projectUrl: string;

  constructor(
    private readonly settings: TuxsuiteSettings,
    fetchFn?: typeof fetch,
  ) {
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
    const api = (settings.apiUrl ?? TUXSUITE_DEFAULT_API_URL).replace(/\/+$/, '');
    this.projectUrl = `${api}/v1/groups/${encodeURIComponent(settings.group)}/projects/${encodeURIComponent(settings.project)}`;
  }

  objectUrl(kind: TuxObjectKind, uid: string): string {
    return `${this.projectUrl}/${kind}/${encodeURIComponent(uid)}`;
  }

  /** Submits one build; TuxSuite answers with an array of status objects. */
  async submitBuild(entry: TuxBuildEntry): Promise<TuxStatusObject & { uid: string }> {
    const answer = await this.request('POST', `${this.projectUrl}/builds`, {
      builds: [entry],
      patches: {},
    });
    return withUid(Array.isArray(answer) ? (answer as unknown[])[0] : answer, 'build');
  }

  /** Submits one test; TuxSuite answers with its status object. */
  async submitTest(request: TuxTestRequest): Promise<TuxStatusObject & { uid: string }> {
    const answer = await this.request('POST', `${this.projectUrl}/tests`, request);
    return withUid(Array.isArray(answer) ? (answer as unknown[])[0] : answer, 'test');
  }

  /** `GET builds/{uid}` or `tests/{uid}`. */
  async get(kind: TuxObjectKind, uid: string): Promise<TuxStatusObject> {
    if (!TUX_UID.test(uid))
      throw new RunnerError('tuxsuite', `"${uid}" is not a TuxSuite uid`, false);
    const answer = await this.request('GET', this.objectUrl(kind, uid));
    if (!isRecord(answer)) {
      throw new RunnerError(
        'tuxsuite',
        `TuxSuite answered ${kind}/${uid} without a status object`,
        true,
      );
    }
    return answer;
  }

  private async request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(url, {
        method,
        headers: {
          Authorization: this.settings.token,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        // A redirect would drop the Authorization header or turn the POST into a GET.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      text = await readCapped(response, READ_MAX_BYTES);
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        throw new RunnerError(
          'tuxsuite',
          `no answer from TuxSuite within ${this.settings.timeoutMs} ms`,
          true,
        );
      }
      throw new RunnerError(
        'tuxsuite',
        `could not reach TuxSuite: ${describeFetchError(err)}`,
        true,
      );
    }
    const json = parseJson(text);
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (json === undefined) {
        // A POST that TuxSuite accepted may have started a job: trying again could start a
        // second one, so, as for an answer without a uid, a person has to look. A GET is harmless.
        throw new RunnerError(
          'tuxsuite',
          method === 'POST'
            ? `TuxSuite accepted POST ${new URL(url).pathname} (HTTP ${status}) but answered with no JSON, so no job id; not retried, as a retry could start a second job`
            : `TuxSuite answered HTTP ${status} with no JSON`,
          method !== 'POST',
          status,
        );
      }
      return json;
    }
    const what = `TuxSuite answered ${method} ${new URL(url).pathname} with HTTP ${status}: ${message(json, text)}`;
    // 413 and 429 are in the tuxsuite client's own retry list, with 500 and 504.
    const retryable = status === 408 || status === 413 || status === 429 || status >= 500;
    throw new RunnerError('tuxsuite', what, retryable, status);
  }
}

function withUid(value: unknown, what: string): TuxStatusObject & { uid: string } {
  if (isRecord(value) && typeof value.uid === 'string' && TUX_UID.test(value.uid)) {
    return value as TuxStatusObject & { uid: string };
  }
  // Accepted without an id: a retry could start a second job, so a person has to look.
  throw new RunnerError(
    'tuxsuite',
    `TuxSuite accepted the ${what} but answered without a uid`,
    false,
  );
}

function message(json: unknown, text: string): string {
  return refusalMessage(json, text, ['error', 'status_message', 'message', 'detail']);
}
