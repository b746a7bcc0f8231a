import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CoreModule } from '@kci-bridge/service-kit';
import type { Logger as Pino } from 'pino';
import type { ParserConfig } from './config/env.js';
import { migrations } from './migrations/index.js';
import { ParsedSubmission } from './submissions/parsed-submission.entity.js';
import { ParsedSubmissionRepository } from './submissions/parsed-submission.repository.js';
import { ResultsSubmittedHandler } from './submissions/results-submitted.handler.js';
import { SubmissionsService } from './submissions/submissions.service.js';
import { ResultsFetcher } from './runs/results-fetcher.client.js';
import { RunFinishedHandler } from './runs/run-finished.handler.js';
import { RunResultsService } from './runs/run-results.service.js';
import { PARSER_CONFIG, RESULTS_FETCHER } from './tokens.js';

@Module({})
export class AppModule {
  static forRoot(config: ParserConfig, logger: Pino): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          settings: config.service,
          logger,
          entities: [ParsedSubmission],
          migrations,
        }),
      ],
      controllers: [ResultsSubmittedHandler, RunFinishedHandler],
      providers: [
        { provide: PARSER_CONFIG, useValue: config },
        { provide: RESULTS_FETCHER, useValue: new ResultsFetcher(config.fetch) },
        ParsedSubmissionRepository,
        SubmissionsService,
        RunResultsService,
      ],
    };
  }
}
