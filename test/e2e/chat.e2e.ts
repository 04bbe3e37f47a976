// The persona chat in real Chromium with the scripted engine inside the LLM worker: a reply streams,
// stop keeps the text so far, the history survives a reload, and a conversation exports.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const FIRST = 'I spend my mornings in the garden, talking with my hands about tomatoes and roses.';
const LONG = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

describe('persona chat with the scripted engine', () => {
  let s: Session;
  let engine: ScriptedEngineHandle;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
    engine = installScriptedEngine(s.page, { replies: [FIRST, LONG], tokenDelayMs: 80, loadSteps: 2, decodeTokensPerS: 31.5 });
    await s.page.goto(`${s.baseURL}#/chat`);
    await engine.ready();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads the model through the worker and streams a reply as the chosen persona', async () => {
    const { page } = s;
    await page.getByRole('button', { name: `Load ${MODEL}` }).click();
    await page.getByTestId('backend-status').getByText('loaded').waitFor();
    await page.locator('[data-option-id="example:paper-c1"]').click();
    expect(await page.getByTestId('chosen-persona').textContent()).toContain('Retired, 73, Philippines');
    await page.getByLabel('Message').fill('What do you do in the morning?');
    await page.getByRole('button', { name: 'Send' }).click();

    const live = page.locator('[data-streaming="true"] .text');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const t = (await live.textContent().catch(() => null)) ?? '';
          if (t) seen.add(t.replace('▍', ''));
          return seen.size;
        },
        { interval: 30, timeout: 20_000 },
      )
      .toBeGreaterThanOrEqual(3);
    const reply = page.locator('li[data-role="assistant"]:not([data-streaming])').last();
    await expect.poll(() => reply.locator('.text').textContent(), { timeout: 20_000 }).toBe(FIRST);
    for (const partial of seen) expect(FIRST.startsWith(partial.trimEnd()) || partial === '').toBe(true);
    expect(await reply.getAttribute('data-finish')).toBe('stop');
    expect(await reply.locator('.note').textContent()).toContain('31.5 tokens/s');
    expect(await page.getByTestId('last-rate').textContent()).toBe('last reply 31.5 tokens/s');

    const log = await engine.log();
    expect(log?.reloads).toEqual([MODEL]);
    const request = log!.requests[0] as { messages: { role: string; content: string }[]; stream: boolean };
    expect(request.stream).toBe(true);
    expect(request.messages[0]!.role).toBe('system');
    expect(request.messages[0]!.content).toContain('ancestry: Filipino');
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'What do you do in the morning?' });
  });

  it('stops a reply and keeps the text so far', async () => {
    const { page } = s;
    await page.getByLabel('Message').fill('Tell me everything.');
    await page.getByRole('button', { name: 'Send' }).click();
    const live = page.locator('[data-streaming="true"] .text');
    await expect.poll(async () => ((await live.textContent().catch(() => '')) ?? '').includes('word3'), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Stop' }).click();
    const reply = page.locator('li[data-role="assistant"]:not([data-streaming])').last();
    await expect.poll(() => reply.getAttribute('data-finish'), { timeout: 10_000 }).toBe('abort');
    const text = (await reply.locator('.text').textContent()) ?? '';
    expect(text.startsWith('word0 word1 word2 word3')).toBe(true);
    expect(text.length).toBeLessThan(LONG.length);
    expect(await reply.locator('.note').textContent()).toContain('stopped');
    expect((await engine.log())?.interrupts).toBe(1);
    expect(await page.getByRole('button', { name: 'Regenerate' }).count()).toBe(1);
  });

  it('keeps the history across a reload and exports it as JSON and Markdown', async () => {
    const { page } = s;
    const reinstalled = engine.next();
    await page.reload();
    await reinstalled; // the new page's LLM worker got the scripted engine too
    const turns = page.locator('ol[aria-label="Conversation"] > li');
    await expect.poll(() => turns.count(), { timeout: 15_000 }).toBe(4);
    expect(await turns.nth(1).locator('.text').textContent()).toBe(FIRST);
    expect(await turns.nth(3).getAttribute('data-finish')).toBe('abort');
    expect(await page.locator('[data-conversation]').count()).toBe(1);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(exported).toMatchObject({
      format: 'persona-lab-conversation',
      version: 1,
      model: MODEL,
      backend: 'webllm',
      templateId: 'roleplay-v1',
    });
    expect(exported.turns.map((t: { role: string }) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(exported.turns[1].content).toBe(FIRST);
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
    expect(md.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toContain('## Persona');
    expect(markdown).toContain('> ancestry: Filipino');
    expect(markdown).toContain(FIRST);
    expect(markdown).toContain('_(stopped)_');
  });
});
