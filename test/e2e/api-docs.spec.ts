/**
 * The API documents itself (issue 6, item 3): Swagger UI at /api/docs and the OpenAPI document
 * beside it, on the running stack, without a token. Every /api/v1 operation is checked for a
 * summary, its bearer token, a success answer and its problem answers; request bodies come from
 * the same class-validator DTOs that validate them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { isolatedStackEnv, isolation } from '../support/isolation.js';
import { Stack } from './stack.js';

interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
}
interface JsonSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  pattern?: string;
  enum?: unknown[];
  maxLength?: number;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** Every /api/v1 endpoint the gateway serves (method, OpenAPI path). */
const ENDPOINTS = [
  ['post', '/api/v1/tests/submit'],
  ['get', '/api/v1/submissions/{id}'],
  ['post', '/api/v1/kcidb/submit'],
  ['post', '/api/v1/builds/run'],
  ['post', '/api/v1/tests/run'],
  ['post', '/api/v1/boot-test/run'],
  ['get', '/api/v1/runs/{id}'],
  ['post', '/api/v1/sync/results'],
  ['post', '/api/v1/sync/builds'],
  ['get', '/api/v1/dead-letters'],
  ['post', '/api/v1/dead-letters/{id}/retry'],
  ['post', '/api/v1/admin/tokens'],
  ['get', '/api/v1/admin/tokens'],
  ['delete', '/api/v1/admin/tokens/{id}'],
] as const;

const iso = isolation('e2e_docs');
let kcidb: FakeKcidb;
let stack: Stack;
let doc: OpenApiDocument;

function resolveRef(schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (target === undefined) throw new Error(`dangling $ref ${schema.$ref}`);
  return target;
}

/** Every `$ref` anywhere in the document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

beforeAll(async () => {
  kcidb = await FakeKcidb.start();
  stack = await Stack.start({
    ...isolatedStackEnv(iso, kcidb.restUrl, 'kci_docs'),
  });
  const res = await fetch(stack.url('gateway', '/api/docs/openapi.json'));
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
});

afterAll(async () => {
  await stack?.stop();
  await kcidb?.close();
});

describe('API docs at /api/docs', () => {
  it('serves Swagger UI and the OpenAPI 3 document without a token', async () => {
    const ui = await fetch(stack.url('gateway', '/api/docs'));
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
    expect(await ui.text()).toMatch(/swagger-ui/i);
    const yaml = await fetch(stack.url('gateway', '/api/docs/openapi.yaml'));
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toMatch(/^openapi: 3\./m);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('kci-bridge gateway');
  });

  it('documents every /api/v1 endpoint with its token, success answer and problem answers', async () => {
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).toEqual(ENDPOINTS.map(([m, p]) => `${m} ${p}`).sort());

    for (const [method, path] of ENDPOINTS) {
      const op = doc.paths[path]?.[method];
      const where = `${method.toUpperCase()} ${path}`;
      expect(op?.summary, where).toMatch(/\(scope: (submit|run|sync|read|admin)\)$/);
      expect(op?.security, where).toEqual([{ bearer: [] }]);
      const statuses = Object.keys(op?.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith('2')),
        where,
      ).toBe(true);
      for (const s of ['401', '403', '503']) expect(statuses, `${where} ${s}`).toContain(s);
      for (const s of statuses.filter((x) => Number(x) >= 400)) {
        const problem = op?.responses[s]?.content?.['application/problem+json']?.schema;
        expect(problem?.$ref, `${where} ${s}`).toBe('#/components/schemas/ProblemDoc');
      }
      // A body that is validated can be refused with 422; a POST without a body (sync, retry) not.
      const body = op?.requestBody?.content['application/json']?.schema;
      if (body !== undefined) expect(statuses, `${where} 422`).toContain('422');

      // The documented route is a real one: without a token the guard answers 401.
      const real = await fetch(stack.url('gateway', path.replace('{id}', crypto.randomUUID())), {
        method: method.toUpperCase(),
      });
      expect(real.status, where).toBe(401);
    }
    for (const ref of refs(doc)) expect(() => resolveRef({ $ref: ref }), ref).not.toThrow();
    // The status page is for people, not API; health and metrics are documented (no token).
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/status'))).toEqual([]);
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      expect(doc.paths[path]?.get?.summary, path).toMatch(/no token/);
    }
  });

  it('generates request bodies from the validating DTOs: fields, patterns, enums and nesting', () => {
    const submit = resolveRef(
      doc.paths['/api/v1/tests/submit']?.post?.requestBody?.content['application/json']?.schema ??
        {},
    );
    expect(submit.required).toEqual(expect.arrayContaining(['test_uid', 'build_id', 'tests']));
    expect(submit.properties?.['build_id']?.pattern).toBe('^[a-z0-9_]+:[^\\0]*$');
    expect(submit.properties?.['test_uid']?.maxLength).toBe(256);
    const item = resolveRef(submit.properties?.['tests']?.items ?? {});
    expect(item.properties?.['result']?.enum).toEqual(
      expect.arrayContaining(['FAIL', 'ERROR', 'MISS', 'PASS', 'DONE', 'SKIP']),
    );
    expect(Object.keys(item.properties ?? {})).toEqual(
      expect.arrayContaining(['test_name', 'test_collection', 'result', 'logs', 'log_url']),
    );

    const build = resolveRef(
      doc.paths['/api/v1/builds/run']?.post?.requestBody?.content['application/json']?.schema ?? {},
    );
    expect(build.required).toEqual(
      expect.arrayContaining(['runner', 'toolchain', 'tree', 'branch']),
    );
    expect(build.properties?.['arch']?.enum).toContain('x86_64');
    const tokens = resolveRef(
      doc.paths['/api/v1/admin/tokens']?.post?.requestBody?.content['application/json']?.schema ??
        {},
    );
    expect(tokens.properties?.['scopes']?.items?.enum).toEqual([
      'submit',
      'run',
      'sync',
      'read',
      'admin',
    ]);
  });
});
