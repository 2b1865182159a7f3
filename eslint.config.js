// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Node's built-in modules under every spelling (fs, node:fs, fs/promises). */
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const restrict = (message, { paths = [], patterns = [] }) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.length ? [{ group: patterns, message }] : [],
    },
  ],
});

// ARCHITECTURE.md, "Rules of the house": who may import whom.
const LAYERS = [
  {
    files: ['src/contract/**/*.ts'],
    rules: restrict('src/contract imports nothing but zod.', {
      paths: ['electron', 'react', 'react-dom', 'better-sqlite3', ...NODE_BUILTINS],
      patterns: ['../*', 'antd', 'antd/*', '@tanstack/*'],
    }),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict('src/core is the application: no electron, react or UI, and nothing from the shells.', {
      paths: ['electron', 'react', 'react-dom', 'antd'],
      patterns: ['**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**', '**/web/**', 'antd/*', '@tanstack/*', '@ant-design/*'],
    }),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict('The renderer talks only to window.archive (src/contract) and UI libraries.', {
      paths: ['electron', 'better-sqlite3', ...NODE_BUILTINS],
      patterns: ['**/core/**', '**/core', '**/main/**', '**/preload/**', '**/cli/**', '**/web/**'],
    }),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict('The preload exposes the contract and nothing else.', {
      paths: ['react', 'react-dom', 'better-sqlite3'],
      patterns: ['**/core/**', '**/renderer/**', '**/main/**', '**/cli/**', '**/web/**'],
    }),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: restrict('main is a thin shell: the contract, createCore and electron.', {
      paths: ['react', 'react-dom'],
      patterns: ['**/renderer/**', '**/preload/**', '**/cli/**', '**/web/**', '**/core/*/**'],
    }),
  },
  {
    files: ['src/cli/**/*.ts', 'src/web/**/*.ts'],
    rules: restrict('cli and web reach the core only through createCore and the contract.', {
      paths: ['electron', 'react', 'react-dom'],
      patterns: ['**/renderer/**', '**/main/**', '**/preload/**', '**/core/*/**'],
    }),
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'native/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...LAYERS,
);
