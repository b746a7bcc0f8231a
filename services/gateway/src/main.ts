import 'reflect-metadata';
import { createLogger, main, runService } from '@kci-bridge/service-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';
import { configureGateway } from './http.js';

main('gateway', async () => {
  const config = loadConfig();
  const logger = createLogger(config.service.name, config.service.logLevel);
  await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    bodyLimitBytes: config.maxBodyBytes,
    bodyParser: false, // configureGateway registers the JSON parser
    configure: (app) => configureGateway(app, config, logger),
  });
});
