// A researcher's whole workflow in real Chromium against the production build, the scripted engine
// inside the LLM worker: generate a persona set (Personas) → a run over that stored set and the
// default prompt set with a judge (Runs), one garbled critique failing its pair, a reload in the middle
// (the run resumes without asking again for finished calls: checked on the engine's request logs),
// the failed pair retried → the results browser → TRL JSONL export → Agreement over the judged run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPersonaFile } from '../../src/core/personas/io';
import { renderPersona } from '../../src/core/personas/render';
import { cohenKappa } from '../../src/core/stats/cohen';
import {
  createRun,
  download,
  expectedWinner,
  generatePersonaSet,
  MODEL,
  navigate,
  pipelineRules,
  stageDone,
  ylFor,
  ywFor,
} from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const SET = 'Flow set';
const RUN = 'Flow run';
const PERSONAS = 6;
const PAIRS = PERSONAS * 3;

interface TrlLine {
  prompt: string;
  chosen: string;
  rejected: string;
  persona_id: string;
  persona: string;
  prompt_id: string;
  topic: string;
  split: string;
  models: { generator: string; critic: string; judges: string[] };
  pair_id: string;
  critique: string;
  verdicts: { model: string; yw_first: 'yw' | 'yl' | null; yl_first: 'yw' | 'yl' | null }[];
}
const key = (r: Record<string, unknown>) => JSON.stringify(r.messages);

describe('researcher flow: personas → run → results → TRL → agreement', () => {
  let s: Session;
  let dir: string;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
    dir = mkdtempSync(join(tmpdir(), 'flow-researcher-'));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates a set, runs it through a reload and a retry, browses, exports TRL and analyses the judge', async () => {
    const { page } = s;
    const t0 = Date.now();
    // Before the reload: the first critique is garbled; attempts per stage = 1, so its pair fails.
    const before = installScriptedEngine(page, { rules: pipelineRules({ garbleFirstCritique: true }), tokenDelayMs: 4, loadSteps: 1 });
    await page.goto(`${s.baseURL}#/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await generatePersonaSet(page, { count: PERSONAS, seed: 'flow-seed', name: SET });
    const setFile = await download(page, () => page.getByRole('button', { name: 'Export JSONL' }).click());
    const parsed = await readPersonaFile('set.jsonl', setFile.text);
    if (!parsed.ok) throw new Error('the exported set does not parse');
    const personas = new Map(parsed.personas.map((p) => [p.id, p]));
    expect(personas.size).toBe(PERSONAS);

    await navigate(page, 'Runs');
    await before.ready();
    await createRun(page, {
      name: RUN,
      source: `Set: ${SET}`,
      personas: PERSONAS,
      plan: { train: 1, seenTest: 1, heldout: 1 },
      attempts: 1,
      seed: 7,
    });
    await page.getByRole('button', { name: 'Start' }).click();

    // Wait for the garbled critique to fail its pair and a few more critiques to finish, then reload.
    const critiqueRow = page.locator('tr[data-stage="critique"]');
    await expect
      .poll(
        async () =>
          ((await critiqueRow.textContent({ timeout: 200 }).catch(() => '')) ?? '').includes('1 failed') &&
          (await stageDone(page, 'critique')) >= 3,
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true);
    before.dispose();
    const after = installScriptedEngine(page, { rules: pipelineRules(), tokenDelayMs: 4, loadSteps: 1 });
    const nextWorker = after.next();
    // Freeze the engine first: a call finishing between reading the log and the reload would be
    // cached yet missing from both logs. The one call left hanging is the one the reload cuts.
    await before.hold();
    const pre = ((await before.log())?.requests ?? []) as Record<string, unknown>[];
    await page.reload();
    await nextWorker;
    const t1 = Date.now();
    expect(await stageDone(page, 'judge')).toBe(0); // no progress panel: nothing runs after a reload

    const detail = page.getByTestId('run-detail');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('interrupted');
    expect(await detail.getByRole('alert').textContent()).toMatch(/reloaded while the run was going; resume it/);
    const results = page.getByRole('region', { name: 'Pairs' });
    const outcome = results.getByLabel('Outcome');
    const shown = results.getByTestId('shown-count');
    await outcome.selectOption('failed'); // the list is virtualised: count through the filter, not the rows
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`1 of ${PAIRS} pairs`); // pairs not started yet are listed too
    await outcome.selectOption('pending');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^[1-9]\\d* of ${PAIRS} pairs$`));
    await outcome.selectOption('failed');
    // The counters after the reload hold what the cut session sent (all but the call the reload cut).
    const cut = Number(/(\d+) requests sent/.exec((await page.getByTestId('run-counters').textContent()) ?? '')?.[1]);
    expect(cut).toBeGreaterThanOrEqual(pre.length - 1);
    expect(cut).toBeLessThanOrEqual(pre.length);
    await detail.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 250 }).toBe('done');

    // The pair that failed on unreadable output stays failed until the user retries it.
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`1 of ${PAIRS} pairs`);
    await outcome.selectOption('done');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`${PAIRS - 1} of ${PAIRS} pairs`);
    expect((await page.getByTestId('run-counters').textContent())?.replace(/\s+/g, ' ')).toMatch(/ 1 unreadable outputs /);
    await detail.getByRole('button', { name: 'Retry 1 failed' }).click();
    await expect
      .poll(
        async () =>
          (await page.getByTestId('run-status').textContent()) === 'done' &&
          (await detail.getByRole('button', { name: /^Retry/ }).count()) === 0,
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    await outcome.selectOption('failed');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe(`0 of ${PAIRS} pairs`);
    await outcome.selectOption('done');
    expect(await shown.textContent()).toBe(`${PAIRS} of ${PAIRS} pairs`);
    await outcome.selectOption('');
    const t2 = Date.now();

    // The TRL export: one line per pair, plain y_w and y_l, the stored set's personas, all three splits.
    const trl = await download(page, () => detail.getByRole('button', { name: 'TRL JSONL', exact: true }).click());
    const lines = trl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrlLine);
    expect(lines).toHaveLength(PAIRS);
    const splits: Record<string, number> = {};
    for (const l of lines) {
      const persona = personas.get(l.persona_id);
      expect(persona, l.persona_id).toBeDefined();
      expect(l.persona).toBe(renderPersona(persona!));
      expect(l.rejected).toBe(ylFor(l.prompt));
      expect(l.chosen).toBe(ywFor(l.prompt, persona!.age));
      expect(l.critique).toBe(
        `EVALUATION: The answer ignores that this person is ${persona!.age} years old. SUGGESTIONS: Speak to someone aged ${persona!.age}, briefly.`,
      );
      expect(l.models).toEqual({ generator: `webllm:${MODEL}`, critic: `webllm:${MODEL}`, judges: [`webllm:${MODEL}`] });
      expect(l.verdicts).toEqual([
        { model: `webllm:${MODEL}`, yw_first: expectedWinner(l.persona, 'yw'), yl_first: expectedWinner(l.persona, 'yl') },
      ]);
      splits[l.split] = (splits[l.split] ?? 0) + 1;
    }
    expect(splits).toEqual({ train: PERSONAS, 'seen-test': PERSONAS, 'heldout-test': PERSONAS });
    expect(new Set(lines.map((l) => l.persona_id))).toEqual(new Set(personas.keys())); // the set's own ids, as its JSONL has them

    // Reload and resume asked for no finished call again: across both workers every request is
    // distinct, except the garbled critique asked again by the retry and the call cut by the reload.
    const post = ((await after.log())?.requests ?? []) as Record<string, unknown>[];
    const preKeys = new Set(pre.map(key));
    const repeated = post.filter((r) => preKeys.has(key(r)));
    const lastPre = pre.at(-1) ? key(pre.at(-1)!) : '';
    const garbled = pre.find((r) => (r.messages as { content: string }[]).at(-1)?.content.startsWith('Examine'));
    for (const r of repeated)
      expect([lastPre, garbled ? key(garbled) : ''], 'a call finished before the reload was asked again').toContain(key(r));
    const distinct = new Set([...pre, ...post].map(key)).size;
    const prompts = new Set(lines.map((l) => l.prompt_id)).size;
    const revisions = new Set(lines.map((l) => `${l.prompt}/${personas.get(l.persona_id)!.age}`)).size;
    expect(distinct).toBe(prompts + PAIRS + revisions + 2 * PAIRS); // shared y_l, critiques, revisions (identical ones cached), two verdicts
    const counters = (await page.getByTestId('run-counters').textContent()) ?? '';
    const sent = Number(/(\d+) requests sent/.exec(counters)?.[1]);
    expect(sent).toBeGreaterThanOrEqual(pre.length + post.length - 1);
    expect(sent).toBeLessThanOrEqual(pre.length + post.length);

    // The judge summary agrees with the verdicts exported.
    const ywWins = lines.reduce((n, l) => n + (l.verdicts[0]!.yw_first === 'yw' ? 1 : 0) + (l.verdicts[0]!.yl_first === 'yw' ? 1 : 0), 0);
    const disagree = lines.filter((l) => l.verdicts[0]!.yw_first !== l.verdicts[0]!.yl_first).length;
    const summary = await detail.getByTestId('judge-summary').locator('td').allTextContents();
    expect(summary).toEqual([
      `webllm:${MODEL}`,
      String(2 * PAIRS),
      `${((100 * ywWins) / (2 * PAIRS)).toFixed(1)}%`,
      `${((100 * disagree) / PAIRS).toFixed(1)}% of ${PAIRS}`,
    ]);

    // The results browser: filter by persona, open a pair, see persona, prompt, y_l, critique, y_w and verdicts.
    const first = lines[0]!;
    await results.getByLabel('Persona', { exact: true }).selectOption(first.persona_id);
    expect(await shown.textContent()).toBe(`3 of ${PAIRS} pairs`);
    await results.getByTestId('pair-row').filter({ hasText: first.prompt }).click();
    const card = results.getByTestId('pair-card');
    await card.waitFor();
    expect(await card.getAttribute('data-pair')).toBe(first.pair_id);
    expect(await card.locator('.prompt').textContent()).toBe(first.prompt);
    expect(await card.getByRole('heading', { name: 'y_l (no persona)' }).locator('..').locator('.text').textContent()).toBe(first.rejected);
    expect(await card.getByTestId('yw').textContent()).toBe(first.chosen);
    await card.getByText('Critique', { exact: true }).click();
    expect(await card.locator('details p').first().textContent()).toBe(
      `Evaluation: The answer ignores that this person is ${personas.get(first.persona_id)!.age} years old.`,
    );
    const says = (w: 'yw' | 'yl' | null) => (w === 'yw' ? 'prefers y_w' : 'prefers y_l');
    expect((await card.getByTestId('judge-verdict').textContent())?.replace(/\s+/g, ' ')).toMatch(
      new RegExp(`y_w shown first → ${says(first.verdicts[0]!.yw_first)}[^]*y_l shown first → ${says(first.verdicts[0]!.yl_first)}`),
    );
    await card.getByText('Persona', { exact: true }).click();
    expect(await card.locator('pre').textContent()).toBe(first.persona);

    // Agreement: the judged run as a label set, the judge's two orders as two raters.
    await navigate(page, 'Agreement');
    await page.getByRole('button', { name: `${RUN} (1 judge, ${PAIRS} pairs)` }).click();
    const analysis = page.getByTestId('analysis');
    await analysis.waitFor({ timeout: 20_000 });
    expect(await analysis.getByTestId('analysis-summary').getByRole('heading').textContent()).toBe(`Run: ${RUN}`);
    expect((await analysis.getByTestId('analysis-summary').textContent())?.replace(/\s+/g, ' ')).toMatch(
      /Raters ?2 \(2 models, 0 people\) ?Personas ?6/,
    );
    expect(await analysis.getByRole('region', { name: 'Pairwise agreement' }).locator('canvas').count()).toBe(1);
    await analysis.getByText('All pairs (1)').click();
    const code = (w: 'yw' | 'yl' | null) => (w === 'yw' ? 1 : 0);
    const k = cohenKappa(
      lines.map((l) => code(l.verdicts[0]!.yw_first)),
      lines.map((l) => code(l.verdicts[0]!.yl_first)),
      2,
    );
    const judge = `judge 1: webllm:${MODEL}`;
    const cells = await analysis.getByTestId('pairs-table').locator('tbody td').allTextContents();
    expect(cells.slice(0, 4)).toEqual([
      `${judge} · y_w first`,
      `${judge} · y_l first`,
      String(PAIRS),
      k.value === null ? '—' : k.value.toFixed(3),
    ]);
    expect(cells[4]).toBe(`${((100 * (PAIRS - disagree)) / PAIRS).toFixed(1)}%`);
    console.info(
      `researcher flow: personas + run to the reload ${((t1 - t0) / 1000).toFixed(1)} s, resume + retry ${((t2 - t1) / 1000).toFixed(1)} s, checks and agreement ${((Date.now() - t2) / 1000).toFixed(1)} s`,
    );
  });
});
