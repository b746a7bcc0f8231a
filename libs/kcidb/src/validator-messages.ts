import type { ErrorObject } from 'ajv';
import { KCIDB_PATTERNS } from './schema.js';

/** The issue shape again, kept here so this module does not import the validator. */
interface Issue {
  path: string;
  message: string;
}

const PATTERN_RULES: Record<string, string> = {
  [KCIDB_PATTERNS.noNul]: 'must not contain NUL characters',
  [KCIDB_PATTERNS.origin]: 'must be lowercase letters, digits and underscores only (e.g. "myci")',
  [KCIDB_PATTERNS.id]:
    'must be "<origin>:<local id>": lowercase letters, digits or underscores, a colon, then anything without NUL characters',
  [KCIDB_PATTERNS.path]: 'must be dot-separated segments of [A-Za-z0-9_-]',
  [KCIDB_PATTERNS.gitCommitHash]:
    'must be a full 40-character lowercase hex commit hash (omit the field if unknown)',
  [KCIDB_PATTERNS.httpsUrl]:
    'must be an https:// URL (KCIDB refuses git:// and http:// since v5.0)',
  [KCIDB_PATTERNS.patchsetHash]:
    'must be "" (no patches) or a 64-character lowercase hex sha256 of the patches',
  [KCIDB_PATTERNS.architecture]:
    'must be lowercase letters, digits and underscores only (e.g. "x86_64", "arm64")',
  [KCIDB_PATTERNS.resourceName]: 'must be a non-empty file name without "/" or NUL characters',
  [KCIDB_PATTERNS.compatible]:
    'must be comma-separated device-tree compatible values without spaces or NUL characters',
};

const FORMAT_RULES: Record<string, string> = {
  'date-time':
    'must be an RFC 3339 date-time with a "T" and a timezone (e.g. "2026-01-15T10:00:00Z")',
  uri: 'must be an absolute URI (e.g. "https://example.org/build.log")',
  email: 'must be a Message-ID, which contains an "@"',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** `/tests/3/path` as a person reads it: `tests[3].path`; the root is "the report". */
export function displayPath(pointer: string): string {
  if (pointer === '') return 'the report';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** One ajv error as an issue a person can act on. */
export function describeSchemaError(error: ErrorObject): Issue {
  const at = error.instancePath;
  const where = displayPath(at);
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      return {
        path: `${at}/${escape(field)}`,
        message: `${where} is missing the required field "${field}"`,
      };
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const hint = hasMisc(error.parentSchema) ? ' (put extra data in "misc")' : '';
      return {
        path: `${at}/${escape(field)}`,
        message: `${where} has an unknown field ${show(field)}; KCIDB refuses unknown fields${hint}`,
      };
    }
    case 'type': {
      if (data === null && at !== '') {
        return {
          path: at,
          message: `${where} is null; KCIDB forbids null, omit the field instead`,
        };
      }
      const wanted = [params.type].flat().map((t) => TYPE_NAMES[String(t)] ?? String(t));
      return {
        path: at,
        message: `${where} must be ${wanted.join(' or ')} (it is ${kindOf(data)})`,
      };
    }
    case 'pattern': {
      const rule = PATTERN_RULES[String(params.pattern)] ?? `must match ${String(params.pattern)}`;
      return { path: at, message: `${where} ${show(data)} ${rule}` };
    }
    case 'format': {
      const rule =
        FORMAT_RULES[String(params.format)] ?? `must be a valid ${String(params.format)}`;
      return { path: at, message: `${where} ${show(data)} ${rule}` };
    }
    case 'maxLength': {
      const length = typeof data === 'string' ? [...data].length : 0;
      return {
        path: at,
        message: `${where} must be at most ${String(params.limit)} characters (it has ${length})`,
      };
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      return { path: at, message: `${where} ${show(data)} must be one of ${allowed.join(', ')}` };
    }
    case 'const':
      return {
        path: at,
        message: `${where} must be ${String(params.allowedValue)} (it is ${show(data)})`,
      };
    case 'minimum':
    case 'maximum': {
      const bound = error.keyword === 'minimum' ? 'at least' : 'at most';
      return {
        path: at,
        message: `${where} must be ${bound} ${String(params.limit)} (it is ${show(data)})`,
      };
    }
    default:
      return { path: at, message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

function hasMisc(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const properties: unknown = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null && 'misc' in properties;
}

function escape(field: string): string {
  return field.replaceAll('~', '~0').replaceAll('/', '~1');
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** A value short enough to quote in a sentence. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kindOf(value);
}
