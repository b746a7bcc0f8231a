import type { DevstackConfig } from '../config/env.js';
import type { Logger } from '../log.js';

/** What the infrastructure steps share. */
export interface InfraContext {
  config: DevstackConfig;
  log: Logger;
  /** False for `infra --check`: report what is missing, start nothing, change nothing. */
  allowStart: boolean;
}
