// Lint for every project (`nx run-many -t lint`): ESLint's and typescript-eslint's recommended sets
// plus a few rules this codebase relies on. Not type-aware, so it needs no build and stays fast.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.test-artifacts/**', '**/runs/**', 'bench/.data/**', 'tmp/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names mark parameters a contract requires but an implementation ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Type-only imports are erased at build time (isolatedModules); `import('x').T` stays allowed.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // `ok ? (a = x) : b.push(y)` reads as a statement here; a bare unused expression is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
);
