// The Models page in real Chromium: the capability check with SwiftShader's fallback adapter, a load
// whose model hosts fail or refuse (routed inside the LLM worker), cancel, the cache list with the
// scripted engine (which caches like web-llm), and the no-adapter message.
import { afterEach, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const MODEL_HOSTS = /^https:\/\/(huggingface\.co|raw\.githubusercontent\.com)\//;
const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('Models page', () => {
  it('shows the fallback adapter without shader-f16 and marks every f16 model as unable to run', async () => {
    s = await launch({ webgpu: true });
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await expect.poll(() => page.getByTestId('cap-adapter').textContent()).toMatch(/swiftshader/i);
    expect(await page.getByTestId('cap-fallback').textContent()).toMatch(/fallback \(software\) adapter/);
    expect(await page.getByTestId('cap-f16').textContent()).toMatch(/^not available/);
    await page.locator('tr[data-model]').first().waitFor();
    // Llama-3.2-1B q4f16's record does not list shader-f16; it needs it all the same.
    const f16 = page.locator('tr[data-model="Llama-3.2-1B-Instruct-q4f16_1-MLC"]');
    expect(await f16.getAttribute('data-fit')).toBe('no');
    expect(await f16.locator('.needs-f16').count()).toBe(1);
    const f32 = page.locator('tr[data-model="Llama-3.2-1B-Instruct-q4f32_1-MLC"]');
    expect(await f32.getAttribute('data-fit')).toBe('warn');
    expect(await f32.locator('.needs-f16').count()).toBe(0);
    const fits = await page.locator('tr[data-model]').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-model')!,
        fit: r.getAttribute('data-fit'),
        f16: r.querySelector('.needs-f16') !== null,
      })),
    );
    expect(fits.length).toBeGreaterThan(100);
    for (const row of fits.filter((r) => /f16/.test(r.id.replace(/BF16/, '')))) expect(row, row.id).toMatchObject({ fit: 'no', f16: true });
    // The default is a small model this device can run.
    expect(await page.getByTestId('selected-model').textContent()).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
  });

  it('shows the phase reached and names the unreachable host; the request was routed inside the worker', async () => {
    s = await launch({ webgpu: true });
    const { page, context } = s;
    const routed: string[] = [];
    // The request is held until the test has seen the phase it belongs to, then fails as an unreachable host would.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await context.route(MODEL_HOSTS, async (route: Route) => {
      routed.push(route.request().url());
      await held;
      await route.abort('internetdisconnected');
    });
    await page.goto(`${s.baseURL}#/models`);
    await page.getByRole('button', { name: 'Load Llama-3.2-1B-Instruct-q4f32_1-MLC' }).click();
    const progress = page.getByTestId('load-progress');
    await expect.poll(() => progress.getAttribute('data-phase')).toBe('fetching-config');
    expect(await progress.textContent()).toContain('Fetching the model configuration · from huggingface.co');
    release();
    const alert = page.locator('section[aria-labelledby="load-title"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-kind')).toBe('network');
    expect(await alert.locator('.message').textContent()).toBe(
      'Could not reach huggingface.co while fetching the model configuration (mlc-chat-config.json).',
    );
    expect(await alert.locator('.hint').textContent()).toMatch(/internet connection/);
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(routed).toEqual(['https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json']);
  });

  it('calls a refusal by the model host a refusal (HTTP 403), not an unreachable host', async () => {
    s = await launch({ webgpu: true });
    const { page, context } = s;
    await context.route(MODEL_HOSTS, (route: Route) => route.fulfill({ status: 403, body: 'Access to this repository is restricted.' }));
    await page.goto(`${s.baseURL}#/models`);
    await page.getByRole('button', { name: 'Load Llama-3.2-1B-Instruct-q4f32_1-MLC' }).click();
    const alert = page.locator('section[aria-labelledby="load-title"] [role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('data-kind')).toBe('http');
    expect(await alert.locator('.message').textContent()).toBe(
      'huggingface.co answered 403 for mlc-chat-config.json of Llama-3.2-1B-Instruct-q4f32_1-MLC while fetching the model configuration.',
    );
    expect(await alert.locator('.hint').textContent()).toMatch(/refused access/);
  });

  it('lists a loaded model as cached, a download cancelled part way apart, and deletes it', async () => {
    s = await launch({ webgpu: true });
    const { page } = s;
    const engine = installScriptedEngine(page, { loadSteps: 3, loadDelayMs: 150 });
    await page.goto(`${s.baseURL}#/models`);
    await engine.ready();
    const cache = page.getByRole('region', { name: 'Cached models and storage' });
    await page.getByRole('button', { name: `Load ${MODEL}` }).click();
    await page.getByText('Ready: open the').waitFor({ timeout: 20_000 });
    await cache.locator(`li[data-cached="${MODEL}"]`).waitFor();
    expect(await cache.locator(`li[data-cached="${MODEL}"]`).textContent()).toMatch(/3\d\d MB/);
    expect(await page.locator(`tr[data-model="${MODEL}"] .badge`, { hasText: 'cached' }).count()).toBe(1);

    const other = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
    await page.getByRole('button', { name: `Select ${other}`, exact: true }).click();
    await page.getByRole('button', { name: `Load ${other}` }).click();
    const progress = page.getByTestId('load-progress');
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toMatch(/Fetching parameters 1\/3/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const partial = cache.locator(`li[data-partial="${other}"]`);
    await partial.waitFor({ timeout: 20_000 });
    expect(await partial.textContent()).toMatch(/partly downloaded: [12] of 3 weight files/);
    expect(await cache.locator(`li[data-cached="${other}"]`).count()).toBe(0);
    expect(await page.locator(`tr[data-model="${other}"] .badge`, { hasText: 'cached' }).count()).toBe(0);
    // Weights cannot be undone: the delete asks first, and a "no" keeps them.
    page.once('dialog', (d) => void d.dismiss());
    await partial.getByRole('button', { name: `Delete ${other} from the cache` }).click();
    expect(await partial.count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await partial.getByRole('button', { name: `Delete ${other} from the cache` }).click();
    await expect.poll(() => partial.count()).toBe(0);
    expect(await cache.locator(`li[data-cached="${MODEL}"]`).count()).toBe(1);
  });

  it('cancels a load that hangs, then can start it again', async () => {
    s = await launch({ webgpu: true });
    const { page, context } = s;
    let requests = 0;
    await context.route(MODEL_HOSTS, () => {
      requests++; // never answered: the download hangs
    });
    await page.goto(`${s.baseURL}#/models`);
    const load = page.getByRole('button', { name: 'Load Llama-3.2-1B-Instruct-q4f32_1-MLC' });
    await load.click();
    const progress = page.getByTestId('load-progress');
    await expect.poll(() => progress.getAttribute('data-phase')).toBe('fetching-config');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const alert = page.locator('section[aria-labelledby="load-title"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-kind')).toBe('aborted');
    expect(await alert.locator('.message').textContent()).toBe(
      'Loading Llama-3.2-1B-Instruct-q4f32_1-MLC was cancelled while fetching the model configuration.',
    );
    expect(await progress.count()).toBe(0);
    await load.click();
    await expect.poll(() => progress.getAttribute('data-phase')).toBe('fetching-config');
    expect(requests).toBe(2);
  });

  it('without WebGPU adapter: says so, with the alternatives, and switches to a server', async () => {
    s = await launch();
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    const alert = page.locator('section[aria-labelledby="caps-title"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-kind')).toBe('no-adapter');
    expect(await alert.locator('.message').textContent()).toBe('WebGPU is present, but the browser offers no GPU adapter.');
    const hint = await alert.locator('.hint').textContent();
    expect(hint).toMatch(/hardware acceleration/);
    expect(hint).toMatch(/enable-unsafe-webgpu/);
    expect(hint).toMatch(/Ollama, llama\.cpp, vLLM/);
    await alert.getByRole('button', { name: 'Use an OpenAI-compatible server instead' }).click();
    await page.getByLabel('Base URL').waitFor();
    expect(await page.getByLabel('Base URL').inputValue()).toBe('http://localhost:11434/v1');
    await page.reload();
    await page.getByLabel('Base URL').waitFor();
    expect(await page.locator('input[name="backend"][value="openai-http"]').isChecked()).toBe(true);
  });
});
