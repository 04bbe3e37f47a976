import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROUTES } from '../../src/ui/routes';
import { launch, type Session } from './harness';

describe('app shell', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('serves the production build and renders the home page', async () => {
    await s.page.goto(s.baseURL);
    await s.page.locator('main[data-ready="true"] h1').waitFor();
    expect(await s.page.locator('h1').textContent()).toBe('Persona Lab');
  });

  it('is ready (data-ready) only once the first page has mounted', async () => {
    const { page } = s;
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const homeChunk = /\/assets\/HomePage-[\w-]+\.js$/;
    await page.route(homeChunk, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(s.baseURL);
      await page.locator('main[data-ready="false"]').getByText('Loading…').waitFor();
      release();
      await page.locator('main[data-ready="true"] h1').waitFor();
      expect(await page.locator('main h1').textContent()).toBe('Persona Lab');
    } finally {
      release();
      await page.unroute(homeChunk);
    }
  });

  it('shows an error nobody caught (an unhandled rejection, an uncaught exception) until it is dismissed', async () => {
    const { page } = s;
    await page.goto(s.baseURL);
    await page.locator('main[data-ready="true"] h1').waitFor();
    await page.evaluate(() => {
      void Promise.reject(new Error('The store went away.'));
      setTimeout(() => {
        throw new Error('A handler broke.');
      });
    });
    const errors = page.getByRole('complementary', { name: 'Errors' });
    await expect
      .poll(async () => (await errors.locator('.message').allTextContents()).sort())
      .toEqual(['A handler broke.', 'The store went away.']);
    await errors.getByRole('button', { name: 'Dismiss' }).first().click();
    await errors.getByRole('button', { name: 'Dismiss' }).click();
    expect(await errors.count()).toBe(0);
  });

  it('exposes a software WebGPU adapter only with --enable-unsafe-webgpu', async () => {
    const probe = () =>
      navigator.gpu
        ? navigator.gpu.requestAdapter().then((a) => (a ? { fallback: a.info.isFallbackAdapter, f16: a.features.has('shader-f16') } : null))
        : null;
    await s.page.goto(s.baseURL);
    expect(await s.page.evaluate(probe)).toBeNull();
    const gpu = await launch({ webgpu: true });
    try {
      await gpu.page.goto(gpu.baseURL);
      expect(await gpu.page.evaluate(probe)).toEqual({ fallback: true, f16: false });
    } finally {
      await gpu.close();
    }
  });

  it("guides through the workflow in PERSONA's order and groups the navigation by step", async () => {
    const { page } = s;
    await page.goto(s.baseURL);
    await page.locator('main[data-ready="true"] h1').waitFor();
    const steps = await page.locator('main ol.steps a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(steps).toEqual([
      '#/models',
      '#/chat',
      '#/personas',
      '#/census',
      '#/prompts',
      '#/runs',
      '#/agreement',
      '#/annotate',
      '#/classroom',
      '#/loo',
      '#/bench',
    ]);
    expect(await page.getByText('Nothing leaves this machine.').count()).toBe(1);
    const groups = await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('list')
      .evaluateAll((lists) => lists.map((l) => [l.getAttribute('aria-label'), [...l.querySelectorAll('a')].map((a) => a.textContent)]));
    expect(groups).toEqual([
      ['Step 1: the model', ['Models', 'Chat', 'Data']],
      ['Step 2: personas', ['Personas', 'Census']],
      ['Step 3: preference pairs', ['Prompts', 'Runs']],
      ['Step 4: agreement and people', ['Agreement', 'Annotate', 'Classroom', 'Leave-one-out', 'WikiPersonas']],
      ['Step 5: evaluation', ['Bench']],
    ]);
  });

  it("fits every page in a 1280, an 820 and a 390 px window, the run form's role fieldsets side by side without overlap", async () => {
    const { page } = s;
    for (const width of [1280, 820, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const { path } of ROUTES) {
        await page.goto(`${s.baseURL}#${path}`);
        await page.locator('main[data-ready="true"] h1').waitFor();
        await settled(page);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(wide, `${path} at ${width} px is ${wide} px too wide`).toBeLessThanOrEqual(0);
        // Two lines: the brand and the backend, then the pages (or, narrower, the Menu button and the backend).
        const header = await page.locator('.app-header').boundingBox();
        expect(header!.height, `the header at ${width} px`).toBeLessThan(width >= 1040 ? 80 : 110);
        if (width !== 820 && ['/', '/runs', '/agreement'].includes(path))
          await page.screenshot({ path: `.test-results/screens/${path.slice(1) || 'home'}-${width}.png`, fullPage: true });
      }
      await page.goto(`${s.baseURL}#/runs`);
      await page.locator('fieldset.role').nth(2).waitFor();
      const roles = await page.locator('fieldset.role').evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect().toJSON() as DOMRect));
      expect(roles.length).toBe(3);
      for (let i = 0; i < roles.length; i++) {
        for (let j = i + 1; j < roles.length; j++) {
          const [a, b] = [roles[i]!, roles[j]!];
          const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          expect(overlap, `role fieldsets ${i} and ${j} overlap at ${width} px`).toBe(false);
        }
      }
    }
  });
});

/** Resolves once the page's size reads the same twice in a row, some time apart: what loads after mounting has laid out. */
async function settled(page: Page): Promise<void> {
  const size = () =>
    page.evaluate(
      () =>
        new Promise<string>((res) =>
          requestAnimationFrame(() => res(`${document.documentElement.scrollWidth}×${document.documentElement.scrollHeight}`)),
        ),
    );
  let last = '';
  await expect
    .poll(async () => {
      const now = await size();
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
}
