import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the production build served on loopback (see test/e2e/global-setup.ts),
 * driven through playwright-core in a real Chromium. One file at a time: each launches a browser.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
