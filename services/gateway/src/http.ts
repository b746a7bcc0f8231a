import { NatsLink } from '@kci-bridge/messaging';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger as Pino } from 'pino';
import type { GatewayConfig } from './config/env.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { serveOpenApi } from './openapi/openapi.js';
import { allowEmptyJsonBody, allowStatusForms, validationPipe } from './validation.js';

const ENVELOPE_OVERHEAD = 64 * 1024;

/**
 * The gateway's HTTP edge: body parsing (JSON; forms for the status page), validation,
 * problem+json errors, API docs; checks the body limit fits NATS.
 */
export function configureGateway(
  app: NestFastifyApplication,
  config: GatewayConfig,
  logger: Pino,
): void {
  const maxPayload = app.get(NatsLink).maxPayload;
  if (config.maxBodyBytes + ENVELOPE_OVERHEAD > maxPayload) {
    throw new Error(
      `KCI_MAX_BODY_BYTES (${config.maxBodyBytes}) does not fit the NATS server's max_payload (${maxPayload}) with room for the envelope; lower it or raise max_payload`,
    );
  }
  allowEmptyJsonBody(app);
  allowStatusForms(app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter(logger));
  serveOpenApi(app);
}
