// The pairs view over a finished run with two judges, in real Chromium against the production build
// (scripted engine in the LLM worker): filters by persona attribute, topic, split and one judge's
// verdict, search in the texts, win rates per topic and per attribute checked against the run's TRL
// export, a pair's word diff and the judges' reasons, and the same view at 390 px without a page wider
// than the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, download, generatePersonaSet, navigate, pipelineRules } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const PERSONAS = 6;
const PAIRS = PERSONAS * 3;
/** The reasons pipelineRules' judges give. */
const REASONS = ['The plain one is enough.', 'It speaks to me.', 'The first one, I suppose.'];

interface TrlLine {
  prompt: string;
  chosen: string;
  rejected: string;
  persona_id: string;
  persona: string;
  topic: string;
  split: string;
  critique: string;
  pair_id: string;
  verdicts: { yw_first: 'yw' | 'yl' | null; yl_first: 'yw' | 'yl' | null }[];
}

const pct = (wins: number, n: number) => (n ? `${((100 * wins) / n).toFixed(0)}%` : '—');
/** y_w wins of judge j over some lines, both orders counted. */
const wins = (ls: TrlLine[], j: number) =>
  ls.reduce((n, l) => n + +(l.verdicts[j]!.yw_first === 'yw') + +(l.verdicts[j]!.yl_first === 'yw'), 0);

describe('pairs view', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('filters, searches, diffs and computes win rates over a finished run, also at 390 px', async () => {
    const { page } = s;
    const engine = installScriptedEngine(page, { rules: pipelineRules(), tokenDelayMs: 1, loadSteps: 1 });
    await page.goto(`${s.baseURL}#/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await generatePersonaSet(page, { count: PERSONAS, seed: 'pairs-view', name: 'Pairs set' });
    await navigate(page, 'Runs');
    await engine.ready();
    const form = page.getByRole('region', { name: 'New run' });
    await form.getByLabel('Judges (each judges both orders)').fill('2');
    await createRun(page, { name: 'Pairs run', source: 'Set: Pairs set', personas: PERSONAS, plan: { train: 1, seenTest: 1, heldout: 1 } });
    const detail = page.getByTestId('run-detail');
    await detail.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000, interval: 250 }).toBe('done');
    const trl = await download(page, () => detail.getByRole('button', { name: 'TRL JSONL', exact: true }).click());
    const lines = trl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrlLine);
    expect(lines).toHaveLength(PAIRS);
    expect(lines[0]!.verdicts).toHaveLength(2);

    const view = page.getByRole('region', { name: 'Pairs' });
    const shown = view.getByTestId('shown-count');
    const count = (n: number) => expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`${n} of ${PAIRS} pairs`);
    await count(PAIRS);

    // Win rates per topic (judge 1, every pair shown) match the exported verdicts.
    const topicRows = view.getByTestId('rates-topic').locator('tbody tr');
    await expect.poll(() => topicRows.count()).toBe(new Set(lines.map((l) => l.topic)).size);
    for (const topic of new Set(lines.map((l) => l.topic))) {
      const ls = lines.filter((l) => l.topic === topic);
      const cells = await topicRows
        .and(page.locator(`[data-group="${topic}"]`))
        .locator('td')
        .allTextContents();
      expect(cells.slice(1, 4).map((c) => c.trim())).toEqual([String(ls.length), String(2 * ls.length), pct(wins(ls, 0), 2 * ls.length)]);
    }

    // A persona attribute: sex = Female, and the win rates by sex.
    const female = lines.filter((l) => /^sex: Female$/m.test(l.persona));
    expect(female.length).toBeGreaterThan(0);
    expect(female.length).toBeLessThan(PAIRS);
    await view.getByLabel('Persona attribute').selectOption('sex');
    await view.getByLabel('Value', { exact: true }).selectOption('Female');
    await count(female.length);
    const bySex = view.getByTestId('rates-attribute').locator('tbody tr');
    await expect.poll(() => bySex.allTextContents()).toHaveLength(1);
    expect((await bySex.locator('td').allTextContents()).slice(0, 4).map((c) => c.trim())).toEqual([
      'Female',
      String(female.length),
      String(2 * female.length),
      pct(wins(female, 0), 2 * female.length),
    ]);
    await view.getByLabel('Persona attribute').selectOption('');
    await count(PAIRS);

    // Split, topic, and the second judge's verdict.
    await view.getByLabel('Split').selectOption('heldout-test');
    await count(PERSONAS);
    await view.getByLabel('Split').selectOption('');
    const topic = lines[0]!.topic;
    await view.getByLabel('Topic').selectOption(topic);
    await count(lines.filter((l) => l.topic === topic).length);
    await view.getByLabel('Topic').selectOption('');
    await view.getByLabel('Judge', { exact: true }).selectOption({ index: 1 });
    await view.getByLabel('Outcome').selectOption('yw');
    await count(lines.filter((l) => l.verdicts[1]!.yw_first === 'yw' && l.verdicts[1]!.yl_first === 'yw').length);
    await view.getByLabel('Outcome').selectOption('disagree');
    await count(lines.filter((l) => l.verdicts[1]!.yw_first !== l.verdicts[1]!.yl_first).length);
    await view.getByLabel('Outcome').selectOption('');

    // Search: the longest word of the first prompt, in every text of a pair.
    const first = lines[0]!;
    const word = first.prompt
      .split(/[^A-Za-z]+/)
      .filter((w) => !REASONS.join(' ').toLowerCase().includes(w.toLowerCase()))
      .sort((a, b) => b.length - a.length)[0]!;
    const has = (l: TrlLine) =>
      [l.prompt, l.chosen, l.rejected, l.critique, l.persona].join('\n').toLowerCase().includes(word.toLowerCase());
    await view.getByLabel('Search').fill(word.toUpperCase());
    await count(lines.filter(has).length);
    await view.getByLabel('Search').fill(`${word} zzzzqx`);
    await count(0);
    await view.getByLabel('Search').fill('');
    await count(PAIRS);

    // One pair: y_l and y_w side by side with the word diff, each judge's verdicts and reasons.
    await view.getByLabel('Persona', { exact: true }).selectOption(first.persona_id);
    await view.getByTestId('pair-row').filter({ hasText: first.prompt }).first().click();
    const card = view.getByTestId('pair-card');
    await card.waitFor();
    const pairId = await card.getAttribute('data-pair');
    const pair = lines.find((l) => l.pair_id === pairId)!;
    expect(await card.getByTestId('yl').textContent()).toBe(pair.rejected);
    expect(await card.getByTestId('yw').textContent()).toBe(pair.chosen);
    expect(await card.getByTestId('yw').locator('ins').count()).toBeGreaterThan(0);
    expect(await card.getByTestId('yl').locator('del').count()).toBeGreaterThan(0);
    expect((await card.getByTestId('yw').locator('ins').allTextContents()).join(' ')).toMatch(/keep it short/);
    const verdicts = card.getByTestId('judge-verdict');
    expect(await verdicts.count()).toBe(2);
    for (const j of [0, 1]) {
      const text = (await verdicts.nth(j).textContent())!.replace(/\s+/g, ' ');
      const says = (w: 'yw' | 'yl' | null) => (w === 'yw' ? 'prefers y_w' : 'prefers y_l');
      expect(text).toContain(`y_w shown first → ${says(pair.verdicts[j]!.yw_first)}`);
      expect(text).toContain(`y_l shown first → ${says(pair.verdicts[j]!.yl_first)}`);
      expect(REASONS.some((r) => text.includes(r))).toBe(true);
    }
    await card.getByLabel(/Word diff/).uncheck();
    expect(await card.getByTestId('yw').locator('ins').count()).toBe(0);
    expect(await card.getByTestId('yw').textContent()).toBe(pair.chosen);

    // 390 px: the view and its open pair fit the screen; the tables scroll inside their boxes.
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      );
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: 5_000 })
      .toBeLessThanOrEqual(0)
      .catch(async (e: unknown) => {
        throw new Error(`wider than the screen: ${(await wide()).join('; ')}`, { cause: e });
      });
    expect(await card.getByTestId('yw').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Clone with another judge (other settings): the same pairs, only judge calls, a distinct name.
    const judged = ((await engine.log())?.requests ?? []).length;
    const clone = page.getByTestId('clone-run');
    await clone.getByText('Clone this run with another judge or model').click();
    await clone.getByLabel('Temperature').fill('0.3');
    await clone.getByLabel('Clone name').fill('Pairs run, warm judge');
    await clone.getByRole('button', { name: 'Create clone' }).click();
    await page.getByRole('heading', { level: 2, name: 'Pairs run, warm judge' }).waitFor();
    await count(PAIRS);
    await detail.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 250 }).toBe('done');
    const calls = ((await engine.log())?.requests ?? []).slice(judged) as { messages: { content: string }[] }[];
    expect(calls).toHaveLength(2 * PAIRS);
    expect(calls.every((r) => JSON.stringify(r.messages).includes('PERSON:'))).toBe(true);
    const again = await download(page, () => detail.getByRole('button', { name: 'TRL JSONL', exact: true }).click());
    const cloned = again.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrlLine);
    const key = (l: TrlLine) => `${l.persona_id}|${l.prompt}|${l.chosen}|${l.rejected}`;
    expect(cloned.map(key).sort()).toEqual(lines.map(key).sort());
    expect(await detail.getByTestId('judge-summary').locator('td').first().textContent()).toMatch(/^webllm:/);
    engine.dispose();
  });
});
