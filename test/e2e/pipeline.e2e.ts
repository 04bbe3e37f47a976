// The pair pipeline in real Chromium with the scripted engine inside the LLM worker: configure a
// run on the built-in prompt set, reload in the middle of it, resume, and export TRL JSONL.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

// One reply every parser reads: JSON for the judge, EVALUATION/SUGGESTIONS for the critique, REVISED PREFERENCE for the revision.
const REPLY =
  '{"preferred": "A", "reason": "It fits me."} EVALUATION: The answer is generic. SUGGESTIONS: Be brief. REVISED PREFERENCE: A brief answer that fits. DONE';

describe('runs in the browser', () => {
  let s: Session;
  let engine: ScriptedEngineHandle;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
    engine = installScriptedEngine(s.page, { replies: [REPLY], tokenDelayMs: 12, loadSteps: 1 });
    await s.page.goto(`${s.baseURL}#/runs`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('configures a run, survives a reload in the middle, resumes and exports', async () => {
    const { page } = s;
    await page.getByLabel('Persona source').locator('option').first().waitFor({ state: 'attached' });
    await page.getByLabel('How many personas').fill('2');
    await page.getByLabel('Train pairs').fill('2');
    await page.getByLabel('Seen-test pairs').fill('1');
    await page.getByLabel('Held-out pairs').fill('1');
    await expect
      .poll(() => page.getByLabel('Generator (y_l) model').locator('option').first().textContent(), { timeout: 20_000 })
      .toMatch(/WebGPU/);
    await page.getByRole('button', { name: 'Create run' }).click();
    await page.getByTestId('run-detail').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await engine.ready();

    // Reload once a few critiques are done.
    const critiques = page.getByTestId('stage-critique');
    await expect
      .poll(async () => Number(((await critiques.textContent().catch(() => '')) ?? '').split('/')[0] || 0), {
        timeout: 60_000,
        interval: 100,
      })
      .toBeGreaterThanOrEqual(3);
    const before = (await engine.log())?.requests.length ?? 0;
    expect(before).toBeGreaterThan(3);
    const again = engine.next();
    await page.reload();
    await again;
    await page.getByTestId('run-detail').waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('interrupted');
    const rows = page.getByTestId('pair-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000, interval: 250 }).toBe('done');
    const after = (await engine.log())?.requests.length ?? 0;
    // 8 pairs: at most 8 base answers, 8 critiques, 8 revisions, 16 verdicts; the calls finished before the reload are not repeated.
    expect(before + after).toBeLessThanOrEqual(8 + 8 + 8 + 16 + 1);
    await expect.poll(() => page.getByTestId('shown-count').textContent(), { timeout: 10_000 }).toBe('8 of 8 pairs');
    expect(await page.getByTestId('run-counters').textContent()).toMatch(/\d+ requests sent/);
    expect(await page.getByTestId('judge-summary').locator('td').nth(2).textContent()).toBe('50.0%'); // always "A": y_w wins only when shown first

    await page.getByLabel('Outcome').selectOption('disagree');
    await expect.poll(() => page.getByTestId('shown-count').textContent()).toBe('8 of 8 pairs');
    await rows.first().click();
    expect(await page.getByTestId('yw').textContent()).toBe('A brief answer that fits.');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'TRL JSONL', exact: true }).click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatchObject({ chosen: 'A brief answer that fits.', models: { generator: expect.stringMatching(/^webllm:/) } });
    expect(Object.keys(lines[0])).toEqual(
      expect.arrayContaining(['prompt', 'chosen', 'rejected', 'persona_id', 'persona', 'prompt_id', 'topic', 'split', 'models']),
    );

    // Every answer is in the one call cache; clearing it keeps the run's results.
    const count = page.getByTestId('call-cache-count');
    await expect.poll(async () => Number(/^(\d+)/.exec((await count.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(8 + 8 + 16);
    await page.getByRole('button', { name: 'Clear call cache' }).click();
    await expect.poll(() => count.textContent()).toBe('0 cached answers');
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /^Cleared \d+ cached answers\.$/ })
        .count(),
    ).toBe(1);
    await page.reload();
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe('0 cached answers');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('done');
  });
});
