// A GPU device lost after a model loaded, in real Chromium with the scripted engine inside the LLM
// worker: the next reply fails, the app stops saying the model is loaded, explains, and reloads it
// from the Chat or the Models page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

describe('a lost GPU device', () => {
  let s: Session;
  let engine: ScriptedEngineHandle;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
    engine = installScriptedEngine(s.page, { replies: ['First answer.', 'After the reload.'], loadSteps: 1, loseDeviceAfter: 1 });
    await s.page.goto(`${s.baseURL}#/chat`);
    await engine.ready();
  });
  afterAll(async () => {
    engine?.dispose();
    await s?.close();
  });

  it('clears the loaded state when the next reply finds the model gone, and offers a reload', async () => {
    const { page } = s;
    await page.getByRole('button', { name: `Load ${MODEL}` }).click();
    await page.getByTestId('backend-status').getByText('loaded').waitFor();
    await page.getByLabel('Message').fill('Hello?');
    await page.getByRole('button', { name: 'Send' }).click();
    const replies = page.locator('li[data-role="assistant"]:not([data-streaming])');
    await expect.poll(() => replies.last().locator('.text').textContent(), { timeout: 20_000 }).toBe('First answer.');

    // The device is lost after that reply: the next one fails and the app follows.
    await page.getByLabel('Message').fill('Still there?');
    await page.getByRole('button', { name: 'Send' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'is no longer loaded on the GPU' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain(`${MODEL} is no longer loaded on the GPU (the device was lost or reset).`);
    expect(await notice.textContent()).toContain('Reload it: it comes from the browser cache');
    expect(await page.getByTestId('backend-status').textContent()).toContain('No model loaded.');
    expect(await page.getByTestId('backend-status').getByText('loaded', { exact: true }).count()).toBe(0);

    // The Models page says the same and reloads it.
    await page.goto(`${s.baseURL}#/models`);
    const models = page.getByRole('region', { name: 'Load' });
    await models.getByText(`${MODEL} is no longer loaded on the GPU`).waitFor();
    expect(await models.getByText('Ready: open the').count()).toBe(0);
    await models.getByRole('button', { name: `Reload ${MODEL}` }).click();
    await models.getByText('Ready: open the').waitFor({ timeout: 20_000 });
    expect((await engine.log())?.reloads).toEqual([MODEL, MODEL]);
  });

  it('answers again after the reload', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/chat`);
    await page.getByTestId('backend-status').getByText('loaded').waitFor();
    await page.getByLabel('Message').fill('And now?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.locator('li[data-role="assistant"]:not([data-streaming])').last();
    await expect.poll(() => reply.locator('.text').textContent(), { timeout: 20_000 }).toBe('After the reload.');
  });
});
