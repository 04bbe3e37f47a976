// Human annotation in real Chromium: a student opens a kit, reads the Appendix D instructions, answers
// with the keyboard only, reloads mid-way and finds their place and answers again, exports a file; a
// teacher imports several students' files (one refused, one duplicated, one conflicting) and sees the
// per-persona majorities and the human-human matrix.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT } from '../../src/core/annotation/answers-file';
import { instructionsText } from '../../src/core/annotation/instructions';
import { makeKit, presentation } from '../../src/core/annotation/kit';
import type { Page } from 'playwright-core';
import { launch, type Session } from './harness';

const kit = makeKit({
  title: 'E2E kit',
  createdAt: '2026-01-01T00:00:00.000Z',
  instructions: instructionsText(), // the teacher picked the paper's instructions
  personas: [
    { id: 'P1', description: 'age: 73\nsex: Female\nreligion: Catholic' },
    { id: 'P2', description: 'age: 24\nsex: Male\nreligion: None' },
  ],
  items: [1, 2, 3, 4, 5, 6].map((i) => ({
    pairId: `q${i}`,
    personaId: i <= 3 ? 'P1' : 'P2',
    question: `Question number ${i}: what should I do?`,
    responseA: `A general answer to question ${i}.`,
    responseB: `A personal answer to question ${i}, written for you.`,
  })),
});

describe('annotation and classroom', () => {
  let s: Session;
  let dir: string;
  let kitPath: string;
  let exported: string;
  beforeAll(async () => {
    s = await launch();
    dir = mkdtempSync(join(tmpdir(), 'annot-e2e-'));
    kitPath = join(dir, 'kit.json');
    writeFileSync(kitPath, JSON.stringify(kit));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a student answers with the keyboard, and progress survives a reload', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/annotate`);
    await page.getByTestId('kit-file').setInputFiles(kitPath);
    await page.getByLabel('Your name or code').fill('Ada');
    await page.getByLabel('The persona you role-play').selectOption('P1');
    await page.getByRole('button', { name: 'Start' }).click();

    await page.getByRole('heading', { name: 'Welcome to the Persona Annotation Task!' }).waitFor();
    expect(await page.getByText('ChatGPT (or other chatbots) are NOT allowed').count()).toBe(1);
    await page.keyboard.press('Enter'); // the start button has focus

    const order = presentation(kit, 'P1', 'Ada');
    await page.getByTestId('question').waitFor();
    expect(await page.getByTestId('question').textContent()).toBe(order[0]!.item.question);
    await page.keyboard.press('2');
    expect(await page.getByTestId('response-2').getAttribute('aria-checked')).toBe('true');
    // Choosing moves focus to the justification box: typing goes there ("1" included, it is text now).
    await page.keyboard.type('She would like 1 answer that speaks to her faith.');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Question 2 of 3').waitFor();
    expect(await page.getByTestId('question').textContent()).toBe(order[1]!.item.question);
    await page.keyboard.press('1');
    await page.keyboard.type('Short and general suits her here.');
    // The justification is saved after a pause in typing.
    await expect.poll(() => storedJustifications(page)).toContain('Short and general suits her here.');

    await page.reload();
    await page.getByText('Question 2 of 3 · 2 answered').waitFor();
    expect(await page.getByTestId('response-1').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByLabel('Why would this person prefer it?').inputValue()).toBe('Short and general suits her here.');
    await page.getByTestId('question').click(); // focus out of the text box
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByText('Question 1 of 3').waitFor();
    expect(await page.getByTestId('response-2').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByLabel('Why would this person prefer it?').inputValue()).toBe(
      'She would like 1 answer that speaks to her faith.',
    );

    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+ArrowRight');
    await page.getByText('Question 3 of 3').waitFor();
    await page.keyboard.press('2');
    await page.keyboard.type('Personal again.');
    await page.getByRole('status').getByText('All 3 questions answered').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toBe('annotations-Ada-P1.json');
    exported = join(dir, 'ada.json');
    await download.saveAs(exported);
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    expect(file).toMatchObject({ format: ANSWERS_FORMAT, kitId: kit.id, annotator: 'Ada', personaId: 'P1' });
    const byPair = Object.fromEntries(
      file.answers.map((a: { pairId: string; choice: string; shownFirst: string; justification: string }) => [a.pairId, a]),
    );
    const second = (p: (typeof order)[number]) => (p.shownFirst === 'a' ? 'b' : 'a');
    expect(byPair[order[0]!.item.pairId]).toMatchObject({
      choice: second(order[0]!),
      shownFirst: order[0]!.shownFirst,
      justification: 'She would like 1 answer that speaks to her faith.',
    });
    expect(byPair[order[1]!.item.pairId]).toMatchObject({
      choice: order[1]!.shownFirst,
      justification: 'Short and general suits her here.',
    });
    expect(byPair[order[2]!.item.pairId]).toMatchObject({ choice: second(order[2]!), justification: 'Personal again.' });
  });

  it('a teacher imports the files, sees refusals, duplicates and conflicts, resolves one, and gets majorities', async () => {
    const { page } = s;
    const file = (who: string, persona: string, choices: Record<string, 'a' | 'b'>, name = `${who}.json`) => {
      const p = join(dir, name);
      writeFileSync(
        p,
        JSON.stringify({
          format: ANSWERS_FORMAT,
          version: 1,
          kitId: kit.id,
          kitTitle: kit.title,
          annotator: who,
          personaId: persona,
          startedAt: 't',
          exportedAt: 't',
          answers: Object.entries(choices).map(([pairId, choice]) => ({
            pairId,
            choice,
            shownFirst: 'a',
            justification: `${who} thinks ${choice}`,
            answeredAt: 't',
          })),
        }),
      );
      return p;
    };
    const files = [
      exported,
      file('Bo', 'P1', { q1: 'b', q2: 'a', q3: 'b' }),
      file('Cy', 'P1', { q1: 'b', q2: 'b', q3: 'b' }),
      file('Di', 'P1', { q1: 'a', q2: 'a', q3: 'a' }),
      file('Cy', 'P1', { q1: 'b', q2: 'b', q3: 'b' }, 'Cy-copy.json'),
      file('Di', 'P1', { q1: 'b' }, 'Di-changed.json'),
      file('Ed', 'P2', { q4: 'b', q5: 'b', q6: 'a' }),
      file('Fa', 'P2', { q4: 'b', q5: 'a', q6: 'a' }),
    ];
    const junk = join(dir, 'notes.json');
    writeFileSync(junk, '{"hello": "world"}');

    await page.goto(`${s.baseURL}#/classroom`);
    await page.getByTestId('collect-kit-file').setInputFiles(kitPath);
    await page.getByText('E2E kit: 2 personas, 6 questions.').waitFor();
    await page.getByTestId('answer-files').setInputFiles([...files, junk]);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.locator('p').first().textContent()).toMatch(/7 files taken,\s*1 refused,\s*1 duplicate,\s*1 conflict/);
    expect(await page.getByTestId('rejected').textContent()).toMatch(/notes\.json, field "format": not an annotation file/);
    expect(await page.getByTestId('duplicates').textContent()).toMatch(/The whole file Cy-copy\.json repeats Cy\.json/);
    const conflicts = page.getByTestId('conflicts');
    expect(await conflicts.textContent()).toMatch(/Di answered q1 \(Woman, 73\) differently/);
    expect(await conflicts.textContent()).toMatch(/Undecided: left out for now/);

    // q1 without Di: Ada's choice, b (Bo), b (Cy).
    const majorities = page.getByTestId('majorities');
    await majorities.waitFor();
    await conflicts.getByLabel(/a in Di\.json/).check();
    await expect.poll(async () => (await conflicts.textContent()) ?? '').not.toMatch(/Undecided/);
    const p1 = majorities.locator('tr[data-persona-id="P1"]');
    expect(await p1.locator('td').first().textContent()).toBe('Woman, 73');
    expect(await p1.locator('td').nth(1).textContent()).toBe('4');
    const p2 = majorities.locator('tr[data-persona-id="P2"]');
    // P2: q4 b,b (2/2) · q5 b,a (a 1–1 tie) · q6 a,a (2/2).
    expect(await p2.locator('.items').textContent()).toMatch(/b \(2\/2\).*tie b\/a \(1 each of 2\).*a \(2\/2\)/);
    await page.getByRole('heading', { name: '4. Human–human agreement' }).waitFor();
    await page.getByRole('heading', { name: 'Students by slot' }).waitFor();

    // The teacher's work survives a reload: the last classroom reopens with its files and decisions.
    await page.reload();
    await page.getByTestId('import-report').waitFor();
    expect(
      await page
        .getByTestId('conflicts')
        .getByLabel(/a in Di\.json/)
        .isChecked(),
    ).toBe(true);
  });
});

/** The justifications stored in the page's IndexedDB (read through a connection of its own). */
function storedJustifications(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const req = indexedDB.open('persona-lab');
    const db = await new Promise<IDBDatabase>((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(new Error('IndexedDB did not open'));
    });
    try {
      const all = db.transaction('annotationAnswers').objectStore('annotationAnswers').getAll();
      return await new Promise<string[]>(
        (res) => (all.onsuccess = () => res((all.result as { justification: string }[]).map((a) => a.justification))),
      );
    } finally {
      db.close();
    }
  });
}
