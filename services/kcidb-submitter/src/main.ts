import 'reflect-metadata';
import type { DeadLetterRecordedV1 } from '@kci-bridge/contracts';
import { createLogger, main, runService } from '@kci-bridge/service-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';

main('kcidb-submitter', async () => {
  const config = loadConfig();
  const logger = createLogger(config.service.name, config.service.logLevel);
  await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    consumer: {
      events: ['objects.parsed', 'sync.requested', 'deadletter.recorded'],
      // The submitter keeps dead letters, its own included: straight into its table.
      deadLetters: (app) => {
        const repo = app.get(DeadLetterRepository);
        return (record: DeadLetterRecordedV1) => repo.recordEvent(record);
      },
    },
  });
});
