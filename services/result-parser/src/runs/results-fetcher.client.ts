import { RetryableError } from '@kci-bridge/messaging';

export interface FetchSettings {
  /** Hosts results and logs may be fetched from (runner storage); anything else is refused. */
  allowedHosts: string[];
  maxBytes: number;
  timeoutMs: number;
}

/** A fetch that did not produce a document: the reason goes into the run's diagnostics. */
export class FetchRefused extends Error {}

/**
 * Fetches a runner's results document: allowed hosts only, bounded in size and time. A transient
 * failure (5xx, network) is a RetryableError so the event is retried; a refusal is FetchRefused.
 */
export class ResultsFetcher {
  constructor(
    private readonly settings: FetchSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private allowed(url: URL): boolean {
    return (
      ['http:', 'https:'].includes(url.protocol) &&
      (this.settings.allowedHosts.includes(url.hostname) ||
        this.settings.allowedHosts.includes(url.host))
    );
  }

  async json(url: string): Promise<unknown> {
    const text = await this.text(url);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FetchRefused(`${url} is not JSON`);
    }
  }

  async text(url: string): Promise<string> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchRefused(`not a URL: ${url}`);
    }
    if (!this.allowed(parsed)) {
      throw new FetchRefused(
        `${parsed.host} is not an allowed results host (KCI_FETCH_ALLOWED_HOSTS)`,
      );
    }
    let res: Response;
    let target = parsed;
    for (let hop = 0; ; hop++) {
      try {
        res = await this.fetchImpl(target, {
          signal: AbortSignal.timeout(this.settings.timeoutMs),
          redirect: 'manual',
        });
      } catch (e) {
        throw new RetryableError(
          `fetching ${url} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || location === null) break;
      // Storage may redirect (to a CDN, a bucket): follow, but only to allowed hosts.
      target = new URL(location, target);
      if (hop >= 3) throw new FetchRefused(`${url} redirects too many times`);
      if (!this.allowed(target))
        throw new FetchRefused(`${url} redirects to ${target.host}, not an allowed results host`);
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      throw new RetryableError(`fetching ${url} answered ${res.status}`);
    }
    if (!res.ok) throw new FetchRefused(`fetching ${url} answered ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > this.settings.maxBytes)
      throw new FetchRefused(`${url} is ${declared} bytes, over ${this.settings.maxBytes}`);
    const reader = (res.body as ReadableStream<Uint8Array> | null)?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.settings.maxBytes) {
        await reader.cancel();
        throw new FetchRefused(`${url} is over ${this.settings.maxBytes} bytes`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
