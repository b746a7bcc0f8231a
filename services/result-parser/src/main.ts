import 'reflect-metadata';
import { CONSUMERS } from '@kci-bridge/contracts';
import { createLogger, main, runService } from '@kci-bridge/service-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';

main('result-parser', async () => {
  const config = loadConfig();
  const logger = createLogger(config.service.name, config.service.logLevel);
  await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    consumer: { events: CONSUMERS.resultParser.events, concurrency: config.concurrency },
  });
});
