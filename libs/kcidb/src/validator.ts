import type { ErrorObject } from 'ajv';
import { KCIDB_LOG_EXCERPT_MAX } from './excerpt.js';
import { codePointLength } from './formats.js';
// KCIDB_SCHEMA_V5_3 compiled ahead of time by ajv (see validator-codegen.ts): importing it
// costs a few milliseconds, where compiling the schema here cost about 120.
import validateSchema from './generated/validate-v5_3.js';
import { KCIDB_OBJECT_KINDS, type KcidbObjectKind } from './types.js';
import { describeSchemaError, displayPath, show } from './validator-messages.js';

/** One problem found in a report: a JSON Pointer into the document and a sentence. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Verdict on a report: valid when there are no errors; warnings never make it invalid. */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

/** Options for {@link validateReport}. */
export interface ValidateOptions {
  /** Only the JSON Schema layer, exactly what KCIDB's ingester checks. */
  schemaOnly?: boolean;
  /** Whether a parent absent from the report is already known (submitted before). */
  isKnownParent?: (kind: 'checkouts' | 'builds', id: string) => boolean;
}

/** Schema versions {@link validateReport} checks against. */
export const SUPPORTED_SCHEMA_VERSIONS = ['5.3'] as const;

/** Past this many issues of one sort the rest are counted, so a huge bad report stays cheap. */
const MAX_ISSUES = 1000;

/** Validate a KCIDB v5.3 report; never throws, whatever the input. */
export function validateReport(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    let errors = schemaIssues(doc);
    let warnings: ValidationIssue[] = [];
    if (!options.schemaOnly) {
      // concat, not push(...): spreading 100k issues would overflow the call stack.
      errors = errors.concat(conventionIssues(doc, new Set(errors.map((e) => e.path))));
      warnings = parentWarnings(doc, options.isKnownParent);
    }
    return { valid: errors.length === 0, errors: cap(errors), warnings: cap(warnings) };
  } catch (err) {
    // Only a hostile input (a throwing getter or Proxy) can get here.
    const reason = err instanceof Error ? err.message : 'unknown error';
    const message = `the report could not be read as JSON data: ${reason}`;
    return { valid: false, errors: [{ path: '', message }], warnings: [] };
  }
}

function schemaIssues(doc: unknown): ValidationIssue[] {
  if (validateSchema(doc)) return [];
  const raw: ErrorObject[] = validateSchema.errors ?? [];
  return raw.map(describeSchemaError);
}

interface Entry {
  kind: KcidbObjectKind;
  index: number;
  object: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function* entries(
  doc: unknown,
  kinds: readonly KcidbObjectKind[] = KCIDB_OBJECT_KINDS,
): Generator<Entry> {
  if (!isRecord(doc)) return;
  for (const kind of kinds) {
    const list = doc[kind];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const object: unknown = list[index];
      if (isRecord(object)) yield { kind, index, object };
    }
  }
}

/** Our rules beyond the schema: KCIDB accepts these documents, but we never send them. */
function conventionIssues(doc: unknown, schemaPaths: Set<string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const { kind, index, object } of entries(doc)) {
    const at = `/${kind}/${index}`;
    const { id, origin } = object;
    if (typeof id === 'string' && typeof origin === 'string' && id.includes(':')) {
      const prefix = id.slice(0, id.indexOf(':'));
      if (prefix !== origin) {
        issues.push({
          path: `${at}/id`,
          message: `${displayPath(`${at}/id`)} ${show(id)} must start with its origin "${origin}:" (found prefix "${prefix}")`,
        });
      }
    }
    if ((kind === 'builds' || kind === 'tests') && object.start_time === undefined) {
      issues.push({
        path: `${at}/start_time`,
        message: `${displayPath(at)} is missing start_time, which kci-bridge requires on ${kind}`,
      });
    }
    const excerpt = object.log_excerpt;
    const excerptPath = `${at}/log_excerpt`;
    // Counted in code points, as the schema's maxLength; skipped when the schema already said it.
    if (
      typeof excerpt === 'string' &&
      excerpt.length > KCIDB_LOG_EXCERPT_MAX &&
      !schemaPaths.has(excerptPath)
    ) {
      const length = codePointLength(excerpt);
      if (length > KCIDB_LOG_EXCERPT_MAX) {
        issues.push({
          path: excerptPath,
          message: `${displayPath(excerptPath)} must be at most ${KCIDB_LOG_EXCERPT_MAX} characters (it has ${length})`,
        });
      }
    }
  }
  return issues;
}

/** Parents missing from the report: KCIDB stores the child but shows it only once the parent arrives. */
function parentWarnings(
  doc: unknown,
  isKnownParent: ValidateOptions['isKnownParent'],
): ValidationIssue[] {
  const present = { checkouts: new Set<string>(), builds: new Set<string>() };
  for (const { kind, object } of entries(doc, ['checkouts', 'builds'])) {
    if (typeof object.id === 'string')
      present[kind === 'checkouts' ? 'checkouts' : 'builds'].add(object.id);
  }
  const known = (kind: 'checkouts' | 'builds', parentId: string): boolean => {
    if (present[kind].has(parentId)) return true;
    try {
      return isKnownParent?.(kind, parentId) === true;
    } catch {
      return false;
    }
  };
  const warnings: ValidationIssue[] = [];
  for (const { kind, index, object } of entries(doc, ['builds', 'tests'])) {
    const field = kind === 'builds' ? 'checkout_id' : 'build_id';
    const parentKind = kind === 'builds' ? 'checkouts' : 'builds';
    const parentId = object[field];
    if (typeof parentId !== 'string' || known(parentKind, parentId)) continue;
    const path = `/${kind}/${index}/${field}`;
    const noun = parentKind === 'checkouts' ? 'checkout' : 'build';
    warnings.push({
      path,
      message: `${displayPath(path)} ${show(parentId)} names a ${noun} that is neither in this report nor known to have been submitted; KCIDB keeps it but shows it only once that ${noun} arrives`,
    });
  }
  return warnings;
}

function cap(issues: ValidationIssue[]): ValidationIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const rest = issues.length - MAX_ISSUES;
  return [...issues.slice(0, MAX_ISSUES), { path: '', message: `and ${rest} more like these` }];
}
