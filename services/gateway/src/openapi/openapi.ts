import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

export const DOCS_PATH = 'api/docs';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const DESCRIPTION = `Submit kernel test results and KCIDB reports, and run builds and tests on TuxSuite and LAVA; kci-bridge sends the results to KernelCI's KCIDB.

Every \`/api/v1\` endpoint needs \`Authorization: Bearer <token>\` with the scope it names. Errors are RFC 9457 problem documents (\`application/problem+json\`) with a stable \`code\`; a 422 lists each invalid field.`;

/**
 * The OpenAPI document. Request bodies are generated from the class-validator DTOs themselves
 * (class-validator-jsonschema), so the patterns, lengths and enums shown are the ones enforced;
 * responses come from the `*Doc` classes in ./responses.ts.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('kci-bridge gateway')
    .setDescription(DESCRIPTION)
    .setVersion(VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (kcib_...)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const fromValidators = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  });
  const schemas = document.components?.schemas ?? {};
  // The DTOs Swagger found on a route get the validators' view instead of an empty shell, and so
  // does every DTO those refer to (nested items such as TestResultDto).
  const wanted = Object.keys(schemas).filter((name) => name in fromValidators);
  for (let name = wanted.pop(); name !== undefined; name = wanted.pop()) {
    const schema = fromValidators[name];
    if (schema === undefined) continue;
    // Both types describe an OpenAPI 3 schema object; openapi3-ts spells `type` more loosely.
    schemas[name] = schema as unknown as Schema;
    for (const ref of JSON.stringify(schema).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      const nested = ref[1];
      if (nested !== undefined && !(nested in schemas) && !wanted.includes(nested))
        wanted.push(nested);
    }
  }
  document.components = { ...document.components, schemas };
  describeOperations(document);
  return document;
}

/** Serves Swagger UI at /api/docs and the document at /api/docs/openapi.json (no token needed). */
export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
    customSiteTitle: 'kci-bridge API',
  });
}

/** The service-kit's own routes (health, metrics) carry no Swagger decorators: described here. */
function describeOperations(document: OpenAPIObject): void {
  const text = (description: string) => ({
    description,
    content: { 'text/plain': { schema: { type: 'string' as const } } },
  });
  const ops: Record<
    string,
    { tags: string[]; summary: string; responses: Record<string, object> }
  > = {
    '/health/live': {
      tags: ['operations'],
      summary: 'Liveness: the process answers (no token)',
      responses: { '200': { description: 'Alive.' } },
    },
    '/health/ready': {
      tags: ['operations'],
      summary: 'Readiness: PostgreSQL and NATS answer (no token)',
      responses: {
        '200': { description: 'Ready.' },
        '503': { description: 'Not ready; the body says which dependency is down.' },
      },
    },
    '/metrics': {
      tags: ['operations'],
      summary: 'Prometheus metrics (no token; keep it off the public network)',
      responses: { '200': text('Prometheus text exposition format 0.0.4.') },
    },
  };
  for (const [path, op] of Object.entries(ops)) {
    const get = document.paths[path]?.get;
    if (get !== undefined) Object.assign(get, op);
  }
}
