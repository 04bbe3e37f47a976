// Leave-one-out with a model, in real Chromium against the production build: a persona set made on
// the Personas page, a design over it (Leave-one-out), the model loaded on the Models page (scripted
// engine in the LLM worker), the design run through the pipeline's critique, revision and judge
// stages (one question's revisions unreadable), left and reopened mid-run, reloaded mid-run and
// resumed without asking again, box plots, and the CSV export, one row per attribute and persona
// pair with its kappa.
//
// The scripted judges make the answer predictable: a persona with a religion prefers the revision
// written for faith, every other persona picks the answer shown first. So for "religion" the judge
// without it follows the seeded order and the judge with it always picks its own revision (kappa 0,
// or undefined when the order never changes); for "age" both judges pick the same (kappa 1). The
// revisions of the last question are never readable, so kappas are over the other questions.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withShownFirst, type LooDesign } from '../../src/core/loo/design';
import { cohenKappa } from '../../src/core/stats/cohen';
import { download, generatePersonaSet, loadModel, MODEL, navigate } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const QUESTIONS = [
  'Should parents limit how much time their children spend online?',
  'Is it fair for wealthy people to pay higher tax rates than everyone else?',
  'Should schools teach about the world’s religions?',
  'Is working from home better for society than working in an office?',
];
const ATTRIBUTES = ['age', 'religion'] as const;
const PER_ATTRIBUTE = 3;
const SEED = 'flow-loo';

const LOO_RULES = [
  {
    match: "^Examine the COMPLETION[^]*DEMOGRAPHIC: '[^]*^religion: ",
    flags: 'm',
    replies: ['EVALUATION: It ignores their faith. SUGGESTIONS: Mention faith.\nDONE'],
  },
  { match: '^Examine the COMPLETION', replies: ['EVALUATION: It is fine. SUGGESTIONS: Keep it plain.\nDONE'] },
  {
    match: "^Revise the COMPLETION[^]*?with respect to INSTRUCTION: 'Is working from home",
    replies: ['I would rather not rewrite this one.'],
  },
  { match: "^Revise the COMPLETION[^]*CRITIQUE: '[^]*Mention faith", replies: ['REVISED PREFERENCE: A faithful answer.\nDONE'] },
  { match: '^Revise the COMPLETION', replies: ['REVISED PREFERENCE: A plain answer.\nDONE'] },
  {
    match: 'PERSON:\\n[^]*^religion: [^]*ANSWER A:\\nA faithful answer',
    flags: 'm',
    replies: ['{"preferred": "A", "reason": "It respects my faith."}'],
  },
  {
    match: 'PERSON:\\n[^]*^religion: [^]*This person asked',
    flags: 'm',
    replies: ['{"preferred": "B", "reason": "It respects my faith."}'],
  },
  { match: 'PERSON:\\n[^]*This person asked', replies: ['{"preferred": "A", "reason": "The first is fine."}'] },
  { match: '^([^]+)$', replies: ['A general answer to: $1'] },
];

const UNREADABLE = 'q4';
/** A request's identity: its messages and seed (a retry of unreadable output asks the same messages with a new seed). */
const key = (r: Record<string, unknown>) => JSON.stringify([r.messages, r.seed]);
/** "done / total" of the running design's progress; null when no progress is shown. */
async function progress(page: Page): Promise<number | null> {
  const text = await page
    .getByRole('region', { name: 'Designs and imports' })
    .locator('p[aria-live]')
    .textContent({ timeout: 200 })
    .catch(() => null);
  return text ? Number(/(\d+) \/ \d+/.exec(text)?.[1]) : null;
}

describe('leave-one-out flow with a model', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('designs over a stored persona set, runs with the loaded model, draws box plots and exports one kappa per persona pair', async () => {
    const t0 = Date.now();
    const { page } = s;
    const before = installScriptedEngine(page, { rules: LOO_RULES, loadSteps: 1, replyDelayMs: 25 });
    await page.goto(`${s.baseURL}#/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await generatePersonaSet(page, { count: 12, seed: SEED, name: 'LOO set' });

    // The design, over the stored set: two attributes, three persona pairs each, four questions.
    await navigate(page, 'Leave-one-out');
    await page.getByLabel('Persona set').selectOption({ label: 'LOO set (12)' });
    await page.getByText('Drawing from 12 personas: persona set “LOO set”.').waitFor();
    const form = page.getByRole('form', { name: 'New design' });
    await form.getByLabel('Name').fill('Flow LOO');
    await form.getByLabel('Persona pairs per attribute').fill(String(PER_ATTRIBUTE));
    await form.getByLabel('Seed').fill(SEED);
    await form.getByRole('button', { name: 'none' }).click();
    for (const a of ATTRIBUTES) await form.getByLabel(a, { exact: true }).check();
    await form.getByLabel(/^Questions, one per line/).fill(QUESTIONS.join('\n'));
    // Six calls per persona pair and question, and a baseline per question, estimated before the design is made.
    expect(await form.getByTestId('job-size').textContent()).toContain(
      `≈ ${(ATTRIBUTES.length * PER_ATTRIBUTE * QUESTIONS.length * 6 + QUESTIONS.length).toLocaleString('en-US')} calls`,
    );
    await form.getByRole('button', { name: 'Create design' }).click();
    const designs = page.getByRole('region', { name: 'Designs and imports' });
    const tasks = ATTRIBUTES.length * PER_ATTRIBUTE * QUESTIONS.length;
    await designs
      .getByText(`2 attributes, ${ATTRIBUTES.length * PER_ATTRIBUTE} persona pairs, ${QUESTIONS.length} questions; 0 judgements stored.`)
      .waitFor();
    const item = designs.getByRole('listitem').filter({ hasText: 'Flow LOO' });

    // No model yet: the page sends the user to the Models page.
    await designs.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await before.ready();
    await loadModel(page);
    await navigate(page, 'Leave-one-out');
    await designs.getByRole('button', { name: `Run with ${MODEL}` }).click();
    await expect.poll(() => item.textContent()).toMatch(/run · running/);

    // Leaving the page does not stop the run, and coming back shows it going, with Stop and no second start.
    await expect.poll(() => progress(page), { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(3);
    await navigate(page, 'Personas');
    await navigate(page, 'Leave-one-out');
    expect(await designs.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    expect(await designs.getByRole('button', { name: /^(Run|Resume) with/ }).count()).toBe(0);
    const back = (await progress(page))!;
    await expect.poll(() => progress(page), { timeout: 20_000, interval: 50 }).toBeGreaterThan(back);

    // A reload in the middle: the design is no longer said to be running; after loading the model again it resumes.
    const nextWorker = before.next();
    const pre = ((await before.log())?.requests ?? []) as Record<string, unknown>[];
    await page.reload();
    await designs.waitFor();
    // (The stored list may show the row as read before the page marked it stopped: poll.)
    await expect.poll(() => item.textContent()).toMatch(/run · stopped · .*start again to resume/i);
    expect(await item.textContent()).not.toMatch(/running/);
    await navigate(page, 'Models');
    await nextWorker;
    await loadModel(page);
    await navigate(page, 'Leave-one-out');
    await designs.getByRole('button', { name: `Resume with ${MODEL}` }).click();
    const judgements = 2 * tasks;
    await designs.getByText(`${judgements} judgements stored.`, { exact: false }).waitFor({ timeout: 45_000 });
    await item.getByText('run · done').waitFor({ timeout: 10_000 });
    const t1 = Date.now();

    // Nothing finished before the reload was asked again (but the call cut by it), and within each
    // worker every call went through the pipeline's cache.
    const post = ((await before.log())?.requests ?? []) as Record<string, unknown>[];
    expect(new Set(pre.map(key)).size).toBe(pre.length);
    expect(new Set(post.map(key)).size).toBe(post.length);
    const preKeys = new Set(pre.map(key));
    expect(
      post
        .filter((r) => preKeys.has(key(r)))
        .map(key)
        .filter((k) => k !== key(pre.at(-1)!)),
    ).toEqual([]);
    const requests = [...pre, ...post];

    // Box plots and the table per attribute.
    const results = page.getByRole('region', { name: 'Kappa per attribute' });
    await results.locator('canvas').waitFor();
    const table = results.getByTestId('loo-table');
    console.info('TABLE', await table.innerText(), await page.getByRole('region', { name: 'Designs and imports' }).innerText());
    for (const a of ATTRIBUTES)
      expect(
        await table
          .locator('tr', { has: page.getByRole('cell', { name: a, exact: true }) })
          .locator('td')
          .nth(1)
          .textContent(),
      ).toBe(String(PER_ATTRIBUTE));

    // The CSV: one row per attribute and persona pair; kappa as the scripted judges imply.
    const csv = await download(page, () => results.getByTestId('loo-export').click());
    const [header, ...rows] = csv.text.trim().split('\r\n');
    expect(header).toBe('attribute,pair,persona_id,kappa,questions,agreement');
    expect(rows).toHaveLength(ATTRIBUTES.length * PER_ATTRIBUTE);
    const design = { seed: SEED } as LooDesign;
    for (const a of ATTRIBUTES) {
      for (let j = 0; j < PER_ATTRIBUTE; j++) {
        const row = rows.find((r) => r.startsWith(`${a},${j + 1},`));
        expect(row, `${a} pair ${j + 1}`).toBeDefined();
        const [, , personaId, kappa, questions, agreement] = row!.split(',');
        expect(personaId).toMatch(/^[0-9a-f]{16}$/);
        const unit = { attribute: a, index: j } as Parameters<typeof withShownFirst>[1];
        // The judge without the attribute picks the first shown (1 = "with"); no choice where the revisions were unreadable.
        const without = QUESTIONS.map((_, q) => (`q${q + 1}` === UNREADABLE ? -1 : withShownFirst(design, unit, `q${q + 1}`) ? 1 : 0));
        const withIt = a === 'religion' ? without.map((x) => (x < 0 ? -1 : 1)) : without;
        const k = cohenKappa(without, withIt, 2);
        const answered = QUESTIONS.length - 1;
        expect(kappa, `${a} pair ${j + 1}`).toBe(k.value === null ? '' : String(k.value));
        expect(questions).toBe(String(answered));
        expect(Number(agreement)).toBeCloseTo(without.filter((x, i) => x >= 0 && x === withIt[i]).length / answered, 12);
      }
    }
    console.info(
      `leave-one-out flow: personas, design, model and run ${((t1 - t0) / 1000).toFixed(1)} s (${requests.length} calls), results and export ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
  });
});
