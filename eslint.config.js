// Lint, including DomainDeck's layer rule (after VS Code's): lower layers never
// import higher ones, and only the Electron shell touches 'electron'.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'worker_threads', 'readline'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['src-shared/**'],
    rules: restrict([...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'better-sqlite3', 'undici', '**/src-main/**', '**/src-renderer/**'], 'src-shared is pure: no node, electron, react, database or higher layers.'),
  },
  {
    files: ['src-renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...NODE_BUILTINS, 'electron', 'better-sqlite3', 'undici', '**/src-main/**'], 'The renderer talks to the core only through the contract client.'),
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/shells/electron/**'],
    rules: restrict(['electron', '**/src-renderer/**'], "Only src-main/shells/electron may import 'electron'; src-main never imports the renderer."),
  },
  {
    files: ['src-main/{db,vault,registrars,scheduler,sync,sandbox}/**'],
    rules: restrict(['electron', '**/src-renderer/**', '**/services/**', '**/rpc/**', '**/shells/**', '**/app/open-app*'], 'Lower layers never import services, rpc or shells.'),
  },
  {
    files: ['src-main/services/**'],
    rules: restrict(['electron', '**/src-renderer/**', '**/rpc/**', '**/shells/**'], 'Services never import rpc or shells.'),
  },
  {
    files: ['src-main/rpc/**'],
    rules: restrict(['electron', '**/src-renderer/**', '**/shells/**'], 'rpc never imports shells.'),
  },
);
