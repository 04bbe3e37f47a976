// The web-llm engine as the page sees it, in real Chromium with the strict scripted engine inside the
// LLM worker: an unload during a reply stops it cleanly, a GPU device lost mid-reply is called so,
// a one-token reply shows no NaN speed, a thinking model answers without its think block, and a long
// conversation is trimmed to the context window with a notice.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineScript } from '../doubles/scripted-engine';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const LONG = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '); // 18 s at 60 ms a piece: time enough to unload

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A page on the chat with the scripted engine, `model` selected on the Models page and loaded, and an example persona chosen. */
async function chatWith(script: EngineScript, model = MODEL): Promise<{ s: Session; engine: ScriptedEngineHandle }> {
  s = await launch({ webgpu: true });
  const engine = installScriptedEngine(s.page, { loadSteps: 1, ...script });
  const { page } = s;
  await page.goto(`${s.baseURL}#/models`);
  await engine.ready();
  if (model !== MODEL) await page.getByRole('button', { name: `Select ${model}`, exact: true }).click();
  await page.getByRole('button', { name: `Load ${model}` }).click();
  await page.getByText('Ready: open the').waitFor({ timeout: 20_000 });
  await page.goto(`${s.baseURL}#/chat`);
  await page.getByTestId('backend-status').getByText('loaded').waitFor();
  await page.locator('[data-option-id="example:paper-c1"]').click();
  return { s, engine };
}

async function send(page: Session['page'], text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const lastReply = (page: Session['page']) => page.locator('li[data-role="assistant"]:not([data-streaming])').last();

describe('the engine in the page', () => {
  it('an unload during a reply waits for it to stop: the reply ends as stopped, not failed', async () => {
    const { s, engine } = await chatWith({ replies: [LONG], tokenDelayMs: 60 });
    const { page } = s;
    await send(page, 'Tell me everything.');
    const live = page.locator('[data-streaming="true"] .text');
    await expect.poll(async () => ((await live.textContent().catch(() => '')) ?? '').includes('word3'), { timeout: 20_000 }).toBe(true);
    await page.goto(`${s.baseURL}#/models`); // the reply goes on: the chat lives for the app
    await page.getByRole('region', { name: 'Load' }).getByRole('button', { name: 'Unload' }).click();
    await page.getByRole('button', { name: `Load ${MODEL}` }).waitFor();
    await page.goto(`${s.baseURL}#/chat`);
    const reply = lastReply(page);
    await expect.poll(() => reply.getAttribute('data-finish'), { timeout: 10_000 }).toBe('abort');
    expect(((await reply.locator('.text').textContent()) ?? '').startsWith('word0 word1 word2 word3')).toBe(true);
    expect(await reply.locator('.note').textContent()).toContain('stopped');
    expect(await page.locator('section.talk [role="alert"]').count()).toBe(0);
    expect((await engine.log())?.disposedMidReply).toBe(0);
    expect(await page.getByTestId('backend-status').textContent()).toContain('No model loaded.');
  });

  it('a GPU device lost in the middle of a reply is reported as device loss, with a reload', async () => {
    const { s } = await chatWith({
      replies: ['one two three four five six seven eight nine ten'],
      tokenDelayMs: 30,
      loseDeviceMidReply: 3,
    });
    const { page } = s;
    await send(page, 'Hello?');
    const notice = page.getByRole('alert').filter({ hasText: 'The GPU device was lost' }).first();
    await notice.waitFor({ timeout: 20_000 });
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: `The GPU device was lost, so ${MODEL} is no longer loaded.` })
        .count(),
    ).toBe(1);
    expect(await page.getByRole('button', { name: `Reload ${MODEL}` }).count()).toBe(1);
    expect(await page.getByTestId('backend-status').textContent()).toContain('No model loaded.');
    expect(await lastReply(page).locator('.text').textContent()).toBe('one two three ');
  });

  it('shows no speed for a one-token reply (web-llm reports 0 / 0)', async () => {
    const { s } = await chatWith({ replies: ['Yes.'] });
    const { page } = s;
    await send(page, 'Do you garden?');
    const reply = lastReply(page);
    await expect.poll(() => reply.locator('.text').textContent(), { timeout: 20_000 }).toBe('Yes.');
    expect(await reply.locator('.note').count()).toBe(1); // the prefill speed
    expect(await reply.locator('.note').textContent()).not.toMatch(/NaN|Infinity/);
    expect(await page.getByTestId('last-rate').count()).toBe(0);
  });

  it('turns thinking off for a thinking model and shows the answer without the think block', async () => {
    const qwen = 'Qwen3-0.6B-q4f32_1-MLC';
    const { s, engine } = await chatWith({ replies: ['Tomatoes, mostly.'] }, qwen);
    const { page } = s;
    await send(page, 'What do you grow?');
    await expect.poll(() => lastReply(page).locator('.text').textContent(), { timeout: 20_000 }).toBe('Tomatoes, mostly.');
    expect((await engine.log())?.requests[0]).toMatchObject({ extra_body: { enable_thinking: false } });
  });

  it("keeps a long conversation inside the model's context window and says which turns were left out", async () => {
    const small = 'TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC-1k'; // a 1,024-token window
    const answer = Array.from({ length: 90 }, (_, i) => `tomato${i}`).join(' ');
    const { s, engine } = await chatWith({ replies: [answer] }, small);
    const { page } = s;
    for (const [i, q] of ['What do you grow?', 'And in winter?', 'What about roses?'].entries()) {
      await send(page, q);
      await expect.poll(() => page.locator('li[data-role="assistant"]:not([data-streaming])').count(), { timeout: 20_000 }).toBe(i + 1);
    }
    const notice = page.getByTestId('context-notice');
    await notice.waitFor();
    expect((await notice.textContent())?.replace(/\s+/g, ' ')).toMatch(
      /no longer fits the model's context window \(1,024 tokens\): the earliest \d+ messages were left out/,
    );
    expect(await lastReply(page).locator('.note').textContent()).toMatch(/answered without the first \d+ messages/);
    expect(await page.locator('section.talk [role="alert"]').count()).toBe(0);
    const requests = (await engine.log())!.requests as { messages: { role: string; content: string }[] }[];
    const last = requests.at(-1)!.messages;
    expect(last[0]!.role).toBe('system');
    expect(last[1]!.role).toBe('user');
    expect(last.some((m) => m.content === 'What do you grow?')).toBe(false);
    expect(last.at(-1)).toEqual({ role: 'user', content: 'What about roses?' });
    // every turn is still shown and stored
    expect(await page.locator('ol[aria-label="Conversation"] > li').count()).toBe(6);
  });
});
