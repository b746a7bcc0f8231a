// Module hooks for register.mjs: `./x.js` imported from a .ts file resolves to `./x.ts` when only
// that exists (the NodeNext convention of the sources), and .ts files are transpiled by @swc/core.
import { readFile } from 'node:fs/promises';
import { transform } from '@swc/core';

const TS = /\.ts$/;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && specifier.endsWith('.js') && TS.test(context.parentURL ?? '')) {
      return nextResolve(specifier.replace(/\.js$/, '.ts'), context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(url)) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const output = await transform(source, {
    filename: url,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  return { format: 'module', source: output.code, shortCircuit: true };
}
