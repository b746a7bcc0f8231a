import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CoreModule } from '@kci-bridge/service-kit';
import type { Logger as Pino } from 'pino';
import { CallbacksController } from './callbacks/callbacks.controller.js';
import type { OrchestratorConfig } from './config/env.js';
import { migrations } from './migrations/index.js';
import { configuredAdapters } from './runners/adapters.js';
import { RunnerRegistry } from './runners/runner-registry.js';
import { ReconcilerService } from './runs/reconciler.service.js';
import { RunEvents } from './runs/run-events.js';
import { RunRepository } from './runs/run.repository.js';
import { RunsHandler } from './runs/runs.handler.js';
import { RunsService } from './runs/runs.service.js';
import { ORCHESTRATOR_CONFIG } from './tokens.js';

@Module({})
export class AppModule {
  static forRoot(
    config: OrchestratorConfig,
    logger: Pino,
    registry?: RunnerRegistry,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ settings: config.service, logger, entities: [], migrations })],
      controllers: [RunsHandler, CallbacksController],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: config },
        {
          provide: RunnerRegistry,
          useValue: registry ?? new RunnerRegistry(configuredAdapters(config)),
        },
        RunRepository,
        RunEvents,
        RunsService,
        ReconcilerService,
      ],
    };
  }
}
