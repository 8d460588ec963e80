import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium with the built extension: one file at a time, generous
// timeouts for a busy 2-core machine (every wait inside has its own, shorter timeout).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globals: true,
    // One retry for a real browser on a 2-core machine: under heavy load we have seen Chromium's
    // i18n.getMessage come back empty and 15 s waits run out. A test that fails twice fails.
    retry: 1,
  },
});
