import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { extensionPagesCsp, intendedPermissions } from './utils/manifest-policy';

// The manifest is built from one policy module so that the manifest test can compare the
// built manifests against exactly the same intent (tests/e2e/manifest.test.ts).
export default defineConfig({
  // Explicit imports everywhere: a reader can follow every name to its file.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The benchmark harness page ships only in the practice build (npm start, tests, bench).
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (wxt.config.mode === 'practice') return;
      const index = entrypoints.findIndex((entrypoint) => entrypoint.name === 'bench-harness');
      if (index >= 0) entrypoints.splice(index, 1);
    },
  },
  zip: {
    excludeSources: ['tests/**', 'bench/**', 'artifacts/**', '**/*.log', '.output/**'],
  },
  manifest: ({ browser, mode }) => {
    const policy = intendedPermissions({ browser, mode });
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: policy.permissions,
      optional_host_permissions: policy.optionalHostPermissions,
      ...(policy.hostPermissions.length ? { host_permissions: policy.hostPermissions } : {}),
      content_security_policy: { extension_pages: extensionPagesCsp },
      action: { default_title: '__MSG_extName__' },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'aftercare@aftercare.invalid',
                strict_min_version: policy.firefoxMinVersion,
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});
