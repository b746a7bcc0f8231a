import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CoreModule } from '@kci-bridge/service-kit';
import type { Logger as Pino } from 'pino';
import type { OrchestratorConfig } from './config/env.js';
import { migrations } from './migrations/index.js';

/** Boots with its schema and health; runner adapters and callbacks come with the runners issue. */
@Module({})
export class AppModule {
  static forRoot(config: OrchestratorConfig, logger: Pino): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ settings: config.service, logger, entities: [], migrations })],
    };
  }
}
