// A classroom study in real Chromium against the production build: a teacher makes a judged run
// (scripted engine in the LLM worker) and an annotation kit from it (Classroom); two students on a
// shared classroom computer (a second browser with its own profile) open the kit (Annotate), answer
// with the keyboard only and export their files; the teacher imports both and reads the per-persona
// majorities, human–human agreement by slot and human–model agreement against the run's judge.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationKit } from '../../src/core/annotation/kit';
import { cohenKappa } from '../../src/core/stats/cohen';
import { personaTextLabel } from '../../src/core/personas/label';
import { createRun, download, expectedWinner, MODEL, navigate, pipelineRules } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

const RUN = 'Class run';
const KIT = 'Flow kit';
type Choice = 'a' | 'b';
/** Each student's choices for the kit's first and second persona, questions in kit order: a = y_l (base answer), b = y_w (revision). */
const CHOICES: Record<string, [Choice[], Choice[]]> = {
  Ada: [
    ['b', 'b', 'a'],
    ['a', 'a', 'b'],
  ],
  Bo: [
    ['b', 'a', 'a'],
    ['a', 'a', 'a'],
  ],
};
const STUDENTS = Object.keys(CHOICES);

/** Answers every question with the keyboard: reads which response is which, presses 1 or 2, types why, Ctrl+Enter. */
async function annotate(page: Page, kit: AnnotationKit, persona: number, who: string): Promise<void> {
  const items = kit.items.filter((it) => it.personaId === kit.personas[persona]!.id);
  for (let i = 0; i < items.length; i++) {
    await page
      .getByTestId('progress')
      .getByText(`Question ${i + 1} of ${items.length}`)
      .waitFor();
    const question = await page.getByTestId('question').textContent();
    const k = items.findIndex((it) => it.question === question);
    expect(k, `question "${question}" is one of the persona's`).toBeGreaterThanOrEqual(0);
    const want = CHOICES[who]![persona]![k]!;
    const text = want === 'a' ? items[k]!.responseA : items[k]!.responseB;
    const first = await page.getByTestId('response-1').locator('.text').textContent();
    await page.keyboard.press(first === text ? '1' : '2');
    expect(await page.locator('[role="radio"][aria-checked="true"] .text').textContent()).toBe(text);
    await page.keyboard.type(`${who}: this one suits me (${want}).`);
    if (i + 1 < items.length) await page.keyboard.press('Control+Enter');
  }
  await page.getByRole('status').getByText(`All ${items.length} questions answered`).waitFor();
}

/** The rows of a pairs table as cell texts. */
const tableRows = (region: ReturnType<Page['locator']>) =>
  region
    .getByTestId('pairs-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));

describe('classroom flow: run → kit → two students → majorities and kappas', () => {
  let teacher: Session;
  let students: Session | undefined;
  let dir: string;
  beforeAll(async () => {
    teacher = await launch({ webgpu: true });
    dir = mkdtempSync(join(tmpdir(), 'flow-classroom-'));
  });
  afterAll(async () => {
    await students?.close();
    await teacher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a kit from a finished run, collects two students’ keyboard answers and compares people with people and with the judge', async () => {
    const t0 = Date.now();
    const { page } = teacher;
    const engine = installScriptedEngine(page, { rules: pipelineRules(), loadSteps: 1 });
    await page.goto(`${teacher.baseURL}#/runs`);
    await engine.ready();
    await createRun(page, { name: RUN, source: 'Examples', personas: 2, plan: { train: 3, seenTest: 1, heldout: 0 } });
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000, interval: 250 }).toBe('done');
    const t1 = Date.now();

    // The teacher makes the kit from the run: 2 personas × 3 questions; it downloads and opens for collection.
    await navigate(page, 'Classroom');
    const maker = page.getByRole('region', { name: '1. Make a kit' });
    await maker.getByLabel('Title').fill(KIT);
    await maker.getByLabel('Run').selectOption({ label: RUN });
    await maker.getByLabel('Personas').fill('2');
    await maker.getByLabel('Questions each').fill('3');
    const kitFile = await download(page, () => maker.getByRole('button', { name: 'Make kit from run' }).click());
    const kit = JSON.parse(kitFile.text) as AnnotationKit;
    expect(kit.personas).toHaveLength(2);
    expect(kit.items).toHaveLength(6);
    const kitPath = join(dir, kitFile.name);
    writeFileSync(kitPath, kitFile.text);
    const collect = page.getByRole('region', { name: '2. Collect the answers' });
    await collect.getByText(`${KIT}: 2 personas, 6 questions.`).waitFor();

    // Two students on one classroom computer, one after the other, each role-playing both personas, keyboard only.
    students = await launch();
    const sp = students.page;
    await sp.goto(`${students.baseURL}#/annotate`);
    await sp.getByTestId('kit-file').setInputFiles(kitPath);
    const files: string[] = [];
    for (const who of STUDENTS) {
      for (const persona of [0, 1]) {
        const { id, description } = kit.personas[persona]!;
        await sp.getByText(`Kit: ${KIT} (6 questions, 2 personas)`).waitFor();
        await sp.getByLabel('Your name or code').fill(who);
        await sp.getByLabel('The persona you role-play').selectOption(id);
        await sp.getByLabel('Your name or code').press('Enter');
        await sp.getByRole('heading', { name: 'Instructions', exact: true }).waitFor(); // the plain classroom wording
        await sp.keyboard.press('Enter');
        expect(await sp.getByRole('complementary', { name: 'Your persona' }).locator('pre').textContent()).toBe(description);
        await annotate(sp, kit, persona, who);
        const answers = await download(sp, () => sp.getByTestId('export').click());
        expect(answers.name).toBe(`annotations-${who}-${id.replace(/:/g, '-')}.json`); // Chromium turns ":" in a download's name into "-"
        const path = join(dir, answers.name);
        writeFileSync(path, answers.text);
        files.push(path);
        await sp.getByRole('button', { name: 'Leave' }).click();
      }
    }
    const t2 = Date.now();

    // The teacher imports the four files.
    await collect.getByTestId('answer-files').setInputFiles(files);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.locator('p').first().textContent()).toMatch(
      /4 files taken,\s*0 refused,\s*0 duplicates,\s*0 conflicts; 12 answers in use/,
    );

    // Majorities: 2 students, so a pair has a majority only when both agree; a split is a tie, never broken.
    const majority: (Choice | null)[] = [];
    for (const persona of [0, 1]) {
      const { id } = kit.personas[persona]!;
      const items = kit.items.filter((it) => it.personaId === id);
      const mine = items.map((_, k) => (CHOICES.Ada![persona]![k] === CHOICES.Bo![persona]![k] ? CHOICES.Ada![persona]![k]! : null));
      majority.push(...mine);
      const row = page.getByTestId('majorities').locator(`tr[data-persona-id="${id}"]`);
      expect((await row.locator('td').allTextContents()).slice(0, 5)).toEqual([
        personaTextLabel(id, kit.personas[persona]!.description),
        '2',
        String(mine.filter((m) => m).length),
        String(mine.filter((m) => !m).length),
        '0',
      ]);
      const shown = await row
        .locator('.items span')
        .evaluateAll((spans) => Object.fromEntries(spans.map((x) => [x.getAttribute('title'), x.textContent])));
      items.forEach((it, k) =>
        expect(shown[it.pairId]).toBe(
          mine[k] ? `${mine[k]} (2/2)` : `tie ${CHOICES.Ada![persona]![k]}/${CHOICES.Bo![persona]![k]} (1 each of 2)`,
        ),
      );
    }

    // Human–human: annotator 1 (Ada) against annotator 2 (Bo), by slot, over all six questions.
    const code = (c: Choice | null) => (c === 'b' ? 1 : c === 'a' ? 0 : -1);
    const answersOf = (who: string) => [...CHOICES[who]![0], ...CHOICES[who]![1]].map(code);
    const hh = cohenKappa(answersOf('Ada'), answersOf('Bo'), 2);
    const slots = page.getByRole('region', { name: 'Pairwise agreement' }).first();
    await slots.getByText('All pairs (3)').click(); // annotator 1, annotator 2 and their majority
    const slotRows = await tableRows(slots);
    expect(slotRows.find((r) => r[0] === 'annotator 1' && r[1] === 'annotator 2')).toEqual([
      'annotator 1',
      'annotator 2',
      '6',
      hh.value!.toFixed(3),
      expect.any(String),
      expect.any(String),
    ]);

    // Human–model: the run's judge (both orders) against the students' majority, on the kit's pairs.
    await page.locator('select[name="model-source"]').selectOption({ label: `run: ${RUN}` });
    await page.getByRole('heading', { name: 'Students and models' }).waitFor({ timeout: 20_000 });
    const all = page.getByRole('region', { name: 'Pairwise agreement' }).last();
    await all.locator('summary').click();
    const rows = await tableRows(all);
    const judge = `judge 1: webllm:${MODEL}`;
    const personaOf = new Map(kit.personas.map((p) => [p.id, p.description]));
    for (const order of ['yw', 'yl'] as const) {
      const judged = kit.items.map((it) => (expectedWinner(personaOf.get(it.personaId)!, order) === 'yw' ? 1 : 0));
      const k = cohenKappa(majority.map(code), judged, 2);
      const rater = `${judge} · ${order === 'yw' ? 'y_w' : 'y_l'} first`;
      expect(rows.find((r) => r[0] === rater && r[1] === 'humans (majority)')?.slice(2, 4), rater).toEqual([
        String(majority.filter((m) => m).length),
        k.value === null ? '—' : k.value.toFixed(3),
      ]);
      const ada = cohenKappa(answersOf('Ada'), judged, 2);
      expect(rows.find((r) => r[0] === 'Ada' && r[1] === rater)?.slice(2, 4)).toEqual([
        '6',
        ada.value === null ? '—' : ada.value.toFixed(3),
      ]);
    }
    console.info(
      `classroom flow: run ${((t1 - t0) / 1000).toFixed(1)} s, kit and four annotation sessions ${((t2 - t1) / 1000).toFixed(1)} s, import and analyses ${((Date.now() - t2) / 1000).toFixed(1)} s`,
    );
  });
});
