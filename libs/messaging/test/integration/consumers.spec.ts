import type { Topology } from '@kci-bridge/contracts';
import { subjectOf } from '@kci-bridge/contracts';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consumerLayout, ensureConsumers } from '../../src/consumers.js';
import { EventPublisher, NatsLink, ensureStream } from '../../src/index.js';
import { isolation } from '../../../../test/support/isolation.js';

const iso = isolation('messaging-consumers');
const topology: Topology = { stream: iso.stream, prefix: iso.prefix };
const settings = { ack_wait: 30_000_000_000, max_deliver: -1, max_ack_pending: 1000 };
let link: NatsLink;

beforeAll(async () => {
  link = await NatsLink.connect({ url: inject('natsUrl'), name: 'messaging-consumers-test' });
  await ensureStream(link, topology);
});

afterAll(async () => {
  await link?.close();
});

describe('consumers on a server that filters on one subject (nats-server 2.9)', () => {
  it('take over an unfiltered consumer after its ack floor, so nothing acked comes again', async () => {
    const jsm = await jetstreamManager(link.nc);
    const publisher = new EventPublisher(link, topology);
    const publish = (slot: string) =>
      publisher.publish(
        'sync.requested',
        { scope: 'results', requestedBy: 'api', slot },
        { correlationId: slot },
      );
    // The layout of an earlier release: one unfiltered consumer, which has handled two events.
    await jsm.consumers.add(topology.stream, {
      durable_name: 'svc',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    await publish('old-1');
    await publish('old-2');
    const legacy = await jetstream(link.nc).consumers.get(topology.stream, 'svc');
    for (let i = 0; i < 2; i++) (await legacy.next({ expires: 2000 }))?.ack();
    await new Promise((r) => setTimeout(r, 200)); // acks are asynchronous
    await publish('new-1');
    link.nc.publish(subjectOf(topology, 'objects.parsed'), '{}');
    await link.nc.flush();

    const layout = consumerLayout('svc', ['sync.requested', 'objects.parsed'], topology, false);
    await ensureConsumers(jsm, topology.stream, layout, settings);

    const names: string[] = [];
    for await (const c of jsm.consumers.list(topology.stream)) names.push(c.name);
    expect(names.sort()).toEqual(['svc--objects-parsed', 'svc--sync-requested']);
    const sync = await jetstream(link.nc).consumers.get(topology.stream, 'svc--sync-requested');
    const first = await sync.next({ expires: 2000 });
    expect(first?.json<{ payload: { slot: string } }>().payload.slot).toBe('new-1');
    first?.ack();
    const parsed = await jsm.consumers.info(topology.stream, 'svc--objects-parsed');
    expect(parsed.num_pending).toBe(1);

    // A second replica starting later changes nothing: same consumers, same positions.
    await ensureConsumers(jsm, topology.stream, layout, settings);
    const again = await jsm.consumers.info(topology.stream, 'svc--sync-requested');
    expect(again.num_pending + again.num_ack_pending).toBe(0);
  });
});
