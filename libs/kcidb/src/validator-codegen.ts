/**
 * Ahead-of-time compilation of the v5.3 schema validator. Compiling the schema with ajv
 * at import took about 120 ms of every start of every process that validates (the CLI's
 * `submit build --dry-run` most visibly). Instead, ajv's standalone code generation turns
 * {@link KCIDB_SCHEMA_V5_3} into a plain ES module, `src/generated/validate-v5_3.js`, which
 * is committed; `validator.ts` imports it and never loads ajv.
 *
 * `scripts/compile-validator.mjs` (run by `npm run build`, after tsc) writes that file
 * from this function, and `validator-codegen.spec.ts` fails when the committed file is
 * not what this function gives now, so it never drifts from the schema.
 *
 * Not exported from the package: only the build and the test load ajv's code generator.
 */
import { _, Ajv, Name, type Options } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { KCIDB_FORMATS, addKcidbFormats } from './formats.js';
import { KCIDB_SCHEMA_V5_3 } from './schema.js';

/**
 * The ajv options the validator is compiled with: every error, with the data and schema, as
 * validator.ts compiled it before. `inlineRefs: false` gives each `$defs` entry (checkout,
 * build, test...) its own function: V8 compiles a function on its first call, so a report of
 * builds never pays for compiling the test or issue validators. Only the errors' `schemaPath`
 * differs (it starts at the `$defs` entry), and nothing reads it.
 */
export const VALIDATOR_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  inlineRefs: false,
} as const;

/** Where the generated module lives, relative to the package root. */
export const GENERATED_VALIDATOR_PATH = 'src/generated/validate-v5_3.js';

/** The identifier the generated code reads formats from; the header imports it. */
const FORMATS_IDENTIFIER = 'kcidbFormats';

const HEADER = `// GENERATED FILE: do not edit. It is ajv's standalone code for KCIDB_SCHEMA_V5_3
// (src/schema.ts), written by scripts/compile-validator.mjs from src/validator-codegen.ts
// when @kci-bridge/kcidb is built; validator-codegen.spec.ts fails if it is out of date.
/* eslint-disable */
import { AJV_RUNTIME, KCIDB_FORMATS as ${FORMATS_IDENTIFIER} } from '../formats.js';

// ajv's standalone code asks for its runtime helpers (ucs2length) with require():
// formats.ts provides them.
const require = (id) => {
  const helper = AJV_RUNTIME[id];
  if (helper === undefined) throw new Error(\`no ajv runtime helper \${id} in formats.ts\`);
  return helper;
};
`;

/**
 * The source of `src/generated/validate-v5_3.js` for `schema`: an ES module whose default
 * (and `validate`) export is ajv's validate function. One statement per line (ajv's
 * `code.lines`), so a change of the schema gives a readable diff, and unindented: the file is
 * parsed at every start, and Prettier's layout would make it half as big again
 * (`src/generated/.prettierrc` keeps Prettier off it).
 */
export function validatorModuleSource(schema: object = KCIDB_SCHEMA_V5_3): string {
  const options: Options = {
    ...VALIDATOR_OPTIONS,
    code: {
      source: true,
      esm: true,
      lines: true,
      formats: _`${new Name(FORMATS_IDENTIFIER)}`,
    },
  };
  const ajv = addKcidbFormats(new Ajv(options));
  for (const name of Object.keys(KCIDB_FORMATS)) {
    if (ajv.formats[name] === undefined) throw new Error(`format ${name} is not registered`);
  }
  const validate = ajv.compile(schema);
  // ajv-standalone is CommonJS: under NodeNext its default export arrives as the module object.
  let code = standaloneCode.default(ajv, validate);
  // An ES module is strict already; the directive would sit after the imports, doing nothing.
  code = code.replace(/^"use strict";\n?/, '');
  return `${HEADER}\n${code.trimEnd()}\n`;
}
