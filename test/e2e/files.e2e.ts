// Files in and out of the page: a ratings CSV whose pair_id column is never counted as a rater, a
// column that only looks like ids chosen by the user, a damaged leave-one-out file named by file,
// line and field, and a share link for a large set that asks before it generates anything.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';

describe('files in the page', () => {
  let s: Session;
  let dir: string;
  beforeAll(async () => {
    s = await launch();
    dir = mkdtempSync(join(tmpdir(), 'files-e2e-'));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const a = 'abababbbab',
    b = 'abbbabbaab';

  it('reads a ratings CSV with a pair_id column as items, never as a rater, and says so', async () => {
    const { page } = s;
    const rows = ['\uFEFFpair_id,judge-a,judge-b', ...[...a].map((x, i) => `p${i},${x},${b[i]}`)];
    const file = join(dir, 'ratings.csv');
    writeFileSync(file, rows.join('\r\n') + '\r\n');
    await page.goto(`${s.baseURL}#/agreement`);
    await page.getByTestId('label-file').setInputFiles(file);
    await expect
      .poll(async () => (await page.getByTestId('import-notice').textContent()) ?? '')
      .toContain('“pair_id” read as ids, not as raters');
    await page.getByTestId('analysis').waitFor();
    await page.getByText('All pairs (1)').click();
    const cells = await page.getByTestId('pairs-table').locator('tbody td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['judge-a', 'judge-b', '10']);
  });

  it('asks which column names the items when one only looks like ids, and imports with the answer', async () => {
    const { page } = s;
    const rows = ['question,judge-a,judge-b', ...[...a].map((x, i) => `q${i},${x},${b[i]}`)];
    const file = join(dir, 'questions.csv');
    writeFileSync(file, rows.join('\n'));
    await page.getByTestId('label-file').setInputFiles(file);
    const choice = page.getByTestId('id-choice');
    await choice.waitFor();
    expect(await choice.getByRole('heading').textContent()).toBe('Which column names the items in questions.csv?');
    await choice.getByLabel('“question” names the items').check();
    await choice.getByRole('button', { name: 'Import' }).click();
    await expect.poll(async () => (await page.getByTestId('import-notice').textContent()) ?? '').toContain('“question” read as ids');
    await expect.poll(() => choice.count()).toBe(0);
    await page.getByText('All pairs (1)').click();
    expect((await page.getByTestId('pairs-table').locator('tbody td').allTextContents()).slice(0, 2)).toEqual(['judge-a', 'judge-b']);
  });

  it('refuses a damaged leave-one-out file, naming its file, line and field', async () => {
    const { page } = s;
    const file = join(dir, 'loo.jsonl');
    const ok = { attribute: 'age', pair: 1, persona_id: 'p', question_id: 'q1', judge: 'with', choice: 'with' };
    writeFileSync(file, [JSON.stringify(ok), '{"attribute": "age", "pair": ', 'null', JSON.stringify({ ...ok, judge: 'both' })].join('\n'));
    await page.goto(`${s.baseURL}#/loo`);
    await page.getByTestId('loo-file').setInputFiles(file);
    const list = page.getByRole('list', { name: 'Import problems' });
    await list.waitFor();
    expect(await list.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^loo\.jsonl, line 2: not valid JSON \(/),
      'loo.jsonl, line 3: the line is null, not a record (a JSON object)',
      expect.stringMatching(/^loo\.jsonl, line 4, field "judge": /),
    ]);
    expect(await page.getByRole('alert').first().textContent()).toBe('loo.jsonl was not imported (3 problems).');
  });

  it('asks before a share link generates and stores more than 5,000 personas', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/personas?seed=big&count=6000&model=0123456789abcdef&name=Big`);
    const ask = page.getByTestId('share-confirm');
    await ask.waitFor();
    expect(await ask.textContent()).toMatch(/asks for 6,000 personas \(“Big”\)/);
    await ask.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button').count()).toBe(0);
    expect(await page.getByTestId('share-outcome').count()).toBe(0);
    // Asked again and accepted: the set is generated and stored.
    await page.goto(`${s.baseURL}#/personas?seed=big&count=5001&model=0123456789abcdef&name=Big`);
    await page.reload();
    await ask.getByRole('button', { name: 'Generate and store 5,001 personas' }).click();
    await page.getByTestId('share-outcome').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('set-header').textContent()).toContain('5,001 personas (');
  });
});
