#!/usr/bin/env node
// Committed launcher for dist/main.js. npm links a workspace's bin into the root
// node_modules/.bin only if the file exists at install time, and dist/ does not exist
// until the first build, so the bin points here rather than at dist/main.js.
import module from 'node:module';

// Node 22.1+ can keep compiled code between runs, which shortens every start; Node 20 cannot
// (the call is skipped) and NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();

try {
  await import('../dist/main.js');
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    process.stderr.write(
      'kci-bridge is not built yet: run `npm run build` at the repository root\n',
    );
    process.exitCode = 2;
  } else {
    throw err;
  }
}
