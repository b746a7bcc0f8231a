import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Callback bodies stay raw bytes, whatever their content type: TuxSuite signs the exact bytes,
 * and the adapters decide what they accept (LAVA must send JSON).
 */
export function keepRawBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
}
