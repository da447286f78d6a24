import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * What each folder of src/ may import, besides itself (ARCHITECTURE.md says
 * what each holds). Imports point one way: down this list. `version.ts` at
 * the top of src/ may be imported by anything.
 */
const MAY_IMPORT = {
  util: [],
  api: ['util'],
  // The simulator shares nothing with the clients, so the two cannot share a misreading of the docs.
  sim: ['util'],
  views: ['api', 'util'],
  filter: ['views', 'api', 'util'],
  changes: ['views', 'util'],
  input: ['views', 'util'],
  config: ['input', 'filter', 'views', 'api', 'util'],
  terminal: ['changes', 'views', 'api', 'util'],
  data: ['config', 'filter', 'changes', 'views', 'api', 'util'],
  billing: ['data', 'changes', 'views', 'api', 'util'],
  model: ['data', 'input', 'filter', 'changes', 'views', 'util'],
  controllers: ['model', 'input', 'filter', 'views', 'util'],
  dashboard: ['controllers', 'model', 'billing', 'data', 'terminal', 'changes', 'filter', 'input', 'views', 'util'],
  ui: ['dashboard', 'model', 'billing', 'data', 'changes', 'input', 'views', 'util'],
  cli: ['ui', 'dashboard', 'model', 'data', 'terminal', 'config', 'input', 'filter', 'views', 'sim', 'api', 'util'],
};
const FOLDERS = Object.keys(MAY_IMPORT);

const layerZones = FOLDERS.map((folder) => ({
  target: `./src/${folder}`,
  from: FOLDERS.filter((other) => other !== folder && !MAY_IMPORT[folder].includes(other)).map(
    (other) => `./src/${other}`,
  ),
  message: `src/${folder} may import only ${[...MAY_IMPORT[folder], folder].join(', ')} (eslint.config.js, ARCHITECTURE.md)`,
}));

/** Components are drawn by the UI alone: nothing else imports one (cli/main.tsx renders the App). */
const componentZones = [
  {
    target: FOLDERS.filter((folder) => folder !== 'ui' && folder !== 'cli').map((folder) => `./src/${folder}`),
    from: ['./src/ui', './src/views/table/Table.tsx'],
    message: 'only src/ui imports components',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...componentZones] }],
    },
  },
);
