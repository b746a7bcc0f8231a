import { sleep } from '../net.js';

/** True when `GET http://127.0.0.1:<port>/health/ready` answers 200. */
export async function isReady(port: number, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer(); // let the connection go back to the pool
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Polls every service's readiness until all answer 200, the time is up, or `abandon()` says stop.
 * Returns the services that never became ready.
 */
export async function waitForReady(
  services: readonly { name: string; port: number }[],
  timeoutMs: number,
  abandon: () => boolean = () => false,
  intervalMs = 500,
): Promise<string[]> {
  const pending = new Map(services.map((s) => [s.name, s.port]));
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 && !abandon()) {
    const checks = await Promise.all(
      [...pending].map(async ([name, port]) => [name, await isReady(port)] as const),
    );
    for (const [name, ready] of checks) if (ready) pending.delete(name);
    if (pending.size === 0 || Date.now() > deadline) break;
    await sleep(intervalMs);
  }
  return [...pending.keys()];
}
