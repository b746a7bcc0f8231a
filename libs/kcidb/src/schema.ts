/**
 * KCIDB I/O schema v5.3 (JSON Schema draft-07), written out by us.
 *
 * It states the same rules as upstream kcidb-io `kcidb_io/schema/v05_03.py`; the
 * conformance spec proves the two give the same verdict on a corpus of documents
 * (fixtures/upstream holds the upstream file, used by that spec only). Upstream
 * descriptions are left out: they are documentation, not rules.
 */
import { KCIDB_LOG_EXCERPT_MAX } from './excerpt.js';

/**
 * The upstream patterns, byte for byte (also used to word validation messages).
 * ajv compiles them with the `u` flag, where `\0` is NUL, as Python's `re` reads them.
 */
export const KCIDB_PATTERNS = {
  noNul: '^[^\\0]*$',
  origin: '^[a-z0-9_]+$',
  id: '^[a-z0-9_]+:[^\\0]*$',
  path: '^([a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*)?$',
  gitCommitHash: '^[0-9a-f]{40}$',
  httpsUrl: '^https://[^\\0]*$',
  patchsetHash: '^$|^[0-9a-f]{64}$',
  architecture: '^[a-z0-9_]*$',
  resourceName: '^[^/\\0]+$',
  compatible: '^[^ \\0]+(,[^ \\0]+)*$',
} as const;
const P = KCIDB_PATTERNS;

const text = { type: 'string', pattern: P.noNul } as const;
const id = { type: 'string', pattern: P.id } as const;
const origin = { type: 'string', pattern: P.origin } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const uri = { type: 'string', format: 'uri' } as const;
const misc = { type: 'object' } as const;
const bool = { type: 'boolean' } as const;
const number = { type: 'number' } as const;
const version = { type: 'integer', minimum: 0 } as const;
const logExcerpt = { type: 'string', maxLength: KCIDB_LOG_EXCERPT_MAX, pattern: P.noNul } as const;
const resourceList = { $ref: '#/$defs/resource_list' } as const;
const status = { $ref: '#/$defs/status' } as const;
const listOf = <T extends string>(def: T) =>
  ({ type: 'array', items: { $ref: `#/$defs/${def}` } }) as const;

const checkout = {
  title: 'checkout',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'origin'],
  properties: {
    _timestamp: dateTime,
    id,
    origin,
    tree_name: text,
    git_repository_url: { type: 'string', format: 'uri', pattern: P.httpsUrl },
    git_commit_hash: { type: 'string', pattern: P.gitCommitHash },
    git_commit_name: text,
    git_commit_tags: { type: 'array', items: text },
    git_commit_message: text,
    git_repository_branch: text,
    git_repository_branch_tip: bool,
    patchset_files: resourceList,
    patchset_hash: { type: 'string', pattern: P.patchsetHash },
    message_id: { type: 'string', format: 'email' },
    comment: text,
    start_time: dateTime,
    origin_builds_finish_time: dateTime,
    origin_tests_finish_time: dateTime,
    log_url: uri,
    log_excerpt: logExcerpt,
    valid: bool,
    misc,
  },
} as const;

const build = {
  title: 'build',
  type: 'object',
  additionalProperties: false,
  required: ['checkout_id', 'id', 'origin'],
  properties: {
    _timestamp: dateTime,
    id,
    origin,
    checkout_id: id,
    comment: text,
    start_time: dateTime,
    duration: number,
    architecture: { type: 'string', pattern: P.architecture },
    command: text,
    compiler: text,
    input_files: resourceList,
    output_files: resourceList,
    config_name: text,
    config_url: uri,
    log_url: uri,
    log_excerpt: logExcerpt,
    status,
    misc,
  },
} as const;

const test = {
  title: 'test',
  type: 'object',
  additionalProperties: false,
  required: ['build_id', 'id', 'origin'],
  properties: {
    _timestamp: dateTime,
    id,
    origin,
    build_id: id,
    environment: {
      type: 'object',
      additionalProperties: false,
      properties: {
        comment: text,
        compatible: { type: 'array', items: { type: 'string', pattern: P.compatible } },
        misc,
      },
    },
    path: { $ref: '#/$defs/path' },
    comment: text,
    log_url: uri,
    log_excerpt: logExcerpt,
    status,
    number: {
      type: 'object',
      additionalProperties: false,
      required: ['value'],
      properties: {
        value: number,
        unit: text,
        prefix: { type: 'string', enum: ['metric', 'binary'] },
      },
    },
    start_time: dateTime,
    duration: number,
    input_files: resourceList,
    output_files: resourceList,
    misc,
  },
} as const;

const issue = {
  title: 'issue',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'origin'],
  properties: {
    _timestamp: dateTime,
    id,
    version,
    origin,
    report_url: uri,
    report_subject: text,
    culprit: {
      type: 'object',
      additionalProperties: false,
      properties: { code: bool, tool: bool, harness: bool },
    },
    categories: { type: 'array', items: { $ref: '#/$defs/path' } },
    comment: text,
    misc,
  },
} as const;

const incident = {
  title: 'incident',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'origin', 'issue_id', 'issue_version'],
  properties: {
    _timestamp: dateTime,
    id,
    origin,
    issue_id: id,
    issue_version: version,
    build_id: id,
    test_id: id,
    present: bool,
    comment: text,
    misc,
  },
} as const;

/** Our JSON Schema (draft-07) for KCIDB I/O v5.3: the same rules as upstream kcidb-io. */
export const KCIDB_SCHEMA_V5_3 = deepFreeze({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'kcidb',
  description:
    'Kernel CI report data, KCIDB I/O schema v5.3. No property may be null; extra data goes in "misc".',
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: {
      type: 'object',
      additionalProperties: false,
      required: ['major'],
      properties: {
        major: { type: 'integer', const: 5 },
        minor: { type: 'integer', minimum: 0, maximum: 3 },
      },
    },
    checkouts: listOf('checkout'),
    builds: listOf('build'),
    tests: listOf('test'),
    issues: listOf('issue'),
    incidents: listOf('incident'),
  },
  $defs: {
    checkout,
    build,
    test,
    issue,
    incident,
    path: { type: 'string', pattern: P.path },
    resource: {
      title: 'resource',
      type: 'object',
      additionalProperties: false,
      required: ['name', 'url'],
      properties: { name: { type: 'string', pattern: P.resourceName }, url: uri },
    },
    resource_list: { type: 'array', items: { $ref: '#/$defs/resource' } },
    status: { type: 'string', enum: ['FAIL', 'ERROR', 'MISS', 'PASS', 'DONE', 'SKIP'] },
  },
} as const);

// Shared by every importer: freezing stops one caller's mutation from changing
// what every other caller validates against.
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
