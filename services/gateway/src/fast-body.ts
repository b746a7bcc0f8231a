import { Ajv, type ValidateFunction } from 'ajv';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

/**
 * A fast path for the hot request bodies: an ajv validator compiled from the DTO's own
 * class-validator rules (class-validator-jsonschema, the same schema /api/docs shows).
 *
 * It only ever says "valid as sent". Anything it does not accept (a bad field, a status in lower
 * case that class-transformer would normalise, a field whose check JSON Schema cannot express
 * exactly) goes to class-validator, which stays the authority and writes every 422 message. So
 * the fast path must accept nothing class-validator refuses, and must produce what
 * class-transformer would: fast-body.spec.ts checks both with generated bodies.
 *
 * Why: class-validator and class-transformer were a quarter of the gateway's CPU per
 * `tests/submit` under load (bench/pipeline, node --cpu-prof).
 */
export type FastCheck = (body: object) => boolean;

type Schema = Record<string, unknown>;

/** Properties whose rule JSON Schema states differently (URLs, dates): present → slow path. */
function slowOnly(property: Schema): boolean {
  return 'format' in property || 'oneOf' in property || 'anyOf' in property;
}

/**
 * The DTO's schema made strictly narrower: unknown properties removed (class-validator's
 * whitelist), properties with inexact rules forbidden, nested DTOs resolved the same way.
 */
function narrowed(schema: Schema, definitions: Map<string, Schema>): Schema {
  const props = (schema['properties'] ?? {}) as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    out[name] = slowOnly(prop) ? false : narrowedProperty(prop, definitions);
  }
  return { ...schema, type: 'object', properties: out };
}

function narrowedProperty(prop: Schema, definitions: Map<string, Schema>): unknown {
  const ref = prop['$ref'];
  if (typeof ref === 'string') return narrowed(resolve(ref, definitions), definitions);
  const items = prop['items'] as Schema | undefined;
  if (items !== undefined) {
    if (slowOnly(items)) return false;
    return { ...prop, items: narrowedProperty(items, definitions) };
  }
  // A `not: {type: null}` (IsDefined) is implied by the type; keep the rest as generated.
  return prop;
}

function resolve(ref: string, definitions: Map<string, Schema>): Schema {
  const name = ref.replace(/^#\/definitions\//, '');
  const found = definitions.get(name);
  if (found === undefined) throw new Error(`unknown DTO ${name}`);
  return found;
}

/** Compiles the fast check for a DTO class whose nested DTOs are given too. */
export function compileFastCheck(
  dto: new () => object,
  nested: Array<new () => object>,
): FastCheck {
  const options = { classTransformerMetadataStorage: defaultMetadataStorage };
  const definitions = new Map<string, Schema>(
    nested.map((c) => [c.name, targetConstructorToSchema(c, options) as Schema]),
  );
  const schema = narrowed(targetConstructorToSchema(dto, options) as Schema, definitions);
  // unicodeRegExp off: class-validator's @Matches tests plain JS regular expressions.
  const ajv = new Ajv({
    removeAdditional: 'all',
    unicodeRegExp: false,
    allErrors: false,
    strict: false,
  });
  const validate: ValidateFunction = ajv.compile(schema);
  return (body) => validate(body);
}
