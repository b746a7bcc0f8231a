/** What the TuxSuite adapter needs; the orchestrator's config maps the `TUXSUITE_*` variables to it. */
export interface TuxsuiteSettings {
  /** API base (`TUXAPI_URL`); default {@link TUXSUITE_DEFAULT_API_URL}. */
  apiUrl?: string;
  /** Sent raw as `Authorization: <token>`, as the tuxsuite client does (no `Bearer`). */
  token: string;
  group: string;
  project: string;
  /**
   * The group's OpenSSH key line (`ecdsa-sha2-nistp256 AAAA... [comment]`, from
   * `GET .../keys` → `ssh.pub`). When set, callbacks must carry a valid
   * `x-tux-payload-signature`; when absent (community accounts have no key), they must carry the
   * run's secret in {@link TUXSUITE_SECRET_HEADER}.
   */
  publicKey?: string;
  /** Per request to the TuxSuite API. */
  timeoutMs: number;
}

export const TUXSUITE_DEFAULT_API_URL = 'https://tuxapi.tuxsuite.com';

/** The header TuxSuite sends back (from `callback_headers`) carrying the run's secret. */
export const TUXSUITE_SECRET_HEADER = 'X-Kci-Bridge-Token';

/** The header TuxSuite signs callbacks in (base64url of a DER ECDSA P-256/SHA-256 signature). */
export const TUXSUITE_SIGNATURE_HEADER = 'x-tux-payload-signature';
