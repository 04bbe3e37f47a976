import { describe, expect, it } from 'vitest';
import { readRecords } from '../../../../src/core/records/read';
import { figureCsv, figureFileStem, type Figure } from '../../../../src/ui/charts/figure';
import { cellColour, esc, figureSvg, matrixCell } from '../../../../src/ui/charts/figure-svg';

const long = (i: number) => `judge ${i}: openai-http:stub-model · ${i % 2 ? 'y_w' : 'y_l'} first`;
const matrix = (n: number): Figure => ({
  kind: 'matrix',
  title: "Cohen's kappa between judges",
  statistic: "Cohen's kappa",
  raters: Array.from({ length: n }, (_, i) => ({ id: long(i + 1), name: i === 0 ? 'GPT judge' : long(i + 1), short: `J${i + 1}` })),
  values: Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : k === 1 ? null : ((k % 7) - 3) / 4)),
  min: -1,
});

describe('figure CSV', () => {
  it('writes a matrix with the raw ids, the display names and empty cells where undefined', async () => {
    const f = matrix(3);
    const { rows, columns } = await readRecords('m.csv', figureCsv(f));
    expect(columns).toEqual(['rater', 'name', long(1), long(2), long(3)]);
    expect(rows.map((r) => r.value['rater'])).toEqual([long(1), long(2), long(3)]);
    expect(rows[0]!.value['name']).toBe('GPT judge');
    expect(rows[0]!.value[long(1)]).toBe('1');
    expect(rows[0]!.value[long(2)]).toBe('');
    expect(rows[0]!.value[long(3)]).toBe(String(((2 % 7) - 3) / 4));
  });

  it('writes bars with one column per series and its interval, boxes one value a row, lines by x', async () => {
    const bars = figureCsv({
      kind: 'bars',
      title: 'Accuracy',
      categories: ['zero-shot', '=cot'],
      xTitle: 'method',
      yTitle: '%',
      series: [{ label: 'accuracy', values: [0.5, null], colour: '#000', intervals: [[0.4, 0.6], null] }],
    });
    expect(bars.split('\r\n')).toEqual(['method,accuracy,accuracy low,accuracy high', 'zero-shot,0.5,0.4,0.6', '"\'=cot",,,', '']);
    const boxes = figureCsv({
      kind: 'boxes',
      title: 'b',
      xTitle: 'attribute',
      yTitle: 'kappa',
      colour: '#000',
      yMin: -1,
      yMax: 1,
      boxes: [{ label: 'age', values: [-0.25, 0.5], five: [-0.25, 0, 0.1, 0.3, 0.5] }],
    });
    expect(boxes).toBe('attribute,kappa\r\nage,-0.25\r\nage,0.5\r\n');
    const lines = figureCsv({
      kind: 'lines',
      title: 'pass@k',
      x: [1, 2],
      xTitle: 'k',
      yTitle: 'pass',
      series: [{ label: 'a', values: [0.1, null], colour: '#000' }],
    });
    expect(lines).toBe('k,a\r\n1,0.1\r\n2,\r\n');
  });

  it('names files after the title', () => {
    expect(figureFileStem("Cohen's kappa between the raters of Run: Été")).toBe('cohens-kappa-between-the-raters-of-run-ete');
    expect(figureFileStem('***')).toBe('figure');
  });
});

describe('figure SVG', () => {
  it('draws every cell of a 12-rater matrix with long names, short labels on the axes and a legend naming them', () => {
    const f = matrix(12);
    const svg = figureSvg(f);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const cells = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="(\d+)" height="(\d+)" fill="([^"]+)"/g)].filter(
      ([, , , fill]) => !fill!.startsWith('url('),
    );
    expect(cells).toHaveLength(144);
    expect(cells.every(([, w, h]) => Number(w) === matrixCell(12) && Number(h) === matrixCell(12))).toBe(true);
    expect(cells.filter(([, , , fill]) => fill === '#000')).toHaveLength(66);
    for (let i = 1; i <= 12; i++)
      expect(svg).toMatch(new RegExp(`>J${i}</text><text [^>]+>${esc(i === 1 ? 'GPT judge' : long(i))}</text>`));
    expect(svg).toContain('>—</text>');
    expect(new DOMParserLike(svg).wellFormed).toBe(true);
  });

  it('keeps cells readable up to 30 raters and never below 24 px', () => {
    expect(matrixCell(2)).toBe(56);
    expect(matrixCell(12)).toBe(40);
    expect(matrixCell(30)).toBe(30);
    expect(matrixCell(60)).toBe(24);
    expect([...figureSvg(matrix(30)).matchAll(/<title>/g)].length).toBe(1 + (30 * 31) / 2);
  });

  it('escapes names from files', () => {
    const f = {
      ...matrix(2),
      raters: [
        { id: '<script>', name: '<b onclick="x">&', short: 'J1' },
        { id: 'b', name: 'b', short: 'J2' },
      ],
    } as Figure;
    const svg = figureSvg(f);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b onclick');
    expect(svg).toContain('&lt;b onclick=&quot;x&quot;&gt;&amp;');
  });

  it('draws bars (grouped, with whiskers), lines and boxes with their titles and categories', () => {
    const bars = figureSvg({
      kind: 'bars',
      title: 'Sex: set and census',
      categories: ['Female', 'Male'],
      xTitle: 'sex',
      yTitle: '% of people',
      series: [
        { label: 'Persona set', values: [51, 49], colour: '#4654c8', intervals: [[48, 54], null] },
        { label: 'Census model', values: [50.5, 49.5], colour: '#9aa3b5' },
      ],
    });
    expect([...bars.matchAll(/<rect [^>]*fill="#4654c8"><title>/g)]).toHaveLength(2);
    expect(bars).toContain('>Persona set</text>');
    expect(bars).toContain('<path d="M');
    const lines = figureSvg({
      kind: 'lines',
      title: 'pass@k',
      x: [1, 2, 3],
      xTitle: 'k',
      yTitle: 'pass',
      series: [{ label: 'a', values: [0.1, 0.2, 0.3], colour: '#f00' }],
    });
    expect(lines).toMatch(/<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
    const boxes = figureSvg({
      kind: 'boxes',
      title: 'Kappa per attribute',
      xTitle: 'attribute',
      yTitle: 'kappa',
      colour: '#4654c8',
      yMin: -1,
      yMax: 1,
      boxes: [
        { label: 'age', values: [0, 1], five: [0, 0.25, 0.5, 0.75, 1] },
        { label: 'religion', values: [], five: null },
      ],
    });
    expect(boxes).toContain('age: min 0, q1 0.25, median 0.5, q3 0.75, max 1 (2)');
    expect(boxes).toContain('>religion</text>');
  });

  it('colours values from red through white to blue', () => {
    expect(cellColour(0, -1)).toBe('rgb(255, 255, 255)');
    expect(cellColour(1, -1)).toBe('rgb(50, 95, 200)');
    expect(cellColour(-1, -1)).toBe('rgb(255, 115, 115)');
    expect(cellColour(null, -1)).toMatch(/^rgba/);
  });
});

/** A tiny well-formedness check: every element opened is closed in order (no DOM in Node). */
class DOMParserLike {
  readonly wellFormed: boolean;
  constructor(xml: string) {
    const stack: string[] = [];
    let ok = true;
    for (const m of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      const [, close, name, self] = m;
      if (self) continue;
      if (close) ok &&= stack.pop() === name;
      else stack.push(name!);
    }
    this.wellFormed = ok && stack.length === 0;
  }
}
