import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CoreModule } from '@kci-bridge/service-kit';
import type { Logger as Pino } from 'pino';
import type { SubmitterConfig } from './config/env.js';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { ReportRepository } from './delivery/report.repository.js';
import { sinkFor } from './delivery/report-sink.js';
import { migrations } from './migrations/index.js';
import { OutboxHandler } from './outbox/outbox.handler.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { OutboxService } from './outbox/outbox.service.js';
import { OutboxQueryRepository } from './outbox/outbox-query.repository.js';
import { REPORT_SINK, SUBMITTER_CONFIG } from './tokens.js';

@Module({})
export class AppModule {
  static forRoot(config: SubmitterConfig, logger: Pino): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ settings: config.service, logger, entities: [], migrations })],
      controllers: [OutboxHandler],
      providers: [
        { provide: SUBMITTER_CONFIG, useValue: config },
        { provide: REPORT_SINK, useValue: sinkFor(config) },
        OutboxRepository,
        OutboxQueryRepository,
        ReportRepository,
        DeadLetterRepository,
        DeliveryService,
        OutboxService,
        DeadLettersService,
      ],
    };
  }
}
