import type { Topology } from '@kci-bridge/contracts';
import {
  EventPublisher,
  NatsLink,
  QueryClient,
  QueryResponder,
  ensureStream,
} from '@kci-bridge/messaging';
import type { Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import type { ServiceSettings } from './config.js';
import { Database } from './database.js';
import { HealthController } from './health.controller.js';
import { Metrics, MetricsController } from './metrics.js';
import { Readiness } from './readiness.js';
import { PINO, SETTINGS, TOPOLOGY } from './tokens.js';

export interface CoreModuleOptions {
  settings: ServiceSettings;
  logger: Pino;
  entities: EntityClass<object>[];
  migrations: { name: string; class: Constructor<Migration> }[];
  /** How long a query (NATS request/reply) waits for its owner's answer. */
  queryTimeoutMs?: number;
}

@Injectable()
class CoreLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly link: NatsLink,
    private readonly responder: QueryResponder,
    private readonly database: Database,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.responder.close();
    await this.link.close();
    await this.database.close();
    this.logger.info('stopped');
  }
}

/** The parts every service has: settings, logger, NATS link and stream, publisher, queries, database, health. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { settings, logger } = options;
    const topology: Topology = { stream: settings.stream, prefix: settings.subjectPrefix };
    return {
      module: CoreModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: PINO, useValue: logger },
        { provide: TOPOLOGY, useValue: topology },
        {
          provide: NatsLink,
          useFactory: async () => {
            const link = await NatsLink.connect({ url: settings.natsUrl, name: settings.name });
            await ensureStream(link, topology, {
              replicas: settings.natsReplicas,
              maxAgeMs: settings.natsMaxAgeHours * 3600_000,
              duplicateWindowMs: 2 * 60_000,
            });
            return link;
          },
        },
        {
          provide: EventPublisher,
          useFactory: (link: NatsLink) => new EventPublisher(link, topology),
          inject: [NatsLink],
        },
        {
          provide: QueryClient,
          useFactory: (link: NatsLink) => new QueryClient(link, topology, options.queryTimeoutMs),
          inject: [NatsLink],
        },
        {
          provide: QueryResponder,
          useFactory: (link: NatsLink) => new QueryResponder(link, topology, settings.name),
          inject: [NatsLink],
        },
        {
          provide: Database,
          useFactory: () =>
            Database.open({
              url: settings.databaseUrl,
              schema: `${settings.schemaPrefix}${settings.schema}`,
              poolMax: settings.dbPoolMax,
              entities: options.entities,
              migrations: options.migrations,
              logger,
            }),
        },
        {
          provide: Readiness,
          useFactory: (link: NatsLink, db: Database) => {
            const r = new Readiness();
            r.register('nats', () => link.problem);
            r.register('postgres', () => db.problem());
            return r;
          },
          inject: [NatsLink, Database],
        },
        CoreLifecycle,
        Metrics,
      ],
      exports: [
        Metrics,
        SETTINGS,
        PINO,
        TOPOLOGY,
        NatsLink,
        EventPublisher,
        QueryClient,
        QueryResponder,
        Database,
        Readiness,
      ],
    };
  }
}
