#!/usr/bin/env node
// Build step of @kci-bridge/kcidb, run after tsc: compiles KCIDB_SCHEMA_V5_3 ahead of time
// with ajv's standalone code generation (src/validator-codegen.ts) into
// src/generated/validate-v5_3.js, which is committed, and copies it (with its .d.ts) into
// dist/generated/. The file is rewritten only when the schema (or ajv) changed it: commit
// the change. `--check` writes nothing and exits 1 when the committed file is out of date.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { GENERATED_VALIDATOR_PATH, validatorModuleSource } = await import(
  new URL('../dist/validator-codegen.js', import.meta.url).href
);
const check = process.argv.includes('--check');

const source = join(root, GENERATED_VALIDATOR_PATH);
const declarations = source.replace(/\.js$/, '.d.ts');
const wanted = validatorModuleSource();
const current = await readFile(source, 'utf8').catch(() => '');
const shown = relative(process.cwd(), source) || source;

if (current !== wanted) {
  if (check) {
    process.stderr.write(`${shown} is out of date: run npm run build -w @kci-bridge/kcidb\n`);
    process.exit(1);
  }
  await writeFile(source, wanted);
  process.stdout.write(`compile-validator: wrote ${shown} (changed: commit it)\n`);
}
if (!check) {
  const out = join(root, 'dist', relative(join(root, 'src'), source));
  await mkdir(dirname(out), { recursive: true });
  await copyFile(source, out);
  await copyFile(declarations, out.replace(/\.js$/, '.d.ts'));
}
