import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CHROMIUM_FLAGS, findBrowser } from './scripts/find-browser.mjs';

/**
 * Component tests: Svelte components and `*.svelte.ts` state mounted in a real Chromium (the one
 * `scripts/find-browser.mjs` finds, driven through playwright-core) by Vitest's browser mode, so
 * `$effect`, layout, scrolling and canvas all run as in the app. Files under test/component.
 */
export default defineConfig({
  plugins: [svelte()],
  // Bundled before the first test: a package found mid-run makes Vite reload the page under a running test.
  optimizeDeps: {
    include: [
      '@tanstack/svelte-virtual',
      'chart.js',
      'chartjs-chart-matrix',
      '@sgratzl/chartjs-chart-boxplot',
      'dexie',
      'diff',
      'papaparse',
      'zod',
    ],
  },
  test: {
    include: ['test/component/**/*.test.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: findBrowser(), args: [...CHROMIUM_FLAGS, '--enable-unsafe-webgpu'] } }),
      instances: [{ browser: 'chromium', viewport: { width: 1280, height: 800 } }],
    },
  },
});
