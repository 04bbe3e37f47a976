// The statistics pages in real Chromium, computing in the compute worker: a label file with a
// conflict is reviewed before it is kept, the matrix and bias tables show the right numbers, a
// simulation draws its histograms, and leave-one-out judgements import and export as CSV.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohenKappa } from '../../src/core/stats/cohen';
import { launch, type Session } from './harness';

describe('agreement and leave-one-out pages', () => {
  let s: Session;
  let dir: string;
  beforeAll(async () => {
    s = await launch();
    dir = mkdtempSync(join(tmpdir(), 'agree-e2e-'));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reviews a label file with a conflict, keeps it, and shows kappa, percent agreement and AC1', async () => {
    const { page } = s;
    const m1 = 'abababbbab',
      m2 = 'abbbabbaab';
    const rows = ['pair_id,rater,choice,persona_id,rater_kind,shown_first,length_a,length_b'];
    for (let i = 0; i < 10; i++) {
      rows.push(`p${i},judge-a,${m1[i]},P${i % 2},model,a,10,90`, `p${i},judge-b,${m2[i]},P${i % 2},model,b,10,90`);
    }
    rows.push('p0,judge-b,b,P0,model,b,10,90'); // judge-b said "a" on p0 above: a conflict
    const file = join(dir, 'labels.csv');
    writeFileSync(file, rows.join('\n'));

    await page.goto(`${s.baseURL}#/agreement`);
    await page.getByTestId('label-file').setInputFiles(file);
    const review = page.getByTestId('import-review');
    await review.waitFor();
    expect(await review.textContent()).toMatch(/1 conflict: the same rater gave different choices/);
    expect(await review.locator('tbody tr').first().textContent()).toBe('p0judge-ba / b3, 22');
    await page.getByRole('button', { name: 'Keep, leaving conflicts out' }).click();

    await page.getByTestId('analysis').waitFor();
    await page.getByText('All pairs (1)').click();
    const cells = await page.getByTestId('pairs-table').locator('tbody td').allTextContents();
    const code = (x: string) => [...x].map((c) => (c === 'a' ? 0 : 1));
    const b: number[] = code(m2);
    b[0] = -1; // the conflicting label is left out
    const k = cohenKappa(code(m1), b, 2);
    expect(cells.slice(0, 3)).toEqual(['judge-a', 'judge-b', '9']);
    expect(cells[3]).toBe(k.value!.toFixed(3));
    // judge-b was always shown "b" first: it picks the first shown whenever it picks "b".
    const bias = await page.getByTestId('bias-table').locator('tbody tr').nth(1).textContent();
    // m2 without p0 is "bbbabbaab": 6 of 9 picks are "b", the response it was shown first.
    expect(bias).toMatch(/^judge-b66\.7% of 9/);

    // One statistic, as the CLI computes it: Cohen's kappa of the two judges, then a seeded bootstrap of alpha.
    await page.locator('select[name=stat-metric]').selectOption('cohen');
    await page.getByRole('button', { name: 'Compute' }).click();
    await expect
      .poll(async () => ((await page.getByTestId('statistic').textContent()) ?? '').replace(/\s+/g, ' '))
      .toContain(`cohen ${k.value!.toFixed(3)}`);
    expect((await page.getByTestId('statistic').textContent())?.replace(/\s+/g, ' ')).toMatch(/items used \/ left out 9 \/ 1/);
    await page.locator('select[name=stat-metric]').selectOption('krippendorff');
    await page.getByLabel('bootstrap').check();
    await page.getByRole('button', { name: 'Compute' }).click();
    await expect.poll(async () => (await page.getByTestId('statistic').textContent()) ?? '').toMatch(/\(bootstrap, 1000 resamples/);
  });

  it('simulates judges in the worker and draws a histogram per judge', async () => {
    const { page } = s;
    await page.getByText('Try with simulated judges').click();
    await page.fill('input[name=raters]', '4');
    await page.fill('input[name=personas]', '40');
    await page.fill('input[name=pairs]', '50');
    await page.getByRole('button', { name: 'Simulate and analyse' }).click();
    await page.getByRole('heading', { name: 'Simulated: 4 judges × 2,000 pairs' }).waitFor();
    await page.getByText('judge 4: median').waitFor();
    expect(await page.locator('figure canvas').count()).toBe(3);
    expect(await page.getByTestId('fleiss').textContent()).toMatch(/^0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]$/);
  });

  it('imports leave-one-out judgements and exports the kappas as CSV', async () => {
    const { page } = s;
    const lines = ['attribute,pair,persona_id,question_id,judge,choice'];
    const pick = ['with', 'without'];
    for (const attr of ['age', 'religion']) {
      for (let pair = 1; pair <= 3; pair++) {
        for (let q = 1; q <= 4; q++) {
          const w = pick[(q + pair) % 2]!,
            v = attr === 'age' ? w : pick[(q * pair) % 2]!;
          lines.push(`${attr},${pair},persona-${pair},q${q},without,${w}`, `${attr},${pair},persona-${pair},q${q},with,${v}`);
        }
      }
    }
    const file = join(dir, 'loo.csv');
    writeFileSync(file, lines.join('\n'));
    await page.goto(`${s.baseURL}#/loo`);
    await page.getByTestId('loo-file').setInputFiles(file);
    const table = page.getByTestId('loo-table');
    await table.waitFor();
    // age: both judges always agree → kappa 1 for every pair.
    expect(await table.locator('tr', { hasText: 'age' }).locator('td').allTextContents()).toEqual([
      'age',
      '3',
      '0',
      '1.00',
      '1.00',
      '1.00',
      '1.00',
      '1.00',
      '1.00',
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('loo-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('attribute,pair,persona_id,kappa,questions,agreement');
    expect(csv).toContain('age,1,persona-1,1,4,1');
    expect(csv).toHaveLength(7);
  });
});
