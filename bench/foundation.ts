/**
 * Issue #2's targets: the main-thread entry bundle gzipped (at most 150 KB, and web-llm not in it),
 * and navigation to an interactive shell in headless Chromium from a warm cache (at most 1 s).
 * Both measure a fresh production build in .bench-results/dist.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { findBrowser } from '../scripts/find-browser.mjs';
import { median, type Bench } from './types';

/** Where the benches' production build goes. */
export const OUT = '.bench-results/dist';
let built: Promise<void> | undefined;

/** Builds the app once per bench run. */
export function build(): Promise<void> {
  built ??= Promise.resolve().then(() => {
    execFileSync('npx', ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'error'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });
  return built;
}

/** Strings only web-llm's runtime contains. */
export const WEBLLM_MARKERS = ['binary-mlc-llm-libs', 'MLCEngine', 'prebuiltAppConfig'];

/** The entry script and the chunks index.html preloads with it (its static imports). */
function entryFiles(): { js: string[]; css: string[] } {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const js = [...html.matchAll(/<script type="module"[^>]*src="\/([^"]+)"|<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!);
  return { js, css };
}

const entryBundle: Bench = {
  id: 'foundation.entry-bundle-gzip',
  issue: 2,
  title: 'Main-thread entry bundle, gzipped (no web-llm)',
  unit: 'KB',
  target: 150,
  async run() {
    await build();
    const { js, css } = entryFiles();
    if (js.length === 0) throw new Error('index.html names no entry script');
    let bytes = 0;
    for (const f of js) {
      const text = readFileSync(join(OUT, f), 'utf8');
      const marker = WEBLLM_MARKERS.find((m) => text.includes(m));
      if (marker) throw new Error(`web-llm is in the entry bundle: ${f} contains "${marker}"`);
      bytes += gzipSync(text, { level: 9 }).length;
    }
    const cssBytes = css.reduce((n, f) => n + gzipSync(readFileSync(join(OUT, f)), { level: 9 }).length, 0);
    return { value: bytes / 1024, detail: `${js.length} JS file(s); CSS ${(cssBytes / 1024).toFixed(1)} KB gzipped more; web-llm absent` };
  },
};

const warmNavigation: Bench = {
  id: 'foundation.shell-warm-nav',
  issue: 2,
  title: 'Navigation to an interactive shell, warm cache (headless Chromium)',
  unit: 'ms',
  target: 1000,
  async run() {
    await build();
    const executablePath = findBrowser();
    if (!executablePath) throw new Error('No Chrome/Chromium found: set CHROME_PATH or run `npm test` once.');
    const server = await preview({ build: { outDir: OUT }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    const url = server.resolvedUrls?.local[0];
    const profile = mkdtempSync(join(tmpdir(), 'persona-lab-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
      serviceWorkers: 'block', // warm loads from the HTTP cache, as measured before the offline service worker
    });
    try {
      if (!url) throw new Error('vite preview did not report an address');
      const page = context.pages()[0] ?? (await context.newPage());
      const shellReady = () =>
        page.waitForFunction(
          () => {
            const ready = document.querySelector('main[data-ready="true"] h1') && document.querySelector('nav a[href="#/chat"]');
            return ready ? performance.now() : false;
          },
          undefined,
          { polling: 'raf' },
        );
      await page.goto(url);
      await shellReady(); // cold load fills the cache
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        await page.goto(url, { waitUntil: 'commit' });
        times.push(Number(await (await shellReady()).jsonValue()));
      }
      return {
        value: median(times),
        detail: `median of ${times.length} warm loads, ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms`,
      };
    } finally {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
};

/** The foundation's benches. */
export const BENCHES: readonly Bench[] = [entryBundle, warmNavigation];
