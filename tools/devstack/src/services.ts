/** The five deployables, in start order. Each is `services/<name>/dist/main.js`. */
export const SERVICE_NAMES = [
  'gateway',
  'runner-orchestrator',
  'result-parser',
  'kcidb-submitter',
  'sync-scheduler',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];
