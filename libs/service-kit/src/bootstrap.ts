import 'reflect-metadata';
import type { DeadLetterRecordedV1, EventType, Topology } from '@kci-bridge/contracts';
import type { DeadLetterSink, RetryPolicy } from '@kci-bridge/messaging';
import { EventPublisher, JetStreamServer, NatsLink } from '@kci-bridge/messaging';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Logger as Pino } from 'pino';
import type { ServiceSettings } from './config.js';
import { PinoNestLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { TOPOLOGY } from './tokens.js';

export interface ConsumerOptions {
  events: readonly EventType[];
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  ackWaitMs?: number;
  /** Where dead letters go; default: published as `deadletter.recorded` for the submitter to keep. */
  deadLetters?: (app: INestApplication) => DeadLetterSink;
}

export interface RunServiceOptions {
  settings: ServiceSettings;
  logger: Pino;
  module: DynamicModule;
  consumer?: ConsumerOptions;
  bodyLimitBytes?: number;
  /** False when the service registers its own body parsers in `configure`. */
  bodyParser?: boolean;
  /** Last touches before listening (filters, content-type parsers). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * 20 deliveries, backing off to a minute: a message rides out ~15 minutes of a database or
 * runner outage before it becomes a dead letter (which can still be retried).
 */
export const DEFAULT_RETRY: RetryPolicy = {
  maxDeliver: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

function publishingSink(app: INestApplication): DeadLetterSink {
  const publisher = app.get(EventPublisher);
  return async (record: DeadLetterRecordedV1) => {
    await publisher.publish('deadletter.recorded', record, {
      correlationId: record.eventId,
      id: `dl-${record.service}-${record.eventId}`,
    });
  };
}

/** Starts one service: HTTP (health and its own routes), its JetStream consumer, graceful SIGTERM. */
export async function runService(options: RunServiceOptions): Promise<NestFastifyApplication> {
  const { settings, logger } = options;
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1024 * 1024, logger: false }),
    {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
      bodyParser: options.bodyParser ?? true,
    },
  );
  if (options.consumer) {
    const c = options.consumer;
    const sink = (c.deadLetters ?? publishingSink)(app);
    const server = new JetStreamServer({
      link: app.get(NatsLink),
      topology: app.get<Topology>(TOPOLOGY),
      durable: settings.name,
      events: c.events,
      retry: { ...DEFAULT_RETRY, ...c.retry },
      ackWaitMs: c.ackWaitMs ?? 30_000,
      concurrency: c.concurrency ?? 16,
      deadLetters: sink,
      onSettled: (type, outcome, seconds) => {
        const m = app.get(Metrics);
        m.eventsHandled.inc({ type, outcome });
        m.eventDuration.observe({ type }, seconds);
      },
      logger: {
        log: (m, ctx) => logger.info(ctx ?? {}, m),
        warn: (m, ctx) => logger.warn(ctx ?? {}, m),
        error: (m, ctx) => logger.error(ctx ?? {}, m),
      },
    });
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: false });
  }
  const metrics = app.get(Metrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: ids in paths would make unbounded label values.
      const route = request.routeOptions.url ?? 'unmatched';
      if (route !== '/metrics') {
        metrics.httpDuration.observe(
          { method: request.method, route, status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      }
      done();
    });
  await options.configure?.(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Graceful shutdown that hangs (a stuck handler) must not keep a replica alive forever.
      setTimeout(() => {
        logger.error({ signal }, `shutdown took over ${settings.shutdownTimeoutMs} ms, exiting`);
        process.exit(1);
      }, settings.shutdownTimeoutMs).unref();
    });
  }
  await app.startAllMicroservices();
  await app.listen(settings.httpPort, settings.httpHost);
  logger.info(
    { url: `http://${settings.httpHost}:${settings.httpPort}` },
    `${settings.name} ready`,
  );
  return app;
}

/** Runs `start` and turns a failure into one clear log line and exit code 1, never a stack dump. */
export function main(service: string, start: () => Promise<unknown>): void {
  start().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service, msg: `${service} failed to start: ${message}` })}\n`,
    );
    process.exit(1);
  });
}
