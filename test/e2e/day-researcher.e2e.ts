// A researcher's day on a local server, in Chromium without WebGPU through the production build, at
// 1280 px and again at 390 px: the server chosen on Models first answers without CORS headers (named
// as a CORS problem), then the fixed server; the built-in prompt set's topics labelled by the server's
// model (stopped once, then finished from the cache, stored as a copy); a new run over two chosen topics
// with its size shown before it starts; the run finishes; the pairs view's filters and word diff; a clone
// judged by another model; the Agreement figures exported as PNG, SVG and CSV. No page error, and no
// page wider than the screen.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ChatBody, type ScriptedServer } from '../doubles/openai-server';
import { dpfResponder, templateOf } from '../doubles/scripted-client';
import { download } from './flow-helpers';
import { chooseServer, launch, type Session } from './harness';

/** The server's topic labels: questions about teams, jobs and careers are "work", the rest "ethics". */
const topicOf = (user: string) =>
  /\b(team|job|jobs|boss|career|workplace|colleagues?|employers?)\b/i.test(/QUESTION: "([^]*)"/.exec(user)?.[1] ?? '') ? 'work' : 'ethics';
const reply = (b: ChatBody) =>
  templateOf({ messages: b.messages }) === 'topic'
    ? { content: JSON.stringify({ topic: topicOf(b.messages.at(-1)!.content) }), delayMs: 8 }
    : { content: dpfResponder({ messages: b.messages }) };

const PERSONAS = 3;
const PAIRS = PERSONAS * 3;

interface TrlLine {
  topic: string;
  pair_id: string;
  chosen: string;
  rejected: string;
}

/** How far the page is wider than the screen (0 when it fits), with the widest elements named. */
async function overflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const extra = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (extra <= 0) return '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const wide: string[] = [];
    const range = document.createRange();
    for (let n = walker.nextNode(); n && wide.length < 4; n = walker.nextNode()) {
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.right > document.documentElement.clientWidth + 1)
        wide.push(
          `${n.parentElement?.tagName.toLowerCase()}.${n.parentElement?.className} ${Math.round(r.right)}: ${(n.textContent ?? '').slice(0, 50)}`,
        );
    }
    return `${extra} px wider (scrolled ${scrollX}): ${wide.join('; ')}`;
  });
}

describe("a researcher's day on a local server", () => {
  let s: Session;
  let closed: ScriptedServer;
  let open: ScriptedServer;
  const errors: string[] = [];
  beforeAll(async () => {
    [s, closed, open] = await Promise.all([
      launch(),
      startScriptedServer(reply, {}, { models: ['tiny-local'] }),
      startScriptedServer(reply, {}, { cors: true, models: ['tiny-local', 'judge-b'] }),
    ]);
    s.page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await Promise.all([s?.close(), closed?.close(), open?.close()]);
  });

  const fits = async (where: string) => {
    await expect.poll(() => overflow(s.page), { message: where, timeout: 5_000 }).toBe('');
  };

  it('walks from the server set-up to exported figures at 1280 px', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 900 });

    // Models: the server without CORS headers is named as such; the fixed one lists its models.
    await page.goto(`${s.baseURL}#/models`);
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await chooseServer(s.page, closed.url);
    const notice = page.getByRole('region', { name: 'Backend' }).locator('.error-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-kind')).toBe('cors');
    await fits('Models with the CORS notice');
    await chooseServer(s.page, open.url);
    await page.getByText('2 models offered').waitFor({ timeout: 15_000 });
    await expect.poll(() => notice.count()).toBe(0);

    // Prompts: label the built-in set's topics with the server's model; stop once, then finish (the answers so far are cached).
    await page.goto(`${s.baseURL}#/prompts`);
    const builtIn = page.locator('li[data-set="default"]');
    await builtIn.getByTestId('topic-method').waitFor();
    expect(await builtIn.getByTestId('topic-method').textContent()).toBe('topics: as written');
    await builtIn.getByRole('button', { name: 'Classify topics with tiny-local' }).click();
    const progress = builtIn.getByLabel('Topic classification progress');
    await expect.poll(() => progress.getAttribute('value').then(Number), { timeout: 20_000 }).toBeGreaterThan(5);
    await builtIn.getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 10_000 })
      .toMatch(/Classification stopped after \d+ of \d+ prompts; nothing was saved/);
    const asked = open.requests.length;
    await builtIn.getByRole('button', { name: 'Classify topics with tiny-local' }).click();
    const copy = page.locator('li[data-set]').filter({ hasText: '(topics: tiny-local)' });
    await copy.waitFor({ timeout: 60_000 });
    expect(await copy.getByTestId('topic-method').textContent()).toBe(`topics: LLM: openai-http:tiny-local@${open.url}`);
    const total = Number(/(\d+) prompts/.exec((await copy.textContent()) ?? '')?.[1]);
    expect(open.requests.length - asked).toBeLessThan(total); // the answers before the stop were not asked again
    await copy.getByText('Topics and examples').click();
    expect(await copy.textContent()).toMatch(/Work and careers \d+/);
    await fits('Prompts');

    // Runs: the server is every role's default; two topics chosen; the size shown before the start.
    await page.goto(`${s.baseURL}#/runs`);
    const form = page.getByRole('region', { name: 'New run' });
    await expect
      .poll(() => form.getByLabel('Generator (y_l) model').inputValue(), { timeout: 20_000 })
      .toBe(`openai-http:tiny-local@${open.url}`);
    await form.getByLabel('Name', { exact: true }).fill('Day run');
    await form.getByLabel('Prompt set').selectOption('default');
    const topics = form.getByTestId('run-topics');
    await topics.locator('summary').click();
    await topics.locator('label', { hasText: 'Work and careers' }).locator('input').check();
    await topics.locator('label', { hasText: 'Family and relationships' }).locator('input').check();
    expect(await topics.locator('summary').textContent()).toMatch(/^Topics: 2 of 15 \(\d+ prompts\)$/);
    await form.getByLabel('How many personas').fill(String(PERSONAS));
    await form.getByLabel('Train pairs').fill('1');
    await form.getByLabel('Seen-test pairs').fill('1');
    await form.getByLabel('Held-out pairs').fill('1');
    expect(await form.textContent()).toContain(`${PAIRS} pairs from ${PERSONAS} personas`);
    // The size before Start, from the run's own plan over the chosen topics, timed at a server's assumed speed.
    await expect
      .poll(() => form.getByTestId('job-size').textContent())
      .toMatch(/This run: ≈ \d+ calls · .+ \(assumed: 40 tokens\/s, nothing measured here yet\)/);
    await fits('Runs with the form filled');
    await form.getByRole('button', { name: 'Create run' }).click();
    await page.getByRole('heading', { level: 2, name: 'Day run' }).waitFor();
    const detail = page.getByTestId('run-detail');
    await detail.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000, interval: 250 }).toBe('done');
    await detail.getByText('Manifest').click();
    expect(await detail.getByTestId('run-topics-used').textContent()).toBe('Topics: Family and relationships, Work and careers');
    const trl = await download(page, () => detail.getByRole('button', { name: 'TRL JSONL', exact: true }).click());
    const lines = trl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrlLine);
    expect(lines).toHaveLength(PAIRS);
    expect(new Set(lines.map((l) => l.topic)).size).toBeGreaterThan(0);
    expect(lines.every((l) => l.topic === 'work' || l.topic === 'family')).toBe(true);

    // The pairs view: filters, and the word diff of an open pair.
    const view = page.getByRole('region', { name: 'Pairs' });
    const shown = view.getByTestId('shown-count');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`${PAIRS} of ${PAIRS} pairs`);
    const topic = lines[0]!.topic;
    await view.getByLabel('Topic').selectOption(topic);
    await expect.poll(() => shown.textContent()).toBe(`${lines.filter((l) => l.topic === topic).length} of ${PAIRS} pairs`);
    await view.getByLabel('Topic').selectOption('');
    await view.getByLabel('Split').selectOption('heldout-test');
    await expect.poll(() => shown.textContent()).toBe(`${PERSONAS} of ${PAIRS} pairs`);
    await view.getByLabel('Split').selectOption('');
    await view.getByLabel('Outcome').selectOption('yw');
    await expect.poll(() => shown.textContent()).toBe(`${PAIRS} of ${PAIRS} pairs`); // this judge always prefers the revision
    await view.getByLabel('Outcome').selectOption('');
    await view.getByTestId('pair-row').first().click();
    const card = view.getByTestId('pair-card');
    await card.waitFor();
    const pairId = await card.getAttribute('data-pair');
    const pair = lines.find((l) => l.pair_id === pairId)!;
    expect(await card.getByTestId('yw').textContent()).toBe(pair.chosen);
    expect(await card.getByTestId('yw').locator('ins').count()).toBeGreaterThan(0);
    expect(await card.getByTestId('yl').locator('del').count()).toBeGreaterThan(0);
    await fits('Runs with a pair open');

    // Clone with another judge on the same server: only judge calls; the judge named by its model.
    const before = open.requests.length;
    const clone = page.getByTestId('clone-run');
    await clone.getByText('Clone this run with another judge or model').click();
    await clone.getByLabel('Clone judge model').selectOption('__other__');
    await clone.getByLabel('Server URL').fill(open.url);
    await clone.getByLabel('Model name').fill('judge-b');
    await clone.getByLabel('Clone name').fill('Day run, judge b');
    await clone.getByRole('button', { name: 'Create clone' }).click();
    await page.getByRole('heading', { level: 2, name: 'Day run, judge b' }).waitFor();
    await detail.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 250 }).toBe('done');
    const judged = open.requests.slice(before);
    expect(judged).toHaveLength(2 * PAIRS);
    expect(judged.every((r) => r.model === 'judge-b' && templateOf({ messages: r.messages }) === 'judge')).toBe(true);
    expect(await detail.getByTestId('judge-summary').locator('td').first().textContent()).toBe(`openai-http:judge-b@${open.url}`);

    // Agreement: the clone's judge in its two orders; the figure exports as PNG, SVG and CSV.
    await page.goto(`${s.baseURL}#/agreement`);
    await page.getByRole('button', { name: `Day run, judge b (1 judge, ${PAIRS} pairs)` }).click();
    const analysis = page.getByTestId('analysis');
    await analysis.waitFor({ timeout: 20_000 });
    const exportAs = async (format: 'PNG image' | 'SVG image' | 'CSV data') => {
      await analysis
        .getByRole('button', { name: /^Export / })
        .first()
        .click();
      return download(page, () => page.getByRole('button', { name: format }).click());
    };
    const png = await exportAs('PNG image');
    expect(png.name).toMatch(/\.png$/);
    expect(readFileSync(png.path).subarray(1, 4).toString()).toBe('PNG');
    const svg = await exportAs('SVG image');
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.text).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const csv = await exportAs('CSV data');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.text.split('\n').length).toBeGreaterThan(1);
    expect(csv.text).toContain('judge-b');
    await fits('Agreement');
    expect(errors).toEqual([]);
  });

  it('shows the same day at 390 px: every page fits, the pairs view filters, the figure exports', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const route of ['models', 'prompts', 'personas', 'agreement']) {
      await page.goto(`${s.baseURL}#/${route}`);
      await page.locator('main[data-ready="true"] h1').waitFor();
      await fits(`#/${route} at 390 px`);
    }
    await page.goto(`${s.baseURL}#/runs`);
    await page.locator('li[data-run]').getByRole('button', { name: 'Day run', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Day run' }).waitFor();
    const view = page.getByRole('region', { name: 'Pairs' });
    const shown = view.getByTestId('shown-count');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`${PAIRS} of ${PAIRS} pairs`);
    await view.getByLabel('Split').selectOption('train');
    await expect.poll(() => shown.textContent()).toBe(`${PERSONAS} of ${PAIRS} pairs`);
    await view.getByTestId('pair-row').first().click();
    await view.getByTestId('pair-card').waitFor();
    expect(await view.getByTestId('pair-card').getByTestId('yw').locator('ins').count()).toBeGreaterThan(0);
    await page.getByTestId('edit-server').locator('summary').click();
    await page.getByTestId('run-topics').locator('summary').click();
    await fits('Runs at 390 px with a pair, the server editor and the topics open');

    await page.goto(`${s.baseURL}#/agreement`);
    await page.getByRole('button', { name: `Day run, judge b (1 judge, ${PAIRS} pairs)` }).click();
    const analysis = page.getByTestId('analysis');
    await analysis.waitFor({ timeout: 20_000 });
    await analysis
      .getByRole('button', { name: /^Export / })
      .first()
      .click();
    const csv = await download(page, () => page.getByRole('button', { name: 'CSV data' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    await fits('Agreement at 390 px');
    expect(errors).toEqual([]);
  });
});
