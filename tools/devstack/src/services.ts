/** The five deployables, in start order. Each is `services/<name>/dist/main.js`. */
export const SERVICE_NAMES = [
  'gateway',
  'runner-orchestrator',
  'result-parser',
  'kcidb-submitter',
  'sync-scheduler',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * Node flags of each service. `--max-semi-space-size=8` caps each of V8's two young-generation
 * semi-spaces at 8 MiB (16 by default): start-up (module loading, Nest, MikroORM) grows the
 * young generation to its cap, and V8 keeps it, idle. In bench/pipeline it brought the idle RSS of
 * every service from 148–156 MB to 129–139 MB, with the same delivered/s against the
 * PostgreSQL ceiling measured in the same run. docker-compose.yml sets the same in NODE_OPTIONS.
 * The gateway too: 135 MB idle instead of 154, and under wrk (50 connections, 10-test bodies) the
 * same or slightly less CPU per request (0.074–0.076 ms against 0.080–0.082 ms).
 */
export const NODE_FLAGS: Record<ServiceName, readonly string[]> = {
  gateway: ['--max-semi-space-size=8'],
  'runner-orchestrator': ['--max-semi-space-size=8'],
  'result-parser': ['--max-semi-space-size=8'],
  'kcidb-submitter': ['--max-semi-space-size=8'],
  'sync-scheduler': ['--max-semi-space-size=8'],
};
