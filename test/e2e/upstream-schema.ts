import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { REPO_ROOT } from './stack.js';

const schema = JSON.parse(
  readFileSync(
    resolve(REPO_ROOT, 'libs/kcidb/fixtures/upstream/kcidb-io-v05_03.schema.json'),
    'utf8',
  ),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
// Plain ajv-formats, the standard format checks, independent of our own validator.
formats.default(ajv);

/** The upstream KCIDB v5.3 schema with format checks: the fake KCIDB's ingester uses it too. */
export const validateUpstream = ajv.compile(schema);
