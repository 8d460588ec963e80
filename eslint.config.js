import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'artifacts/**', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Extension pages must never build HTML from strings (user data could end up as markup).
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render with Preact; never build markup from strings.' },
        { property: 'outerHTML', message: 'Render with Preact; never build markup from strings.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never inject raw HTML.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['entrypoints/**', 'components/**', 'utils/**'],
    rules: {
      // Browser APIs come from wxt/browser: the browser's own `browser` in builds, the fake browser in
      // unit tests. A bare global would bypass the fake.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'webextension-polyfill', message: "Import { browser } from 'wxt/browser'." }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: "Import { browser } from 'wxt/browser'." },
        { name: 'browser', message: "Import { browser } from 'wxt/browser'." },
      ],
    },
  },
);
