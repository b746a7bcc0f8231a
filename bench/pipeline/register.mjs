// Lets Node 20 run the benchmark's TypeScript, and the test/ sources it reuses (test/e2e/stack.ts,
// test/fakes/kcidb), in place: `node --import ./bench/pipeline/register.mjs bench/pipeline/src/main.ts`.
// Type checking is tsc's job (`tsc -p bench/pipeline`); this only strips the types, with the
// repository's @swc/core, as vitest does.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
