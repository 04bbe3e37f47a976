// A teacher without a GPU sets up a local server (Chromium without WebGPU, the production build):
// a server that answers without CORS headers is named as a CORS problem with the setting for this
// page's origin; a model name the server does not list is flagged; once the server allows the page,
// a new run's roles default to it (not to "This browser (WebGPU)") and the run finishes on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ChatBody, type ScriptedServer } from '../doubles/openai-server';
import { dpfResponder } from '../doubles/scripted-client';
import { chooseServer, launch, type Session } from './harness';

const reply = (b: ChatBody) => ({ content: dpfResponder({ messages: b.messages }) });

describe('server setup without WebGPU', () => {
  let s: Session;
  let closed: ScriptedServer;
  let open: ScriptedServer;
  beforeAll(async () => {
    [s, closed, open] = await Promise.all([
      launch(),
      startScriptedServer(reply, {}, { models: ['tiny-local'] }),
      startScriptedServer(reply, {}, { cors: true, models: ['tiny-local', 'other-model'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([s?.close(), closed?.close(), open?.close()]);
  });

  it('names a server without CORS headers as a CORS problem, with the exact settings for this origin', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await chooseServer(s.page, closed.url);
    const notice = page.getByRole('region', { name: 'Backend' }).locator('.error-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-kind')).toBe('cors');
    const origin = new URL(s.baseURL).origin;
    expect(await notice.locator('.message').textContent()).toContain(`answered, but without CORS headers allowing this page (${origin})`);
    const table = page.getByTestId('cors-settings');
    const text = (await table.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain(`OLLAMA_ORIGINS=${origin} ollama serve`);
    expect(text).toContain(`llama-server -m model.gguf --cors-origins ${origin}`);
    expect(text).toContain(`vllm serve MODEL --allowed-origins '["${origin}"]'`);
    expect(text).toContain('lms server start --cors');
  });

  it('lists the models of a server that allows the page and flags a model it does not list', async () => {
    const { page } = s;
    await chooseServer(s.page, open.url);
    await page.getByText('2 models offered').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('region', { name: 'Backend' }).locator('.error-notice').count()).toBe(0);
    const model = page.getByLabel('Model', { exact: true });
    expect(await model.inputValue()).toBe('tiny-local');
    await model.fill('tiny-locl');
    await model.press('Tab');
    expect(await page.getByTestId('model-unlisted').textContent()).toMatch(
      /does not list a model named tiny-locl.*It lists: tiny-local, other-model\./s,
    );
    await model.fill('tiny-local');
    await model.press('Tab');
    await expect.poll(() => page.getByTestId('model-unlisted').count()).toBe(0);
  });

  it("makes the server chosen on Models every new run's default, and the run finishes on it", async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/runs`);
    const form = page.getByRole('region', { name: 'New run' });
    const key = `openai-http:tiny-local@${open.url}`;
    for (const role of ['Generator (y_l)', 'Critic (critique and y_w)', 'Judge 1'])
      await expect.poll(() => form.getByLabel(`${role} model`).inputValue(), { timeout: 20_000 }).toBe(key);
    await form.getByLabel('Name', { exact: true }).fill('On the server');
    await form.getByLabel('How many personas').fill('2');
    await form.getByLabel('Train pairs').fill('1');
    await form.getByLabel('Seen-test pairs').fill('0');
    await form.getByLabel('Held-out pairs').fill('1');
    await form.getByRole('button', { name: 'Create run' }).click();
    await page.getByRole('heading', { level: 2, name: 'On the server' }).waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 250 }).toBe('done');
    // 4 pairs: 4 base answers (or fewer, shared), 4 critiques, 4 revisions, 8 verdicts; all on the server.
    expect(open.requests.length).toBeGreaterThanOrEqual(4 + 4 + 8);
    expect(open.requests.every((r) => r.model === 'tiny-local')).toBe(true);
    expect(closed.requests).toHaveLength(0);
  });
});
