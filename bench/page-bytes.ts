/**
 * Issue #11's "pages that do not need the in-browser runtime do not download it": what opening Home,
 * Runs and Agreement fetches from the production build with a server chosen as the backend, from an
 * empty HTTP cache in headless Chromium. Each page is opened in a fresh browser on the same profile
 * (the settings stay, nothing else runs); the value is the gzipped size of every file of the build it
 * requested (the page's and its workers'), the detail the raw size and whether web-llm came with it.
 */
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import { findBrowser } from '../scripts/find-browser.mjs';
import { build, OUT, WEBLLM_MARKERS } from './foundation';
import type { Bench } from './types';

const ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'];

/** Opens a browser on `profile`, runs `fn`, closes it. */
async function withBrowser<T>(profile: string, fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('No Chrome/Chromium found: set CHROME_PATH or run `npm test` once.');
  // Without the offline service worker: it would precache the whole build on the first visit and serve the page from its cache.
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, serviceWorkers: 'block' });
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

/** Chooses an OpenAI-compatible server on the Models page (nothing needs to answer there). */
async function chooseServer(context: BrowserContext, url: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}#/models`);
  await page.getByLabel('OpenAI-compatible server').check();
  await page.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
  await page.getByLabel('Base URL').press('Tab');
  await page.getByLabel('Model', { exact: true }).fill('tiny-local');
  await page.getByLabel('Model', { exact: true }).press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-testid="header-backend"]')?.textContent?.includes('tiny-local'));
}

/** The build's files a page fetched while opening, until no request came for a second. */
async function fetchedFiles(context: BrowserContext, url: string, path: string): Promise<string[]> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  const files = new Set<string>();
  let last = Date.now();
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === new URL(url).origin && u.pathname !== '/') files.add(u.pathname.slice(1));
    last = Date.now();
  });
  await page.goto(`${url}#${path}`);
  await page.locator('main[data-ready="true"] h1').waitFor();
  while (Date.now() - last < 1000) await page.waitForTimeout(200);
  return [...files].sort();
}

/** Measures one page. */
async function measure(path: string): Promise<{ value: number; detail: string }> {
  await build();
  const server = await preview({ build: { outDir: OUT }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0];
  const profile = mkdtempSync(join(tmpdir(), 'persona-lab-bench-'));
  try {
    if (!url) throw new Error('vite preview did not report an address');
    await withBrowser(profile, (c) => chooseServer(c, url));
    const files = await withBrowser(profile, (c) => fetchedFiles(c, url, path));
    let raw = 0;
    let gz = 0;
    const webllm: string[] = [];
    for (const f of files) {
      const file = join(OUT, f);
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 6 }).length;
      const text = f.endsWith('.js') ? bytes.toString('utf8') : '';
      if (WEBLLM_MARKERS.some((m) => text.includes(m))) webllm.push(f);
    }
    return {
      value: gz / 1024,
      detail: `${files.length} files, ${(raw / 1024).toFixed(0)} KB raw; web-llm ${webllm.length ? `fetched (${webllm.join(', ')})` : 'not fetched'}`,
    };
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

const page = (path: string, name: string): Bench => ({
  id: `shell.server-mode-bytes-${name.toLowerCase()}`,
  issue: 11,
  title: `Bytes fetched to open ${name} with a server as the backend, gzipped (Chromium, empty cache)`,
  unit: 'KB',
  run: () => measure(path),
});

/** The page-weight benches. */
export const BENCHES: readonly Bench[] = [page('/', 'Home'), page('/runs', 'Runs'), page('/agreement', 'Agreement')];
