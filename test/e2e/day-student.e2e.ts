// The student's whole day (#11), in Chromium without WebGPU and without a server, through the
// production build: a phone at 390 px (touch, mobile viewport) and a 1280 px laptop. The student
// opens the demo kit by the teacher's link (the kit inside the URL fragment), answers with the
// keyboard and by tapping, and downloads the answer file; the teacher, in another browser, imports
// it cleanly on the Classroom page. No page error; no page wider than the window.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AnswersFile } from '../../src/core/annotation/answers-file';
import { checkAnswersFile } from '../../src/core/annotation/classroom';
import { presentation } from '../../src/core/annotation/kit';
import { kitLink } from '../../src/core/annotation/kit-link';
import type { DemoBundle } from '../../src/core/demo/bundle';
import { deflateText } from '../../src/platform/deflate';
import { download } from './flow-helpers';
import { launch, type Session } from './harness';

const bundle = JSON.parse(readFileSync(new URL('../../public/demo/persona-lab-demo.json', import.meta.url), 'utf8')) as DemoBundle;
const kit = bundle.kit;

describe("the student's day", () => {
  for (const width of [390, 1280]) {
    it(`opens the kit by link, answers by keyboard and touch, hands in a file the teacher imports (${width} px)`, async () => {
      const phone = width === 390;
      const sessions: Session[] = [];
      const dir = mkdtempSync(join(tmpdir(), 'day-student-'));
      const errors: string[] = [];
      try {
        const student = await launch(phone ? { phone: { width, height: 844 } } : {});
        sessions.push(student);
        const page = student.page;
        page.on('pageerror', (e) => errors.push(`student: ${e.message}`));
        if (!phone) await page.setViewportSize({ width, height: 900 });
        const press = (l: Locator) => (phone ? l.tap() : l.click());
        const fits = async (where: string) =>
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), where).toBeLessThanOrEqual(0);

        // Step 1: the teacher's link (made as the Classroom page makes it) opens the kit on Annotate.
        const link = kitLink(student.baseURL, await deflateText(JSON.stringify(kit)));
        if (link instanceof Error) throw link;
        await page.goto(link);
        await page.getByTestId('kit-from-link').waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('kit-from-link').textContent()).toContain(kit.title);
        expect(new URL(page.url()).hash).toBe('#/annotate'); // a reload does not open the link again
        await page.getByText(`Kit: ${kit.title} (${kit.items.length} questions, ${kit.personas.length} personas)`).waitFor();
        await fits('the kit opened');

        // Step 2: name, persona, start; the classroom instructions (no pay, no bonus).
        const persona = kit.personas[1]!;
        await page.getByLabel('Your name or code').fill('Lin');
        await page.getByLabel('The persona you role-play').selectOption(persona.id);
        await press(page.getByRole('button', { name: 'Start' }));
        await page.getByRole('heading', { name: 'Instructions', exact: true }).waitFor();
        expect(await page.locator('.pre').textContent()).toBe(kit.instructions);
        expect(kit.instructions).not.toMatch(/bonus|disqualif/i);
        await fits('instructions');
        await press(page.getByRole('button', { name: 'I understand, start' }));

        // Step 3: four questions: two by keyboard (1/2, typing, Ctrl+Enter), two by tapping.
        const order = presentation(kit, persona.id, 'Lin');
        expect(order).toHaveLength(4);
        const question = page.getByTestId('question');
        const at = async (i: number) => {
          await expect.poll(() => question.textContent()).toBe(order[i]!.item.question);
          expect(await page.getByTestId('progress').textContent()).toMatch(`Question ${i + 1} of 4`);
        };
        const chosen = () => page.locator('[role="radio"][aria-checked="true"]').getAttribute('data-testid');
        await at(0);
        await page.keyboard.press('1');
        await expect.poll(chosen).toBe('response-1');
        await page.keyboard.type('Short and to the point.'); // the choice moved the focus to the text box
        await page.keyboard.press('Control+Enter');
        await at(1);
        await page.keyboard.press('2');
        await expect.poll(chosen).toBe('response-2');
        await page.keyboard.press('Control+Enter');
        await at(2);
        await fits('a question');
        await press(page.getByTestId('response-2'));
        await expect.poll(chosen).toBe('response-2');
        await page.getByLabel('Why would this person prefer it?').fill('It speaks to them.');
        await press(page.getByRole('button', { name: 'Next →' }));
        await at(3);
        await press(page.getByTestId('response-1'));
        await page.getByRole('status').getByText('All 4 questions answered').waitFor();

        // Step 4: the answer file.
        const file = await download(page, () => press(page.getByTestId('export')));
        const answers = JSON.parse(file.text) as AnswersFile;
        expect([answers.annotator, answers.personaId, answers.kitId, answers.answers.length]).toEqual(['Lin', persona.id, kit.id, 4]);
        const slots = [1, 2, 2, 1];
        for (const [i, p] of order.entries()) {
          const a = answers.answers.find((x) => x.pairId === p.item.pairId)!;
          expect(a.choice).toBe(slots[i] === 1 ? p.shownFirst : p.shownFirst === 'a' ? 'b' : 'a');
        }
        expect(answers.answers.find((x) => x.pairId === order[0]!.item.pairId)!.justification).toBe('Short and to the point.');
        expect('problems' in checkAnswersFile(kit, { name: file.name, text: file.text })).toBe(false);
        const path = join(dir, file.name);
        writeFileSync(path, file.text);

        // Step 5: the teacher, in another browser with the demo, imports it cleanly.
        const teacher = await launch();
        sessions.push(teacher);
        const tp = teacher.page;
        tp.on('pageerror', (e) => errors.push(`teacher: ${e.message}`));
        await tp.setViewportSize({ width: 1280, height: 900 });
        await tp.goto(`${teacher.baseURL}#/`);
        await tp.getByRole('button', { name: 'Load the demo example' }).click();
        await tp.getByTestId('demo-loaded').waitFor({ timeout: 20_000 });
        await tp.goto(`${teacher.baseURL}#/classroom`);
        const report = tp.getByTestId('import-report');
        await expect.poll(() => report.locator('p').first().textContent(), { timeout: 20_000 }).toMatch(/8 files taken,\s*0 refused/);
        await tp.getByTestId('answer-files').setInputFiles(path);
        await expect
          .poll(() => report.locator('p').first().textContent())
          .toMatch(/9 files taken,\s*0 refused,\s*0 duplicates,\s*0 conflicts/);
        const row = tp.getByTestId('progress-students').locator('tbody tr').filter({ hasText: 'Lin' });
        expect((await row.locator('td').nth(2).textContent())?.trim()).toBe('4 of 4');
        expect(errors).toEqual([]);
      } finally {
        for (const s of sessions) await s.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  }
});
