import type { NatsConnection } from '@nats-io/transport-node';
import { connect } from '@nats-io/transport-node';

export interface NatsSettings {
  /** `nats://host:port`, comma-separated for a cluster. */
  url: string;
  /** Connection name shown by the server (the service name). */
  name: string;
}

/** Connection state kept up to date from the client's status stream, for readiness. */
export class NatsLink {
  private up = true;
  private lastError: string | undefined;

  private constructor(readonly nc: NatsConnection) {}

  /** Connects, retrying forever on later disconnects (nats.js gives up after 10 tries by default). */
  static async connect(settings: NatsSettings, timeoutMs = 5_000): Promise<NatsLink> {
    const nc = await connect({
      servers: settings.url.split(',').map((s) => s.trim()),
      name: settings.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      timeout: timeoutMs,
      // nats.js otherwise builds an Error (a stack capture) for every request and JetStream
      // publish, just in case it fails: ~5 % of the gateway's CPU under load. Our errors say
      // which subject and operation failed without the async trace.
      noAsyncTraces: true,
    });
    const link = new NatsLink(nc);
    void link.watch();
    return link;
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      switch (s.type) {
        case 'disconnect':
        case 'staleConnection':
          this.up = false;
          this.lastError = `disconnected from ${'server' in s ? String(s.server) : 'NATS'}`;
          break;
        case 'reconnect':
          this.up = true;
          this.lastError = undefined;
          break;
        case 'error':
          this.lastError = s.error.message;
          break;
        default:
          break;
      }
    }
  }

  /** True while connected; false during a reconnect or after close. */
  get connected(): boolean {
    return this.up && !this.nc.isClosed();
  }

  /** Why the link is down, for readiness. */
  get problem(): string | undefined {
    if (this.nc.isClosed()) return 'NATS connection closed';
    return this.up ? undefined : (this.lastError ?? 'NATS disconnected');
  }

  /** The largest message the server accepts. */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  /** The server version, e.g. `2.9.10`. */
  get serverVersion(): string {
    return this.nc.info?.version ?? '0.0.0';
  }

  /** True when the server is at least the given major.minor. */
  serverAtLeast(major: number, minor: number): boolean {
    const [ma = 0, mi = 0] = this.serverVersion.split('.').map((p) => Number.parseInt(p, 10));
    return ma > major || (ma === major && mi >= minor);
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    try {
      await this.nc.drain();
    } catch {
      await this.nc.close();
    }
  }
}
