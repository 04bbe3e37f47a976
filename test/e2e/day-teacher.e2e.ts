// The teacher's whole day (#11), in Chromium without WebGPU and without a server, at 1280 px and
// 390 px, through the production build: demo mode → every page shows its data → a kit made from the
// demo run with the kit maker's defaults (which fit the run) → handed out as a file and a link (a kit
// too large for a link is refused) → its instructions edited → previewed as a student
// (nothing stored) → the demo's eight answer files and one more imported → the progress view (who
// is in, who is missing, which questions lack a majority) → majorities and kappa; the chosen kit is
// remembered across a reload. No page error; no page wider than the window.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/core/annotation/answers-file';
import { collectAnswers } from '../../src/core/annotation/classroom';
import { personaMajorities } from '../../src/core/annotation/classroom-labels';
import type { AnnotationKit } from '../../src/core/annotation/kit';
import { classroomProgress } from '../../src/core/annotation/progress';
import type { DemoBundle } from '../../src/core/demo/bundle';
import { download } from './flow-helpers';
import { launch } from './harness';

const bundle = JSON.parse(readFileSync(new URL('../../public/demo/persona-lab-demo.json', import.meta.url), 'utf8')) as DemoBundle;
const PAIRS = bundle.run.manifest.plan.pairs;
const PERSONAS = bundle.personaSet.personas.length;
const INSTRUCTIONS = 'Answer as your persona would, in your own words.\nNo chatbots, please.';

/** A pairs file of 2 personas × 15 questions whose answers do not compress (hex digests): too long for any link. */
function bigPairsCsv(): string {
  const noise = (seed: string) => Array.from({ length: 8 }, (_, k) => createHash('sha256').update(`${seed}/${k}`).digest('hex')).join(' ');
  const rows = Array.from({ length: 30 }, (_, i) => {
    const persona = i < 15 ? 'A' : 'B';
    return [`p${i}`, persona, persona === 'A' ? 'age: 30' : 'age: 60', `Question ${i}?`, noise(`a${i}`), noise(`b${i}`)].join(',');
  });
  return ['pair_id,persona_id,persona,question,response_a,response_b', ...rows].join('\n');
}

/** One more student's file for the demo kit: Zoe answers every question of the kit's first persona. */
function zoeFile(kit: AnnotationKit): { name: string; text: string } {
  const persona = kit.personas[0]!.id;
  const file: AnswersFile = {
    format: ANSWERS_FORMAT,
    version: 1,
    kitId: kit.id,
    kitTitle: kit.title,
    annotator: 'Zoe',
    personaId: persona,
    startedAt: '2026-03-02T09:00:00.000Z',
    exportedAt: '2026-03-02T09:20:00.000Z',
    answers: kit.items
      .filter((it) => it.personaId === persona)
      .map((it, i) => ({ pairId: it.pairId, choice: i % 2 ? 'a' : 'b', shownFirst: 'a', justification: 'As she would.', answeredAt: 't' })),
  };
  return { name: 'annotations-Zoe.json', text: JSON.stringify(file) };
}

describe("the teacher's day", () => {
  for (const width of [1280, 390]) {
    it(`demo, kit, hand-out, preview, import, progress, majorities and kappa (${width} px)`, async () => {
      const s = await launch();
      const dir = mkdtempSync(join(tmpdir(), 'day-teacher-'));
      const errors: string[] = [];
      const { page } = s;
      page.on('pageerror', (e) => errors.push(e.message));
      /** An element's text with its white space collapsed (Svelte's markup wraps long lines). */
      const words = async (l: Locator) => (await l.textContent())?.replace(/\s+/g, ' ').trim();
      const fits = async (where: string) =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), where).toBeLessThanOrEqual(0);
      try {
        await page.setViewportSize({ width, height: 900 });
        await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.baseURL).origin });

        // Step 1: demo mode, one click on Home.
        await page.goto(`${s.baseURL}#/`);
        await page.getByRole('button', { name: 'Load the demo example' }).click();
        await page.getByTestId('demo-loaded').waitFor({ timeout: 20_000 });
        await fits('Home');

        // Step 2: every page shows the example: Personas, Runs with the pairs view, Agreement, Classroom, Annotate.
        await page.goto(`${s.baseURL}#/personas`);
        await page.getByRole('button', { name: bundle.personaSet.name }).first().click();
        await page.getByTestId('set-header').getByRole('heading', { name: bundle.personaSet.name }).waitFor({ timeout: 15_000 });
        await fits('Personas');
        await page.goto(`${s.baseURL}#/runs?run=${bundle.run.id}`);
        await page.getByRole('heading', { level: 2, name: bundle.run.name }).waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('run-status').textContent()).toBe('done');
        const pairsView = page.getByRole('region', { name: 'Pairs' });
        await expect.poll(() => pairsView.getByTestId('shown-count').textContent(), { timeout: 15_000 }).toBe(`${PAIRS} of ${PAIRS} pairs`);
        await fits('Runs');
        await page.goto(`${s.baseURL}#/agreement`);
        await page.getByRole('button', { name: bundle.labels.name, exact: true }).click();
        await page.getByTestId('agreement-matrix').first().waitFor({ timeout: 20_000 });
        await fits('Agreement');
        await page.goto(`${s.baseURL}#/annotate`);
        await page.getByText(`Kit: ${bundle.kit.title} (${bundle.kit.items.length} questions`).waitFor();
        await fits('Annotate');
        await page.goto(`${s.baseURL}#/classroom`);
        await page.getByTestId('import-report').waitFor({ timeout: 20_000 });
        await fits('Classroom');

        // Step 3: the kit maker's defaults fit the demo run (the paper's 20 × 10 lowered to 8 × 4); a larger kit is explained.
        const maker = page.getByRole('region', { name: '1. Make a kit' });
        await expect
          .poll(() => words(maker.getByTestId('kit-capacity')), { timeout: 15_000 })
          .toBe(`This run has ${PAIRS} finished and judged pairs over ${PERSONAS} personas (4 each at most).`);
        expect(await maker.getByLabel('Personas').inputValue()).toBe(String(PERSONAS));
        expect(await maker.getByLabel('Questions each').inputValue()).toBe('4');
        expect(await maker.getByTestId('kit-fit').count()).toBe(0);
        await maker.getByLabel('Personas').fill('20');
        expect(await words(maker.getByTestId('kit-fit'))).toBe(
          `This run has ${PERSONAS} personas with finished and judged pairs (4 each at most; ${PERSONAS} personas with 4); a kit of 20 personas × 4 questions ` +
            `needs 20 with 4 each: lower the counts (at most ${PERSONAS} personas × 4 questions) or finish the run and its judges.`,
        );
        expect(await maker.getByRole('button', { name: 'Make kit from run' }).isDisabled()).toBe(true);
        await maker.getByLabel('Personas').fill(String(PERSONAS));
        await maker.getByLabel('Title').fill('Whole class');
        const whole = await download(page, () => maker.getByRole('button', { name: 'Make kit from run' }).click());
        const wholeKit = JSON.parse(whole.text) as AnnotationKit & { importedAt?: number };
        expect([wholeKit.personas.length, wholeKit.items.length, wholeKit.importedAt]).toEqual([PERSONAS, PAIRS, undefined]);
        expect(wholeKit.items.every((it) => bundle.items.some((item) => item.id === it.pairId))).toBe(true);
        const collect = page.getByRole('region', { name: '2. Collect the answers' });
        await collect.getByText(`Whole class: ${PERSONAS} personas, ${PAIRS} questions.`).waitFor();

        // Step 4: hand it out as a file and as a link (copied to the clipboard).
        const handOut = collect.getByTestId('hand-out');
        const again = await download(page, () => handOut.getByRole('button', { name: 'Download kit file' }).click());
        expect(JSON.parse(again.text)).toEqual(wholeKit);
        await handOut.getByRole('button', { name: 'Copy link for students' }).click();
        const link = await handOut.getByTestId('kit-link').inputValue();
        expect(link.startsWith(`${s.baseURL.replace(/\/?$/, '/')}#/annotate?kit=`)).toBe(true);
        expect(link).toMatch(/\?kit=[A-Za-z0-9_-]+$/);
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);
        await fits('Classroom, hand-out');
        // A kit too large for a link (made from a pairs file of long, unrepetitive answers) is refused: hand out the file.
        const big = join(dir, 'big-pairs.csv');
        writeFileSync(big, bigPairsCsv());
        await maker.getByLabel('Title').fill('Too big for a link');
        await download(page, () => maker.getByTestId('pairs-file').setInputFiles(big));
        await collect.getByText('Too big for a link: 2 personas, 30 questions.').waitFor();
        await handOut.getByRole('button', { name: 'Copy link for students' }).click();
        expect(await words(handOut.getByTestId('kit-link-problem'))).toMatch(
          /^This kit is too large for a link \([\d,]+ characters; .*\): hand out the kit file instead\.$/,
        );
        expect(await handOut.getByTestId('kit-link').count()).toBe(0);
        const kitSelect = page.locator('select[name="collect-kit"]');
        await kitSelect.selectOption(wholeKit.id);
        await collect.getByText(`Whole class: ${PERSONAS} personas, ${PAIRS} questions.`).waitFor();

        // Step 5: the instructions: the plain classroom wording by default, edited by the teacher.
        await handOut.getByText('Instructions students read first').click();
        const text = handOut.locator('textarea[name="kit-instructions"]');
        expect(await text.inputValue()).not.toMatch(/bonus|disqualif/i);
        await text.fill(INSTRUCTIONS);
        await handOut.getByRole('button', { name: 'Save instructions' }).click();
        await expect.poll(() => handOut.getByRole('button', { name: 'Save instructions' }).isDisabled()).toBe(true);

        // Step 6: preview as a student: the instructions, a question answered, nothing stored; back to the Classroom.
        await handOut.getByRole('link', { name: 'Preview as a student' }).click();
        await page.getByRole('heading', { level: 1, name: 'Annotate' }).waitFor();
        await page.getByTestId('preview-banner').waitFor();
        await page.getByRole('heading', { name: 'Instructions', exact: true }).waitFor();
        expect(await page.locator('.pre').textContent()).toBe(INSTRUCTIONS);
        await page.getByRole('button', { name: 'I understand, start' }).click();
        await page.getByTestId('question').waitFor();
        await page.keyboard.press('2');
        await expect.poll(() => page.getByTestId('progress').textContent()).toMatch(/1 answered/);
        expect(await page.getByTestId('export').count()).toBe(0);
        await fits('Annotate, preview');
        await page.getByRole('link', { name: 'Back to the Classroom' }).click();
        await page.getByRole('heading', { level: 1, name: 'Classroom' }).waitFor();
        await expect.poll(() => kitSelect.inputValue()).toBe(wholeKit.id); // the chosen kit is remembered
        await page.goto(`${s.baseURL}#/annotate`);
        await page.getByRole('heading', { level: 2, name: 'Open the kit from your teacher' }).waitFor();
        expect(await page.getByRole('heading', { name: 'Continue' }).count()).toBe(0); // the preview left no session

        // Step 7: collect: the demo kit's eight files and Zoe's.
        await page.goto(`${s.baseURL}#/classroom`);
        await kitSelect.selectOption(bundle.kit.id);
        const report = page.getByTestId('import-report');
        await expect.poll(() => report.locator('p').first().textContent(), { timeout: 20_000 }).toMatch(/8 files taken,\s*0 refused/);
        const zoe = zoeFile(bundle.kit);
        writeFileSync(join(dir, zoe.name), zoe.text);
        await collect.getByTestId('answer-files').setInputFiles(join(dir, zoe.name));
        await expect.poll(() => report.locator('p').first().textContent()).toMatch(/9 files taken,\s*0 refused/);

        // Step 8: progress: who is in, who is missing, which questions lack a majority.
        const files = [...bundle.answerFiles, zoe];
        const imported = collectAnswers(bundle.kit, files);
        const expected = classroomProgress(bundle.kit, imported, personaMajorities(bundle.kit, imported.answers), ['Zoe', 'Yann']);
        const progress = page.getByTestId('progress-view');
        const students = progress.getByTestId('progress-students').locator('tbody tr');
        await expect.poll(() => students.count()).toBe(expected.students.length);
        expect(await words(students.filter({ hasText: 'Zoe' }).locator('td').nth(2))).toBe('4 of 4');
        await progress.getByText('Students you expect (optional)').click();
        await progress.locator('textarea[name="expected-students"]').fill('Zoe\nYann');
        await progress.getByRole('button', { name: 'Save the list' }).click();
        await expect.poll(() => words(progress.getByTestId('progress-missing'))).toBe('Missing: Yann');
        expect(expected.open.length).toBeGreaterThan(0);
        expect(await progress.getByTestId('progress-open').locator('tbody tr').count()).toBe(expected.open.length);
        await fits('Classroom, progress');

        // Step 9: majorities and kappa, reached from the progress view.
        await progress.getByRole('button', { name: 'majority table' }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('maj-h');
        expect(await page.getByTestId('majorities').locator('tbody tr').count()).toBe(bundle.kit.personas.length);
        await page.getByRole('heading', { name: 'Students by slot' }).waitFor({ timeout: 20_000 });
        await page.getByRole('heading', { name: 'Students and models' }).waitFor({ timeout: 20_000 });
        await fits('Classroom, agreement');

        // Step 10: a reload reopens the chosen kit with its files and list.
        await page.reload();
        await expect.poll(() => page.locator('select[name="collect-kit"]').inputValue(), { timeout: 15_000 }).toBe(bundle.kit.id);
        await expect.poll(() => words(page.getByTestId('progress-missing')), { timeout: 15_000 }).toBe('Missing: Yann');
        expect(errors).toEqual([]);
      } finally {
        await s.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 240_000);
  }
});
