import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every business area: one folder each under src/areas/. */
const areas = readdirSync(new URL('./src/areas/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The code every area may use; it knows nothing of the areas. */
const shared = ['api', 'auth', 'components', 'hooks', 'i18n'];

/**
 * An area reaches another only by climbing out of its own folder, e.g. `../users/queries` or
 * `../../areas/users/queries`; the registry (`../registry`) leads to all of them.
 */
function areaBoundary(area) {
  const others = areas.filter((name) => name !== area);
  return {
    files: [`src/areas/${area}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(areas/)?(${[...others, 'registry'].join('|')})(/|$)`,
              caseSensitive: true,
              message: `The ${area} area must not import another area: move what they share to src/{${shared.join(',')}}.`,
            },
            {
              regex: '^(\\.\\./)+(shell|main|Providers)(/|$)',
              caseSensitive: true,
              message: 'An area must not import the app shell; the shell reaches areas through src/areas/registry.ts.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'src/api/schema.ts', 'src/api/limits.ts', 'test-results', 'playwright-report'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      ecmaVersion: 2023,
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {
      'react-hooks': reactHooks,
      'react-refresh': reactRefresh,
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  ...areas.map(areaBoundary),
  {
    // Shared code serves every area, so it must not depend on any of them, nor on the shell.
    files: shared.map((dir) => `src/${dir}/**/*.{ts,tsx}`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(areas|shell)(/|$)',
              caseSensitive: true,
              message: 'Shared code must not import an area or the app shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'src/test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Test helpers are never hot-reloaded.
      'react-refresh/only-export-components': 'off',
    },
  },
  {
    files: ['*.js', 'scripts/**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
