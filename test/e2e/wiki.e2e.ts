// WikiPersonas in real Chromium against the production build: the scripted engine in the LLM worker
// as the studied model, a judge server (answered by the test through request interception, with
// CORS, chat completions and /completions scoring), a small study (3 people, 4 questions each, the
// laptop recipe's 3 prefixes) made and started on the WikiPersonas page, reloaded in the middle and
// resumed without entering the judge again or asking a finished call again, its tables and per-person
// chart shown and exported, the page at 390 px wide; then a teacher makes a WikiPersonas kit on
// Classroom and a student meets the paper's quiz before the first question on Annotate.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoringRoutes } from '../doubles/scoring-routes';
import { plainReply, WIKI_ENGINE_RULES, wikiReply } from '../doubles/wiki-replies';
import { download, loadModel, navigate } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const RULES = [...WIKI_ENGINE_RULES, { match: '^([^]{0,60})', replies: ['A prefixed answer about $1.'] }];
/** A request's identity: its messages and seed. */
const key = (r: Record<string, unknown>) => JSON.stringify([r.messages, r.seed]);
/** The judge server's address (nothing listens there: the test answers every request to it). */
const JUDGE = 'http://127.0.0.1:9/v1';

/** Answers the judge server's routes as an OpenAI-compatible server with CORS would; `log` gets every request body by path. */
async function serveJudge(page: Page, log: { path: string; body: Record<string, unknown> }[]): Promise<void> {
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, authorization' };
  const routes = scoringRoutes();
  await page.route(`${JUDGE}/**`, async (route) => {
    const req = route.request();
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const path = new URL(req.url()).pathname.replace(/^\/v1/, '');
    const body = JSON.parse(req.postData() ?? '{}') as Record<string, unknown>;
    log.push({ path, body });
    const json = (status: number, value: unknown) =>
      route.fulfill({ status, headers: { ...cors, 'content-type': 'application/json' }, body: JSON.stringify(value) });
    if (path === '/chat/completions') {
      const messages = body.messages as { role: string; content: string }[];
      const content = wikiReply(messages, body.seed as number) ?? plainReply(messages);
      return json(200, {
        id: 'chatcmpl-judge',
        object: 'chat.completion',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 40 },
      });
    }
    const extra = routes[path];
    if (extra) {
      const r = extra(body);
      return json(r.status ?? 200, r.json);
    }
    return json(404, { error: { message: `no route ${path}` } });
  });
}

describe('WikiPersonas page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs a small study with a judge server, resumes it after a reload without re-entering the judge or re-sending finished calls, and shows and exports its results', async () => {
    const { page } = s;
    const judgeLog: { path: string; body: Record<string, unknown> }[] = [];
    await serveJudge(page, judgeLog);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const explain = async (e: unknown) => {
      throw new Error(`${String(e)}\npage errors: ${errors.join(' | ')}\n${await page.locator('main').textContent()}`);
    };
    const engine = installScriptedEngine(page, { rules: RULES, loadSteps: 1, replyDelayMs: 120 });
    await page.goto(`${s.baseURL}#/models`);
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await engine.ready();
    await loadModel(page);
    await navigate(page, 'WikiPersonas');
    const form = page.getByRole('form', { name: 'New study' });
    for (const name of ['joe-biden', 'halle-berry', 'taylor-swift'])
      expect(await form.locator(`input[name="person-${name}"]`).isChecked()).toBe(true);
    // The paper's recipe is the default; the laptop variant says what it trades.
    expect(await form.getByRole('button', { name: "The paper's recipe" }).getAttribute('aria-pressed')).toBe('true');
    expect(await form.locator('input[name="prefix-persona-strong"]').isChecked()).toBe(true);
    const paperSize = await form.getByTestId('wiki-form-size').textContent();
    await form.getByTestId('wiki-laptop').click();
    expect(await form.textContent()).toContain('Laptop trades: 8 candidates per question instead of 50');
    expect(await form.locator('input[name="prefix-persona-strong"]').isChecked()).toBe(false);
    expect(await form.getByTestId('wiki-form-size').textContent()).not.toBe(paperSize);
    await form.getByLabel('Judge server (optional)').fill(JUDGE);
    await form.getByLabel('Judge model').fill('judge');
    await form.getByRole('button', { name: 'Create study' }).click();
    const study = page.getByTestId('wiki-study');
    await study.waitFor().catch(explain);
    expect(await study.textContent()).toContain(`judge openai-http:judge@${JUDGE}`);
    const steps = page.getByTestId('wiki-steps');
    expect(await steps.locator('tr[data-step]').count()).toBe(4);
    await page.getByTestId('wiki-start').click();
    await expect.poll(() => study.getAttribute('data-status')).toBe('running');
    const pairsDone = async () =>
      Number(
        /^(\d+)/.exec(
          (await page
            .getByTestId('wiki-progress-pairs')
            .textContent({ timeout: 100 })
            .catch(() => '')) ?? '',
        )?.[1] ?? 0,
      );
    await expect
      .poll(pairsDone, { timeout: 60_000, interval: 50 })
      .toBeGreaterThanOrEqual(4)
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await steps.textContent()}\n${await study.textContent()}`);
      });

    // A reload in the middle: the study is marked stopped; after loading the model again it resumes with the judge server it stored.
    const next = engine.next();
    const before = (((await engine.log())?.requests ?? []) as Record<string, unknown>[]).map(key);
    const judgedBefore = judgeLog.length;
    await page.reload();
    await study.waitFor();
    await expect.poll(() => study.getAttribute('data-status')).toBe('stopped');
    await navigate(page, 'Models');
    await next;
    await loadModel(page);
    await navigate(page, 'WikiPersonas');
    await page.getByTestId('wiki-start').click();
    await expect.poll(() => study.getAttribute('data-status'), { timeout: 120_000, interval: 200 }).toBe('done');
    expect(await page.getByTestId('wiki-error').count()).toBe(0);
    expect(await page.getByTestId('wiki-start').count()).toBe(0); // finished: nothing to resume
    expect(await form.isVisible()).toBe(false); // the new-study form folds once there is a study to show
    const after = (((await engine.log())?.requests ?? []) as Record<string, unknown>[]).map(key);
    const answeredBefore = new Set(before.slice(0, -1)); // the last one may have been cut by the reload
    expect(after.filter((k) => answeredBefore.has(k))).toEqual([]);
    const judgeKey = (e: { path: string; body: Record<string, unknown> }) => JSON.stringify([e.path, e.body]);
    const judgeAnswered = new Set(judgeLog.slice(0, Math.max(0, judgedBefore - 1)).map(judgeKey));
    expect(judgeLog.slice(judgedBefore).filter((e) => judgeAnswered.has(judgeKey(e)))).toEqual([]);
    expect(judgeLog.some((e) => e.path === '/completions')).toBe(true); // the reward filter scored on the judge server

    // The tables: reward accuracy by the generative variant (web-llm cannot score a given text), the reward filter, win rates.
    await expect.poll(() => page.getByTestId('wiki-method').textContent()).toMatch(/generative variant/);
    expect(await page.getByTestId('wiki-reward-filter').textContent()).toMatch(/narrowed by the mean log-probability of openai-http:judge/);
    const acc = await page.getByTestId('wiki-accuracy').textContent();
    expect(acc).toMatch(/12 pairs \(6 train, 6 evaluation\)/);
    for (const label of ['no prefix', 'persona (inferred by the model)', 'persona gold']) expect(acc).toContain(label);
    expect(await page.getByTestId('wiki-winrates').textContent()).toMatch(/persona-gold/);
    const perPerson = page.getByTestId('wiki-per-person');
    await expect.poll(() => perPerson.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    await perPerson.getByRole('button', { name: /^Export / }).click();
    const png = await download(page, () => perPerson.getByRole('button', { name: 'PNG image' }).click());
    expect(png.name).toMatch(/-per-person\.png$/);
    const trl = await download(page, () => page.getByTestId('wiki-export-trl').click());
    const lines = trl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines).toHaveLength(36);
    expect(new Set(lines.map((l) => l.prefix))).toEqual(new Set(['none', 'persona', 'persona-gold']));

    // 390 px wide, every fold open: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A teacher makes a WikiPersonas kit; a student answering as Joe Biden meets the paper's quiz (Table 5) first.
    await navigate(page, 'Classroom');
    const kit = await download(page, () => page.getByRole('button', { name: 'Make WikiPersonas kit' }).click());
    const kitPath = join(tmpdir(), `wiki-kit-${Date.now()}.json`);
    writeFileSync(kitPath, kit.text);
    await navigate(page, 'Annotate');
    await page.getByTestId('kit-file').setInputFiles(kitPath);
    await page.getByLabel('Your name or code').fill('Tea');
    await page.getByLabel('The persona you role-play').selectOption('Joe Biden');
    await page.getByRole('button', { name: 'Start' }).click();
    const quiz = page.getByTestId('quiz-question');
    await expect.poll(() => quiz.count()).toBe(2);
    const startButton = page.getByRole('button', { name: 'I understand, start' });
    expect(await startButton.isDisabled()).toBe(true);
    await quiz.nth(0).getByLabel('A. U.S. Senator of Vermont').check();
    expect(await quiz.nth(0).getByRole('link', { name: "the person's Wikipedia page" }).getAttribute('href')).toBe(
      'https://en.wikipedia.org/wiki/Joe_Biden',
    );
    await quiz.nth(0).getByLabel('D. Vice President of the United States').check();
    await quiz.nth(1).getByLabel('B. To provide economic relief and recovery from the COVID-19 pandemic').check();
    expect(await quiz.nth(0).getByRole('alert').count()).toBe(0);
    await startButton.click();
    await page.getByTestId('question').waitFor();
  }, 300_000);

  it('shows the famous set on the Personas page, adds a person of your own, and opens the chat with a famous person', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${s.baseURL}#/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await page.getByRole('button', { name: /Famous people \(WikiPersonas\)/ }).click();
    const set = page.getByTestId('famous-set');
    await set.waitFor();
    const table = page.locator('table.data').filter({ hasText: 'Barack Obama' });
    expect(await table.locator('tbody tr').count()).toBe(50);
    const form = page.getByRole('form', { name: 'Add a person of your own' });
    await form.getByLabel('Name').fill('Ada Example');
    await form.getByLabel('profession').fill('Engineer');
    await form.getByLabel(/^Axes/).fill('profession: Engineers');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(51);
    const csv = await download(page, () => set.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.text.split('\n')[0]).toMatch(/^name,race,birth year,/);
    expect(csv.text).toContain('Ada Example');
    await table.locator('tr', { hasText: 'Barack Obama' }).getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 10_000 })
      .toMatch(/Talking with\s*Barack Obama, Politician\/Author, \d+, Hawaii/);
  }, 60_000);
});
