/** What the LAVA adapter needs; the orchestrator's config maps the `KCI_LAVA_*` variables to it. */
export interface LavaSettings {
  /** The lab's base URL, e.g. `https://lava.example.org` (REST at `/api/v0.2/`). */
  url: string;
  /** REST token of the submitting user, sent as `Authorization: Token <token>`. */
  token: string;
  /**
   * Description of the submitter's LAVA auth token that LAVA sends back with callbacks. It goes
   * into the (often public) job definition; LAVA looks the token up by it and sends its value.
   */
  callbackTokenDescription: string;
  /** That token's secret value: what a callback's `Authorization` header must carry. */
  callbackTokenValue: string;
  /** A folder of `<device>.yaml` job templates that take precedence over the shipped ones. */
  templatesDir?: string;
  /** Our device names (as in requests, e.g. `qemu-riscv64`) → LAVA device types (e.g. `qemu`). */
  deviceTypes: Record<string, string>;
  /** Root filesystem for every device, overriding the template's `kci.rootfs_url`. */
  rootfsUrl?: string;
  /** Per request to the LAVA API. */
  timeoutMs: number;
}

/** The templates shipped with the service (`services/runner-orchestrator/templates/lava/`). */
export const DEFAULT_LAVA_TEMPLATES_DIR = new URL('../../../templates/lava/', import.meta.url);
