/**
 * A three-node NATS cluster on loopback, for the scale suite: three nats-server processes on free
 * ports, each with its own config file (server name, JetStream store, cluster routes to the other
 * two) in a temp dir. Nodes can be stopped and started again on the same ports and stores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamInfo } from '@nats-io/jetstream';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort, PrivateNats } from '../support/servers.js';

export interface ClusterNode {
  /** The node's server_name, as JetStream reports stream leaders and replicas. */
  name: string;
  nats: PrivateNats;
}

export class NatsCluster {
  private constructor(readonly nodes: readonly ClusterNode[]) {}

  /** Starts `size` nodes together (JetStream answers once a quorum elected its meta leader). */
  static async start(dir: string, size = 3, clusterName = 'kci-scale'): Promise<NatsCluster> {
    const taken = new Set<number>();
    const port = async (): Promise<number> => {
      for (;;) {
        const p = await freePort();
        if (!taken.has(p)) {
          taken.add(p);
          return p;
        }
      }
    };
    const ports: Array<{ client: number; route: number }> = [];
    for (let i = 0; i < size; i++) ports.push({ client: await port(), route: await port() });
    const nodes = await Promise.all(
      ports.map(async ({ client, route }, i) => {
        const name = `n${i + 1}`;
        const nodeDir = join(dir, name);
        mkdirSync(nodeDir, { recursive: true });
        const routes = ports
          .filter((_, j) => j !== i)
          .map((p) => `"nats-route://127.0.0.1:${p.route}"`);
        const conf = join(nodeDir, 'nats.conf');
        writeFileSync(
          conf,
          [
            `server_name: "${name}"`,
            `listen: "127.0.0.1:${client}"`,
            `jetstream {`,
            `  store_dir: "${join(nodeDir, 'store')}"`,
            `}`,
            `cluster {`,
            `  name: "${clusterName}"`,
            `  listen: "127.0.0.1:${route}"`,
            `  routes: [${routes.join(', ')}]`,
            `}`,
            '',
          ].join('\n'),
        );
        return {
          name,
          nats: await PrivateNats.start(nodeDir, { port: client, args: ['-c', conf] }),
        };
      }),
    );
    return new NatsCluster(nodes);
  }

  /** Every node's URL, comma-separated (what KCI_NATS_URL takes). */
  get url(): string {
    return this.nodes.map((n) => n.nats.url).join(',');
  }

  node(name: string): ClusterNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no node ${name} in the cluster`);
    return node;
  }

  /** The stream's state as the cluster reports it (leader, replicas and how current they are). */
  async streamInfo(stream: string): Promise<StreamInfo> {
    const nc = await connect({ servers: this.url.split(','), timeout: 3_000 });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 3_000 });
      return await jsm.streams.info(stream);
    } finally {
      await nc.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.nats.stop()));
  }
}
