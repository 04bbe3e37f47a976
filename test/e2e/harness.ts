/**
 * Launches a real Chromium for the end-to-end tests, with the flags that keep it off the network
 * and a fresh profile each time. `webgpu: true` adds --enable-unsafe-webgpu, which exposes
 * SwiftShader's software adapter (isFallbackAdapter, no shader-f16); without it requestAdapter()
 * resolves to null.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_FLAGS, findBrowser } from '../../scripts/find-browser.mjs';

/** A launched browser with one page on the app. */
export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The production build's address. */
  readonly baseURL: string;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Options for `launch`. */
export interface LaunchOptions {
  /** Adds --enable-unsafe-webgpu (software adapter). Default false. */
  readonly webgpu?: boolean;
  /** More Chromium flags. */
  readonly args?: readonly string[];
  /**
   * Whether the app's offline service worker may run. Default "block": a page it controls fetches
   * through it, out of reach of `page.route` and of request counts, and every test's first visit
   * would precache the whole build. The offline and CSP tests allow it.
   */
  readonly serviceWorkers?: 'allow' | 'block';
  /** A phone: a touch screen, a mobile viewport of this width (and the mobile meta viewport honoured). */
  readonly phone?: { readonly width: number; readonly height: number };
}

/** Starts Chromium with a fresh profile and opens a blank page (navigate with `page.goto(baseURL)`). */
export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('No Chrome/Chromium found: run `npm test`, which installs one, or set CHROME_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'persona-lab-e2e-'));
  const args = [...CHROMIUM_FLAGS, ...(options.webgpu ? ['--enable-unsafe-webgpu'] : []), ...(options.args ?? [])];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    serviceWorkers: options.serviceWorkers ?? 'block',
    ...(options.phone ? { viewport: options.phone, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    baseURL: inject('baseURL'),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the app has read its stored settings (the header's backend line then names a state). */
export async function settingsRead(page: Page): Promise<void> {
  await page.locator('[data-testid="header-backend"][data-state]').waitFor({ timeout: 15_000 });
}

/** On the Models page (already open): chooses an OpenAI-compatible server at `url` and asks it for its models. */
export async function chooseServer(page: Page, url: string): Promise<void> {
  await settingsRead(page);
  await page.getByLabel('OpenAI-compatible server').check();
  await page.getByLabel('Base URL').fill(url);
  await page.getByLabel('Base URL').press('Tab');
  await page.getByRole('button', { name: 'Check server and list models' }).click();
}
