import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Libraries resolve to their TypeScript sources in tests, so no build is needed to test.
const libsDir = resolve(import.meta.dirname, 'libs');
const alias = Object.fromEntries(
  readdirSync(libsDir)
    .filter((name) => existsSync(resolve(libsDir, name, 'src/index.ts')))
    .map((name) => [`@kci-bridge/${name}`, resolve(libsDir, name, 'src/index.ts')]),
);

const shared = {
  plugins: [swc.vite({ tsconfigFile: resolve(import.meta.dirname, 'tsconfig.base.json') })],
  resolve: { alias },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: [
            '{libs,services,tools}/*/src/**/*.spec.ts',
            'cli/src/**/*.spec.ts',
            'test/unit/**/*.spec.ts',
          ],
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['{libs,services}/*/test/integration/**/*.spec.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        test: {
          // Its own NATS and PostgreSQL, stopped and started under load: ~3 minutes.
          name: 'faults',
          include: ['test/faults/**/*.spec.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        test: {
          // Replicas on one stack, then the stack on a three-node NATS cluster: ~3 minutes.
          name: 'scale',
          include: ['test/scale/**/*.spec.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
