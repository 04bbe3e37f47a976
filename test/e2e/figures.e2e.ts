// Figures that read and export: a kappa matrix of 12 judges with long names keeps every cell on
// screen with a legend, at 1280 and 390 px; a rater renamed keeps the name across reloads while the
// exports keep the id; every chart's export menu downloads a PNG, an SVG and a CSV of its data.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/core/records/read';
import { download } from './flow-helpers';
import { launch, type Session } from './harness';

const N = 12;
const judge = (r: number) => `judge ${r}: openai-http:stub-model · ${r % 2 ? 'y_w' : 'y_l'} first`;

/** 60 pairs of 6 personas labelled by 12 judges with long names: each judge follows a pair's hidden answer, flipping some. */
function labelsCsv(): string {
  let csv = 'pair_id,persona_id,rater,rater_kind,choice\n';
  for (let p = 0; p < 60; p++) {
    const hidden = (p * 37) % 7 < 3;
    for (let r = 1; r <= N; r++) {
      const flip = (p * 13 + r * 29) % 11 < (r % 4) + 1;
      csv += `p${p},P${p % 6},${judge(r)},model,${hidden !== flip ? 'a' : 'b'}\n`;
    }
  }
  return csv;
}

/** Opens the export menu of a figure and downloads one format. */
async function exportAs(page: Page, figure: string | RegExp, format: 'PNG image' | 'SVG image' | 'CSV data') {
  await page.getByRole('button', { name: figure }).first().click();
  return download(page, () => page.getByRole('button', { name: format }).click());
}

describe('figures', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  const matrix = () => s.page.getByTestId('agreement-matrix');
  const canvas = () => matrix().locator('canvas');
  const overflow = () => s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('draws every cell of a 12-judge matrix with long names and names the short labels in a legend, at 1280 and 390 px', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${s.baseURL}#/agreement`);
    await page.getByTestId('label-file').setInputFiles({ name: 'judges.csv', mimeType: 'text/csv', buffer: Buffer.from(labelsCsv()) });
    await page.getByTestId('analysis').waitFor({ timeout: 30_000 });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await expect.poll(() => canvas().getAttribute('data-cells'), { timeout: 15_000 }).toBe(String(N * N));
      expect(Number(await canvas().getAttribute('data-cell-size')), `cells at ${width} px`).toBeGreaterThanOrEqual(24);
      const legend = matrix().getByTestId('matrix-legend');
      expect(await legend.locator('dt').allTextContents()).toEqual(Array.from({ length: N }, (_, i) => `J${i + 1}`));
      expect(await legend.locator('dd').allTextContents()).toEqual(Array.from({ length: N }, (_, i) => judge(i + 1)));
      await expect.poll(overflow, { message: `the page at ${width} px` }).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.test-results/screens/agreement-matrix-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('renames a rater: the figures show the name after a reload, the CSV keeps the id beside it', async () => {
    const { page } = s;
    await matrix().getByText('Rename raters').click();
    await matrix().getByLabel(judge(1), { exact: true }).fill('GPT judge');
    await matrix().getByLabel(judge(1), { exact: true }).press('Enter');
    const first = matrix().getByTestId('matrix-legend').locator('dd').first();
    await expect.poll(() => first.textContent()).toBe(`GPT judge (${judge(1)})`);
    expect(await page.getByTestId('bias-table').locator('tbody tr').first().locator('td').first().textContent()).toBe('GPT judge');

    await page.reload();
    await page.getByRole('button', { name: 'judges.csv', exact: true }).click();
    await page.getByTestId('analysis').waitFor({ timeout: 30_000 });
    await expect.poll(() => first.textContent()).toBe(`GPT judge (${judge(1)})`);

    const csv = await exportAs(page, /^Export Cohen's kappa/, 'CSV data');
    expect(csv.name).toMatch(/^cohens-kappa-between-the-raters-of-judges-csv\.csv$/);
    const { columns, rows } = await readRecords(csv.name, csv.text);
    expect(columns).toEqual(['rater', 'name', ...Array.from({ length: N }, (_, i) => judge(i + 1))]);
    expect(rows.map((r) => r.value['rater'])).toEqual(Array.from({ length: N }, (_, i) => judge(i + 1)));
    expect(rows[0]!.value['name']).toBe('GPT judge');
    expect(Number(rows[0]!.value[judge(1)])).toBe(1);
    expect(Number(rows[0]!.value[judge(2)])).toBeGreaterThanOrEqual(-1);
  });

  it('exports the matrix and a histogram as PNG, SVG and CSV', async () => {
    const { page } = s;
    const svg = await exportAs(page, /^Export Cohen's kappa/, 'SVG image');
    expect(svg.name.endsWith('.svg')).toBe(true);
    expect(svg.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.text).toContain('>GPT judge</text>');
    expect(svg.text).toContain(`>${judge(12)}</text>`);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, cells: doc.querySelectorAll('rect title').length };
    }, svg.text);
    expect(parsed).toEqual({ error: false, cells: (N * (N + 1)) / 2 });

    const png = await exportAs(page, /^Export Cohen's kappa/, 'PNG image');
    const bytes = readFileSync(png.path);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    const [sw, sh] = [Number(/width="(\d+)"/.exec(svg.text)![1]), Number(/height="(\d+)"/.exec(svg.text)![1])];
    expect([w, h]).toEqual([sw * 2, sh * 2]);

    const histogram = /^Export Kappa per persona, /;
    const hist = await exportAs(page, histogram, 'CSV data');
    const { columns, rows } = await readRecords(hist.name, hist.text);
    expect(columns).toEqual(["Cohen's kappa (bin start)", 'personas']);
    expect(rows.map((r) => r.value["Cohen's kappa (bin start)"])).toEqual(Array.from({ length: 20 }, (_, i) => (-1 + i / 10).toFixed(1)));
    const counted = rows.reduce((n, r) => n + Number(r.value['personas']), 0);
    const caption = (await page.locator('figcaption').filter({ hasText: 'median' }).first().textContent()) ?? '';
    expect(counted).toBe(Number(/over (\d+) personas/.exec(caption)![1]));
    expect(counted).toBeGreaterThan(0);
    const histSvg = await exportAs(page, histogram, 'SVG image');
    expect(histSvg.text).toContain('Cohen&#39;s kappa (bin start)'); // XML-escaped
    const histPng = await exportAs(page, histogram, 'PNG image');
    expect(readFileSync(histPng.path).subarray(1, 4).toString()).toBe('PNG');
  });
});
