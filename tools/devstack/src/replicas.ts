import type { ServiceName } from './services.js';
import { SERVICE_NAMES } from './services.js';

/** The most replicas `up` runs of one service. */
export const MAX_REPLICAS = 9;

/** Replica k (k ≥ 2) listens on the service's port + (k − 1) × this. */
export const REPLICA_PORT_STEP = 100;

/** How many processes of each service `up` runs. */
export type Replicas = Readonly<Record<ServiceName, number>>;

/** One process `up` runs: replica 1 is named after its service, replica k as `<service>#k`. */
export interface ServiceInstance {
  name: string;
  service: ServiceName;
  replica: number;
  port: number;
}

const isService = (name: string): name is ServiceName =>
  (SERVICE_NAMES as readonly string[]).includes(name);

/** Parses `KCI_UP_REPLICAS`: `service=count` pairs, comma-separated; unnamed services run once. */
export function parseReplicas(raw: string): Replicas {
  const counts = Object.fromEntries(SERVICE_NAMES.map((s) => [s, 1])) as Record<
    ServiceName,
    number
  >;
  const given = new Set<string>();
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^([a-z-]+)=(\d+)$/.exec(pair);
    if (!m?.[1] || !m[2]) {
      throw new Error(`expected service=count pairs, e.g. result-parser=2, got "${pair}"`);
    }
    const [, service, count] = m;
    if (!isService(service)) {
      throw new Error(`unknown service "${service}" (one of ${SERVICE_NAMES.join(', ')})`);
    }
    if (given.has(service)) throw new Error(`${service} is given twice`);
    given.add(service);
    const n = Number(count);
    if (n < 1 || n > MAX_REPLICAS) {
      throw new Error(`${service}: expected 1 to ${MAX_REPLICAS} replicas, got ${count}`);
    }
    counts[service] = n;
  }
  return counts;
}

/** `result-parser` for replica 1, `result-parser#2` for the second. */
export function instanceName(service: ServiceName, replica: number): string {
  return replica === 1 ? service : `${service}#${replica}`;
}

/** Every process `up` runs, in start order, each with its own port. */
export function serviceInstances(
  ports: Readonly<Record<ServiceName, number>>,
  replicas: Replicas,
): ServiceInstance[] {
  return SERVICE_NAMES.flatMap((service) =>
    Array.from({ length: replicas[service] }, (_, i) => ({
      name: instanceName(service, i + 1),
      service,
      replica: i + 1,
      port: ports[service] + i * REPLICA_PORT_STEP,
    })),
  );
}
