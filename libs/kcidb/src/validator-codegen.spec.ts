/**
 * The committed, precompiled validator (src/generated/validate-v5_3.js) is exactly what
 * regenerating it from KCIDB_SCHEMA_V5_3 gives, and behaves as the schema compiled at run time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addKcidbFormats, AJV_RUNTIME, codePointLength } from './formats.js';
import precompiled from './generated/validate-v5_3.js';
import { KCIDB_SCHEMA_V5_3 } from './schema.js';
import { GENERATED_VALIDATOR_PATH, validatorModuleSource } from './validator-codegen.js';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const generatedFile = join(packageRoot, GENERATED_VALIDATOR_PATH);
const fixtures = join(packageRoot, 'fixtures');

function corpus(): Array<{ name: string; doc: unknown }> {
  const dirs = ['upstream/samples', 'conformance/valid', 'conformance/invalid'];
  return dirs.flatMap((dir) =>
    readdirSync(join(fixtures, dir))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
      .sort()
      .map((f) => ({
        name: `${dir}/${f}`,
        doc: JSON.parse(readFileSync(join(fixtures, dir, f), 'utf8')) as unknown,
      })),
  );
}

describe('the precompiled v5.3 validator', () => {
  it('is what regenerating it from KCIDB_SCHEMA_V5_3 gives (run npm run build -w @kci-bridge/kcidb)', () => {
    const committed = readFileSync(generatedFile, 'utf8');
    expect(validatorModuleSource(KCIDB_SCHEMA_V5_3)).toBe(committed);
  });

  it('changes when the schema changes', () => {
    const changed = { ...KCIDB_SCHEMA_V5_3, description: 'another schema' };
    expect(validatorModuleSource(changed)).not.toBe(readFileSync(generatedFile, 'utf8'));
  });

  it('is kept out of Prettier, whose layout would make it half as big again', () => {
    const ignore = readFileSync(join(packageRoot, '../../.prettierignore'), 'utf8').split('\n');
    expect(ignore).toContain('libs/kcidb/src/generated');
  });

  it('loads nothing of ajv: the runtime helpers it requires come from formats.ts', () => {
    const code = readFileSync(generatedFile, 'utf8');
    const imports = [...code.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['../formats.js']);
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
    expect(required.length).toBeGreaterThan(0);
    for (const id of required) expect(Object.keys(AJV_RUNTIME)).toContain(id);
  });

  it('counts lengths as ajv does: codePointLength is ucs2length', () => {
    const ucs2length = (
      createRequire(import.meta.url)('ajv/dist/runtime/ucs2length') as {
        default: (value: string) => number;
      }
    ).default;
    const unit = fc.oneof(
      fc.constantFrom('a', '\u00e9', '\ud834', '\udd1e', '\ud834\udd1e', '\udbff', '\udc00', '\0'),
      fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (value) => {
        expect(codePointLength(value)).toBe(ucs2length(value));
      }),
      { numRuns: 5000 },
    );
  });

  // As validator.ts compiled it at import before (refs inlined): the precompiled code may be
  // laid out differently (one function per $defs entry), but must behave the same.
  const ajv = addKcidbFormats(new Ajv({ allErrors: true, verbose: true, strict: true }));
  const compiled = ajv.compile(KCIDB_SCHEMA_V5_3);
  const cases = corpus();

  it('has a corpus to compare on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name: same verdict and errors as the schema compiled at run time', ({ doc }) => {
    const ours = precompiled(doc);
    const theirs = compiled(doc);
    expect(ours).toBe(theirs);
    // schemaPath is left out: with refs compiled apart it starts at the $defs entry, and
    // nothing reads it (validator-messages.ts words errors from the rest).
    const shape = (errors: typeof compiled.errors) =>
      (errors ?? []).map(({ instancePath, keyword, params, message, data, parentSchema }) => ({
        instancePath,
        parentSchema,
        keyword,
        params,
        message,
        data,
      }));
    expect(shape(precompiled.errors)).toEqual(shape(compiled.errors));
  });
});
