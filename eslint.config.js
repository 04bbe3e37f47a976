// ESLint: the recommended rules, the promise rules (a promise nobody awaits loses its error) and a few type-aware
// rules that catch real bugs, with type information from the four tsconfig rooms. Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const project = ['./tsconfig.json', './tsconfig.node.json', './tsconfig.worker.json', './tsconfig.core.json'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.test-results/', '.bench-results/', 'public/', 'src/core/census/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { project, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      // Promises: an unawaited promise loses its error; `void` marks one whose errors are handled where it is made.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      // Bugs the compiler lets through.
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Style, not bugs: the tree uses comma expressions in tight loops and literal strings in markup on purpose, and
      // keeps plain Maps and Sets in non-reactive (private or local) places.
      '@typescript-eslint/no-unused-expressions': 'off',
      'svelte/no-useless-mustaches': 'off',
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Ambient declarations of globals need `declare var`.
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    // Plain JavaScript (scripts, configs) is outside the tsconfig rooms: no type-aware rules there.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
