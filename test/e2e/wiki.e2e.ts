// WikiPersonas in real Chromium against the production build: the scripted engine in the LLM worker,
// the model loaded on the Models page, a small study (3 people, 4 questions each, 3 prefixes) made
// and started on the WikiPersonas page, reloaded in the middle and resumed without asking a
// finished call again, its tables shown, the TRL export downloaded, and the page at 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIKI_ENGINE_RULES } from '../doubles/wiki-replies';
import { download, loadModel, navigate } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const RULES = [...WIKI_ENGINE_RULES, { match: '^([^]{0,60})', replies: ['A prefixed answer about $1.'] }];
/** A request's identity: its messages and seed. */
const key = (r: Record<string, unknown>) => JSON.stringify([r.messages, r.seed]);

describe('WikiPersonas page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs a small study, resumes it after a reload without re-sending finished calls, and shows and exports its results', async () => {
    const { page } = s;
    const engine = installScriptedEngine(page, { rules: RULES, loadSteps: 1, replyDelayMs: 120 });
    await page.goto(`${s.baseURL}#/models`);
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await engine.ready();
    await loadModel(page);
    await navigate(page, 'WikiPersonas');
    const form = page.getByRole('form', { name: 'New study' });
    for (const name of ['joe-biden', 'halle-berry', 'taylor-swift'])
      expect(await form.locator(`input[name="person-${name}"]`).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create study' }).click();
    const study = page.getByTestId('wiki-study');
    await study.waitFor();
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

    // A reload in the middle: the study is marked stopped; after loading the model again it resumes.
    const next = engine.next();
    const before = (((await engine.log())?.requests ?? []) as Record<string, unknown>[]).map(key);
    await page.reload();
    await study.waitFor();
    await expect.poll(() => study.getAttribute('data-status')).toBe('stopped');
    await navigate(page, 'Models');
    await next;
    await loadModel(page);
    await navigate(page, 'WikiPersonas');
    await page.getByTestId('wiki-start').click();
    await expect.poll(() => study.getAttribute('data-status'), { timeout: 120_000, interval: 200 }).toBe('done');
    const after = (((await engine.log())?.requests ?? []) as Record<string, unknown>[]).map(key);
    const answeredBefore = new Set(before.slice(0, -1)); // the last one may have been cut by the reload
    expect(after.filter((k) => answeredBefore.has(k))).toEqual([]);

    // The tables: reward accuracy by the generative variant (web-llm cannot score a given text), win rates.
    await expect.poll(() => page.getByTestId('wiki-method').textContent()).toMatch(/generative variant/);
    const acc = await page.getByTestId('wiki-accuracy').textContent();
    expect(acc).toMatch(/12 pairs \(6 train, 6 evaluation\)/);
    for (const label of ['no prefix', 'persona (inferred by the model)', 'persona gold']) expect(acc).toContain(label);
    expect(await page.getByTestId('wiki-winrates').textContent()).toMatch(/persona-gold/);
    const trl = await download(page, () => page.getByTestId('wiki-export-trl').click());
    const lines = trl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines).toHaveLength(36);
    expect(new Set(lines.map((l) => l.prefix))).toEqual(new Set(['none', 'persona', 'persona-gold']));

    // 390 px wide: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 800 });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
  }, 240_000);

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
      .toMatch(/Talking with\s*\d+, Male, Barack Obama, Politician\/Author/);
  }, 60_000);
});
