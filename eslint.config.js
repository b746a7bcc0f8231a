// @ts-check
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const processEnvRule = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration only in src/config/env.ts (validated once at start-up).',
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '.kci/**',
      '**/fixtures/**',
      'coverage/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'vitest.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-syntax': ['error', processEnvRule],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@kci-bridge/*/src/*', '@kci-bridge/*/dist/*'],
              message: "Import a lib's public entry point only.",
            },
            {
              group: ['**/services/*', '../../services/*'],
              message: 'A service never imports from another service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/config/env.ts',
      '**/config/*.env.ts',
      'tools/*/src/config/**',
      'test/support/env.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
