import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CoreModule } from '@kci-bridge/service-kit';
import type { Logger as Pino } from 'pino';
import type { SchedulerConfig } from './config/env.js';
import { migrations } from './migrations/index.js';
import { ScheduleRunRepository } from './schedule/schedule-run.repository.js';
import { ScheduleService } from './schedule/schedule.service.js';
import { SCHEDULER_CONFIG } from './tokens.js';

@Module({})
export class AppModule {
  static forRoot(config: SchedulerConfig, logger: Pino): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ settings: config.service, logger, entities: [], migrations })],
      providers: [
        { provide: SCHEDULER_CONFIG, useValue: config },
        ScheduleRunRepository,
        ScheduleService,
      ],
    };
  }
}
