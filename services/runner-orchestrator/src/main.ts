import 'reflect-metadata';
import { CONSUMERS } from '@kci-bridge/contracts';
import { createLogger, main, runService } from '@kci-bridge/service-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';
import { keepRawBodies } from './http.js';

main('runner-orchestrator', async () => {
  const config = loadConfig();
  const logger = createLogger(config.service.name, config.service.logLevel);
  await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    consumer: { events: CONSUMERS.runnerOrchestrator.events },
    bodyLimitBytes: config.callbackMaxBytes,
    bodyParser: false,
    configure: keepRawBodies,
  });
});
