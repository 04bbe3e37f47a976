// The header's backend line, and the in-browser runtime left alone when a server answers: opening
// pages with a server chosen starts no LLM worker and fetches none of web-llm's 2.1 MB.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModel, MODEL } from './flow-helpers';
import { launch, settingsRead, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** Strings only web-llm's runtime contains. */
const WEBLLM_MARKERS = ['binary-mlc-llm-libs', 'MLCEngine', 'prebuiltAppConfig'];

const header = (page: Page) => page.getByTestId('header-backend');

describe('the header backend line', () => {
  it('names a chosen server without its credentials, and opening pages in server mode fetches no web-llm', async () => {
    s = await launch();
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await settingsRead(page);
    await page.getByLabel('OpenAI-compatible server').check();
    await page.getByLabel('Base URL').fill('http://teacher:hunter2@127.0.0.1:9/v1?api_key=zzz');
    await page.getByLabel('Base URL').press('Tab');
    await page.getByLabel('Model', { exact: true }).fill('tiny-local');
    await page.getByLabel('Model', { exact: true }).press('Tab');
    await expect.poll(() => header(page).textContent()).toMatch(/Server\s*http:\/\/127\.0\.0\.1:9\/v1\s*·\s*tiny-local/);
    const text = `${await header(page).textContent()} ${await header(page).getAttribute('title')}`;
    expect(text).not.toMatch(/hunter2|teacher|api_key|zzz/);
    await header(page).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();

    // A fresh document, nothing from the HTTP cache: everything it fetches is seen.
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const workers: string[] = [];
    const webllm: string[] = [];
    const reading: Promise<void>[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    page.on('response', (r) => {
      if (!r.url().endsWith('.js')) return;
      reading.push(
        r.text().then(
          (body) => void (WEBLLM_MARKERS.some((m) => body.includes(m)) && webllm.push(r.url())),
          () => {},
        ),
      );
    });
    await page.goto('about:blank');
    for (const [path, title] of [
      ['/', 'Persona Lab'],
      ['/runs', 'Runs'],
      ['/agreement', 'Agreement'],
      ['/chat', 'Chat'],
    ] as const) {
      if (path === '/') await page.goto(s.baseURL);
      else await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expect.poll(() => header(page).textContent()).toContain('tiny-local');
      await page.waitForLoadState('networkidle');
      await Promise.all(reading);
      expect(
        workers.filter((w) => /llm/.test(w)),
        `LLM worker started on ${path}`,
      ).toEqual([]);
      expect(webllm, `web-llm fetched on ${path}`).toEqual([]);
    }
  });

  it('follows a WebGPU model from none to loaded', async () => {
    s = await launch({ webgpu: true });
    const { page } = s;
    const engine = installScriptedEngine(page, { replies: ['Hello.'], loadSteps: 4, loadDelayMs: 150 });
    await page.goto(`${s.baseURL}#/models`);
    await engine.ready();
    await expect.poll(() => header(page).getAttribute('data-state')).toBe('no model loaded');
    expect(await header(page).textContent()).toMatch(/WebGPU\s*no model loaded/);
    await loadModel(page);
    await expect.poll(() => header(page).getAttribute('data-state')).toBe('loaded');
    expect(await header(page).textContent()).toContain(MODEL);
    await header(page).click();
    expect(await page.title()).toBe('Models · Persona Lab');
  });
});
