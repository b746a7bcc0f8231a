import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CoreModule } from '@kci-bridge/service-kit';
import type { Logger as Pino } from 'pino';
import type { GatewayConfig } from './config/env.js';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { TokenRepository } from './auth/token.repository.js';
import { TokensController } from './auth/tokens.controller.js';
import { DeadLettersController } from './dead-letters.controller.js';
import { KcidbSubmitController } from './kcidb/kcidb-submit.controller.js';
import { migrations } from './migrations/index.js';
import { IdempotencyPruner } from './runs/idempotency.pruner.js';
import { IdempotencyRepository } from './runs/idempotency.repository.js';
import { RunsController } from './runs/runs.controller.js';
import { RunsService } from './runs/runs.service.js';
import { SubmissionsController } from './submissions/submissions.controller.js';
import { SubmissionsService } from './submissions/submissions.service.js';
import { StatusController } from './status/status.controller.js';
import { StatusPageFilter } from './status/status-page.filter.js';
import { StatusService } from './status/status.service.js';
import { SyncController } from './sync/sync.controller.js';
import { GATEWAY_CONFIG } from './tokens.js';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, logger: Pino): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          settings: config.service,
          logger,
          entities: [],
          migrations,
          queryTimeoutMs: config.queryTimeoutMs,
        }),
      ],
      controllers: [
        SubmissionsController,
        SyncController,
        RunsController,
        KcidbSubmitController,
        TokensController,
        DeadLettersController,
        StatusController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        SubmissionsService,
        RunsService,
        IdempotencyRepository,
        IdempotencyPruner,
        TokenRepository,
        AuthService,
        StatusService,
        StatusPageFilter,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
