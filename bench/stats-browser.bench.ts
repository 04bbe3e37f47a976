/**
 * Issue #5's responsiveness target in a real browser: headless Chromium opens the production build's
 * Agreement page and asks it for the full analysis of 16 simulated judges on 317,200 pairs (the
 * pairwise matrix, per-persona kappas over 1,586 personas, biases), which the compute worker runs.
 * A PerformanceObserver for "longtask" entries, installed before the page loads, records every
 * main-thread task over 50 ms; the value is the longest one from the click until the charts are
 * drawn (0 when there is none). The production build is made first when dist/ is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { findBrowser } from '../scripts/find-browser.mjs';
import type { Bench } from './types';

declare global {
  interface Window {
    /** Long tasks seen so far: [startTime, duration] in ms. */
    __longTasks?: Array<[number, number]>;
  }
}

/** Measures one run; resolves to the longest task and details. */
async function measure(): Promise<{ value: number; detail: string }> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('No Chrome/Chromium found: set CHROME_PATH or run `npm test` once (it installs one).');
  if (!existsSync('dist/index.html')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  const profile = mkdtempSync(join(tmpdir(), 'persona-lab-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    if (!url) throw new Error('vite preview did not report an address');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks!.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${url}#/agreement`);
    await page.getByText('Try with simulated judges').click();
    await page.fill('input[name=raters]', '16');
    await page.fill('input[name=personas]', '1586');
    await page.fill('input[name=pairs]', '200');
    await page.waitForTimeout(300);
    const start = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Simulate and analyse' }).click();
    await page.getByTestId('analysis').waitFor({ timeout: 120_000 });
    // Every chart drawn (Chart.js sizes a canvas by style when it draws it): the heatmap and 15 histograms.
    await page.waitForFunction(() => [...document.querySelectorAll('canvas')].filter((c) => c.style.width !== '').length >= 16, null, {
      timeout: 60_000,
    });
    await page.waitForTimeout(1000);
    const end = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate(() => window.__longTasks ?? []);
    const during = tasks.filter(([t]) => t >= start && t <= end);
    const longest = during.reduce((m, [, d]) => Math.max(m, d), 0);
    return {
      value: Math.round(longest),
      detail: `${during.length} long task(s) in ${((end - start) / 1000).toFixed(1)} s from click to charts (16 judges × 317,200 pairs)`,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

export const benches: readonly Bench[] = [
  {
    id: 'stats.browser-longtask-16x317200',
    issue: 5,
    title: 'Longest main-thread task while the page analyses 16 judges × 317,200 pairs (Chromium)',
    unit: 'ms',
    target: 50,
    run: measure,
  },
];
