import type { Topology } from '@kci-bridge/contracts';
import { streamSubjects } from '@kci-bridge/contracts';
import type { StreamConfig } from '@nats-io/jetstream';
import {
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsLink } from './connection.js';

export interface StreamSettings {
  /** Copies of each message across a NATS cluster (3 in production, 1 on one server). */
  replicas: number;
  /** How long events are kept, whatever their consumers did. */
  maxAgeMs: number;
  /** Window in which a repeated `Nats-Msg-Id` is dropped by the server. */
  duplicateWindowMs: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  replicas: 1,
  maxAgeMs: 7 * 24 * 3600_000,
  duplicateWindowMs: 2 * 60_000,
};

/** Creates the events stream, or brings an existing one up to date; safe to run from every replica. */
export async function ensureStream(
  link: NatsLink,
  topology: Topology,
  settings: StreamSettings = DEFAULT_STREAM_SETTINGS,
): Promise<void> {
  const jsm = await jetstreamManager(link.nc);
  const wanted: Partial<StreamConfig> & { name: string } = {
    name: topology.stream,
    subjects: streamSubjects(topology),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: settings.replicas,
    max_age: nanos(settings.maxAgeMs),
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
  try {
    const info = await jsm.streams.info(topology.stream);
    const subjects = new Set([...(info.config.subjects ?? []), ...(wanted.subjects ?? [])]);
    await jsm.streams.update(topology.stream, {
      subjects: [...subjects],
      max_age: wanted.max_age,
      duplicate_window: wanted.duplicate_window,
      num_replicas: settings.replicas,
    });
  } catch (e) {
    if (!(e instanceof JetStreamApiError) || e.status !== 404) throw e;
    try {
      await jsm.streams.add(wanted);
    } catch (addError) {
      // Another replica created it between our info and add: that is the state we wanted.
      if (!(addError instanceof JetStreamApiError)) throw addError;
      await jsm.streams.info(topology.stream);
    }
  }
}
