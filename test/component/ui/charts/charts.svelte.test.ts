import { Chart } from 'chart.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { AttributeComparison } from '../../../../src/core/personas/compare';
import FigureExport from '../../../../src/ui/charts/FigureExport.svelte';
import type { BarsFigure } from '../../../../src/ui/charts/figure';
import CensusComparison from '../../../../src/ui/personas/CensusComparison.svelte';
import { render } from '../../mount';

const ROW: AttributeComparison = {
  key: 'marital status',
  categories: ['Married', 'Never married', 'Widowed, or =SUM(A1)'],
  set: [0.25, 0.5, 0.25],
  census: [0.2, 0.45, 0.35],
  tvd: 0.1,
  expectedTvd: 0.05,
};

describe('a Chart.js chart (the census comparison)', () => {
  it("draws a canvas whose chart holds the data's labels and values", async () => {
    const { target } = render(CensusComparison, { rows: [ROW], censusLabel: 'Test census' });
    const canvas = target.querySelector<HTMLCanvasElement>('figure[data-attribute="marital status"] canvas')!;
    expect(canvas.getAttribute('aria-label')).toBe('marital status: persona set against census');
    const chart = Chart.getChart(canvas)!;
    expect(chart).toBeDefined();
    expect(chart.data.labels).toEqual(ROW.categories);
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['Persona set', 'Census model']);
    expect(chart.data.datasets[0]!.data).toEqual([25, 50, 25]);
    expect(chart.data.datasets[1]!.data.map((v) => Math.round(Number(v)))).toEqual([20, 45, 35]);
    // The x axis ticks carry the labels, and something was painted.
    expect(chart.scales.x!.getLabels()).toEqual(ROW.categories);
    expect(canvas.width).toBeGreaterThan(100);
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    expect(pixels.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
    // The caption and the table say the same.
    expect(target.querySelector('[data-testid="mean-tvd"]')?.textContent).toBe('0.100');
    expect([...target.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual([
      'Married25.0%20.0%',
      'Never married50.0%45.0%',
      'Widowed, or =SUM(A1)25.0%35.0%',
    ]);
  });
});

const FIGURE: BarsFigure = {
  kind: 'bars',
  title: 'Accuracy by method',
  categories: ['Persona only', 'Persona & summary', '=HYPERLINK("x")'],
  xTitle: 'method',
  yTitle: 'accuracy',
  series: [{ label: 'accuracy', values: [0.5, 0.75, null], colour: '#4654c8' }],
};

/** The files the app offered for download in this test: name and contents. */
let saved: { name: string; blob: Promise<Blob> }[] = [];
beforeEach(() => {
  saved = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: fetch(this.href).then((r) => r.blob()) });
  });
});
afterEach(() => vi.restoreAllMocks());

/** Opens the export menu and chooses an entry; resolves to the file saved. */
async function exportAs(target: HTMLElement, entry: string) {
  await userEvent.click(target.querySelector<HTMLElement>('[aria-label="Export Accuracy by method"]')!);
  const button = [...target.querySelectorAll<HTMLButtonElement>('.choices button')].find((b) => b.textContent === entry)!;
  await userEvent.click(button);
  await expect.poll(() => saved.length).toBe(1);
  const file = saved[0]!;
  return { name: file.name, blob: await file.blob };
}

describe('FigureExport', () => {
  it('exports the data as CSV, one row per category, formulas made inert', async () => {
    const { target } = render(FigureExport, { figure: FIGURE });
    const { name, blob } = await exportAs(target, 'CSV data');
    expect(name).toBe('accuracy-by-method.csv');
    expect(blob.type).toMatch(/^text\/csv/);
    const lines = (await blob.text()).trim().split(/\r?\n/);
    expect(lines).toEqual(['method,accuracy', 'Persona only,0.5', 'Persona & summary,0.75', `"'=HYPERLINK(""x"")",`]);
  });

  it('exports an SVG document naming the title, the categories and the axes', async () => {
    const { target } = render(FigureExport, { figure: FIGURE, name: 'fig-1' });
    const { name, blob } = await exportAs(target, 'SVG image');
    expect(name).toBe('fig-1.svg');
    const doc = new DOMParser().parseFromString(await blob.text(), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/2000/svg');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    for (const label of ['Accuracy by method', 'Persona only', 'Persona & summary', 'method', 'accuracy']) expect(texts).toContain(label);
    expect(doc.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
  });

  it('exports a PNG image of the figure', async () => {
    const { target } = render(FigureExport, { figure: FIGURE });
    const { name, blob } = await exportAs(target, 'PNG image');
    expect(name).toBe('accuracy-by-method.png');
    expect(blob.type).toBe('image/png');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = await createImageBitmap(blob);
    expect(image.width).toBeGreaterThan(200);
    expect(image.height).toBeGreaterThan(100);
  });

  it('closes its menu with Escape and gives the focus back to its button', async () => {
    const { target } = render(FigureExport, { figure: FIGURE });
    const button = target.querySelector<HTMLButtonElement>('[aria-label="Export Accuracy by method"]')!;
    await userEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    target.querySelector<HTMLButtonElement>('.choices button')!.focus();
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
    expect(saved).toEqual([]);
  });
});
