import 'reflect-metadata';
import { NatsLink } from '@kci-bridge/messaging';
import { createLogger, main, runService } from '@kci-bridge/service-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { allowEmptyJsonBody, validationPipe } from './validation.js';

const ENVELOPE_OVERHEAD = 64 * 1024;

main('gateway', async () => {
  const config = loadConfig();
  const logger = createLogger(config.service.name, config.service.logLevel);
  await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    bodyLimitBytes: config.maxBodyBytes,
    bodyParser: false, // allowEmptyJsonBody registers the JSON parser
    configure: (app) => {
      const maxPayload = app.get(NatsLink).maxPayload;
      if (config.maxBodyBytes + ENVELOPE_OVERHEAD > maxPayload) {
        throw new Error(
          `KCI_MAX_BODY_BYTES (${config.maxBodyBytes}) does not fit the NATS server's max_payload (${maxPayload}) with room for the envelope; lower it or raise max_payload`,
        );
      }
      allowEmptyJsonBody(app);
      app.useGlobalPipes(validationPipe());
      app.useGlobalFilters(new ProblemFilter(logger));
    },
  });
});
