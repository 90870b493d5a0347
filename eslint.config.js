// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Import layering (DESIGN.md §1). DO NOT RELAX these rules to make an import
 * compile: move the code to the right layer instead.
 *   src-shared   imports nothing of ours, no Node built-ins, no DOM-only libraries
 *   src-main, src-preload, src-renderer, src-server import src-shared and never one another
 * A new dependency must be placed in a layer: add it to that layer's allow-list
 * comment in its folder README.
 */
const otherRuntimes = (self) =>
  ['src-main', 'src-preload', 'src-renderer', 'src-server']
    .filter((d) => d !== self)
    .map((d) => ({ group: [`**/${d}/**`, `**/${d}`], message: `${self} must not import ${d} (layering, DESIGN.md §1)` }));

const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'crypto', 'http', 'child_process', 'os', 'net', 'stream'],
  message: 'Node built-ins are not allowed in this layer',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', '.data/**', 'src-server/db/migrations/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...otherRuntimes('src-shared'),
          { group: ['**/src-shared/**'], message: 'use relative imports inside src-shared' },
          nodeBuiltins,
          { group: ['react', 'react-dom', 'dexie', 'sip.js', 'fastify', 'drizzle-orm', 'electron'], message: 'src-shared is pure: no runtime-specific libraries' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [...otherRuntimes('src-renderer'), nodeBuiltins, { group: ['electron'], message: 'the renderer reaches Electron only through the host bridge' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: otherRuntimes('src-main') }] },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: otherRuntimes('src-preload') }] },
  },
  {
    files: ['src-server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: otherRuntimes('src-server') }] },
  },
  {
    files: ['scripts/**', 'bench/**', 'e2e/**', 'lab/**'],
    rules: { 'no-console': 'off' },
  },
);
