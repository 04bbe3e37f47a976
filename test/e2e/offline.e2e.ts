// Offline (#9): after a first visit the service worker holds the whole build, so with the network off
// a reload brings the app back, every page renders, and a persona set generates (census model,
// persona worker and all from the cache).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/ui/routes';
import { launch, type Session } from './harness';

describe('offline after a first visit', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ serviceWorkers: 'allow' });
  });
  afterAll(async () => {
    await s?.context.setOffline(false);
    await s?.close();
  });

  it('installs, then reloads and runs every page with the network off', async () => {
    const { page } = s;
    await page.goto(s.baseURL);
    await page.locator('main[data-ready="true"] h1').waitFor();
    // The worker precaches the build and takes control of the page.
    const cached = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('persona-lab-shell-'))!);
      return { scope: reg.scope, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    expect(cached.scope).toBe(s.baseURL);
    expect(cached.files).toContain('/index.html');
    expect(cached.files).toContain('/manifest.webmanifest');
    expect(cached.files.some((f) => /^\/assets\/default-model-[\w-]+\.js$/.test(f))).toBe(true);
    expect(cached.files.some((f) => /^\/assets\/PersonasPage-[\w-]+\.js$/.test(f))).toBe(true);
    expect(cached.files.some((f) => f.endsWith('.map'))).toBe(false);

    await s.context.setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch('/no-such-file').then(
          () => 'network',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    await page.reload();
    await page.locator('main[data-ready="true"] h1').waitFor();
    for (const r of ROUTES) {
      await page.goto(`${s.baseURL}#${r.path}`);
      await page.locator('main[data-ready="true"] h1').waitFor();
      expect(await page.locator('main h1').textContent(), r.path).toBeTruthy();
    }

    await page.goto(`${s.baseURL}#/personas`);
    const form = page.getByRole('form', { name: 'Generate a persona set' });
    await form.getByLabel('Number of personas').fill('40');
    await form.getByLabel('Seed').fill('offline');
    await form.getByRole('button', { name: 'Generate' }).click();
    await page.getByTestId('set-header').getByText('40 personas (').waitFor({ timeout: 60_000 });
  });

  it('can be installed: the page links a manifest with icons the service worker keeps', async () => {
    const { page } = s;
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href;
      return href
        ? ((await (await fetch(href)).json()) as { name: string; start_url: string; display: string; icons: { sizes: string }[] })
        : null;
    });
    expect(manifest).toMatchObject({ name: 'Persona Lab', start_url: '/', display: 'standalone' });
    expect(manifest!.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });
});
