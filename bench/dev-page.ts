/**
 * A bench page of `bench/browser/` in headless Chromium, served from source by Vite's dev server:
 * the one harness the browser-side overhead benches (pipeline, PERSONA Bench, WikiPersonas) share.
 */
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { findBrowser } from '../scripts/find-browser.mjs';

/**
 * Opens `bench/browser/<html>`, waits until the page has defined `window[ready]`, runs `body` on it,
 * then closes the browser and the server. `deps` are pre-bundled by Vite (so the first call measures
 * the pipeline, not dependency discovery).
 */
export async function onBenchPage<T>(html: string, ready: string, deps: readonly string[], body: (page: Page) => Promise<T>): Promise<T> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('No Chrome/Chromium found (set CHROME_PATH).');
  const server = await createServer({
    root: process.cwd(),
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    optimizeDeps: { noDiscovery: true, include: [...deps] },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}bench/browser/${html}`);
    await page.waitForFunction((name) => typeof (window as unknown as Record<string, unknown>)[name] === 'function', ready, {
      timeout: 120_000,
    });
    return await body(page);
  } finally {
    await browser.close();
    await server.close();
  }
}
