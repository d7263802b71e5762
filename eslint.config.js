import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** What git ignores (scratch folders, builds, data) is not linted either: the patterns of .gitignore. */
const gitIgnored = readFileSync(join(import.meta.dirname, '.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
  .map((line) => (line.startsWith('/') ? line.slice(1) : `**/${line}`))
  .map((line) => (line.endsWith('/') ? `${line}**` : line))

// The layers (docs/architecture.md). Raw SQL and the driver stay in api/queries/ and api/db/.
const RAW_SQL = [
  { name: 'kysely', importNames: ['sql'], message: 'Raw SQL lives in api/queries/ (or api/db/): call a query function.' },
  { name: 'pg', message: 'The driver is opened only in api/db/connect-*.ts.' },
]
const ROUTE_TO_ROUTE = {
  regex: '^\\./(?!shared/)',
  message: 'Routes do not import routes: mount routers in api/app.ts, share response shaping in api/routes/shared/.',
}
const WEB_TO_API = {
  // Pure helpers shared as code: the location and viewport grids (app and API agree on cells) and the need words.
  regex: '(^|/)api/(?!lib/location-grid\\.js$|lib/viewport-grid\\.js$|domain/need-words\\.js$)',
  allowTypeImports: true,
  message: 'web/ takes only types from api/ (import type … from api/schemas/…).',
}

export default tseslint.config(
  { ignores: [...gitIgnored, 'data/', 'docs/', 'worker-configuration.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.web.json', './tsconfig.node.json', './tsconfig.worker.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Preact event handlers may return a promise (the form's own error handling is inside).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Hono's app.request returns Response | Promise<Response>; awaiting a list of them is fine. Vitest's asymmetric
  // matchers (expect.stringContaining, expect.objectContaining…) are typed `any`, so every partial match is an
  // "unsafe assignment".
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/await-thenable': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['*.js', '*.mjs', 'scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['api/**/*.ts', 'web/**/*.{ts,tsx}'],
    ignores: ['api/queries/**', 'api/db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: RAW_SQL }] },
  },
  { files: ['api/routes/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: RAW_SQL, patterns: [ROUTE_TO_ROUTE] }] } },
  { files: ['web/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { paths: RAW_SQL, patterns: [WEB_TO_API] }] } },
)
