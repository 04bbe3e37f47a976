import { describe, expect, it } from 'vitest';
import { countTable } from '../../../../src/core/stats/count-table';
import { encodeColumns } from '../../../../src/core/stats/encode';
import { multiRater, multiRaterValue } from '../../../../src/core/stats/multi-rater';
import { weightMatrix } from '../../../../src/core/stats/weights';
import type { CountTable } from '../../../../src/core/stats/count-table';

const N = null;
/** Count table of rater-major columns. */
const tableOf = (columns: (string | number | null)[][], categories?: string[]) => countTable(encodeColumns(columns, categories).matrix);
/** A count table straight from per-item category counts (Fleiss' own layout). */
function fromCounts(rows: number[][]): CountTable {
  const q = rows[0]!.length;
  return {
    q,
    rows: rows.length,
    counts: Int32Array.from(rows.flat()),
    perRow: Int32Array.from(rows.map((r) => r.reduce((a, b) => a + b, 0))),
    mult: null,
  };
}

// Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., p. 120: 4 raters, 12 units, 5 categories,
// missing ratings (the same data as Krippendorff 2011's example C). irrCAC's `cac.raw4raters` /
// Python irrCAC `raw_4raters`; expected values from irrCAC's own tests (test/unit/irrCAC/raw/test_*.py).
const raw4raters = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, N],
  [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
];
// Gwet (2014), p. 125 (irrCAC `raw_5observers`): 5 observers, 15 units, scale 0–3.
const raw5observers = [
  [1, 1, 2, N, 0, 0, 1, 1, 2, 2, N, 0, 1, 3, 1],
  [1, 1, 3, 0, 0, 0, 0, N, 2, 1, 1, 0, 2, 3, 1],
  [2, 0, 3, 0, 0, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1],
  [N, 1, 3, N, N, N, N, 0, N, 1, 0, 0, 2, 2, N],
  [2, N, N, 0, 0, 0, 1, N, 2, N, N, N, N, 3, 1],
];
// irrCAC `raw_gender`: 4 raters, 15 subjects, categories a, b, c.
const rawGender = [
  'a a a a a b b b c a a a a a b'.split(' '),
  'a a a a b a b c c a a a a b a'.split(' '),
  'a b b c a a b b c a b b c a a'.split(' '),
  'c c c c a a b b c c c c c a a'.split(' '),
];
// irrCAC `raw_ben_gerry`: 2 raters, 12 units, one missing rating.
const benGerry = [
  ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
  ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', N, 'd', 'd'],
];

describe("Fleiss' kappa", () => {
  it('Fleiss (1971), Table 1 (30 patients, 6 psychiatrists, 5 diagnoses): 0.430 (R irr kappam.fleiss 0.4302445)', () => {
    // The raw diagnoses as R irr ships them (statsmodels test_inter_rater.py `diagnoses`), one row per patient.
    const diagnoses = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    const columns = [0, 1, 2, 3, 4, 5].map((r) => diagnoses.map((row) => row[r]!));
    const t = tableOf(columns);
    // statsmodels test_aggregate_raters: category totals 26, 26, 30, 55, 43 over 180 ratings.
    const totals = [0, 1, 2, 3, 4].map((k) => Array.from({ length: 30 }, (_, i) => t.counts[i * 5 + k]!).reduce((a, b) => a + b));
    expect(totals).toEqual([26, 26, 30, 55, 43]);
    const r = multiRater('fleiss', t);
    expect(r.value).toBeCloseTo(0.4302445, 7);
    // p_e = Σ p_j² = (26² + 26² + 30² + 55² + 43²)/180² = (676 + 676 + 900 + 3025 + 1849)/32400 = 7126/32400 = 0.21994
    expect(r.expected).toBeCloseTo(7126 / 32400, 12);
  });

  it('the Wikipedia worked example (10 subjects, 14 raters, 5 categories): P̄ = 0.378, P̄e = 0.213, κ = 0.210', () => {
    // statsmodels test_fleiss_kappa (`table1`), copied from Wikipedia's "Fleiss' kappa" article.
    const t = fromCounts([
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ]);
    const r = multiRater('fleiss', t);
    // Item 2: (2·1 + 6·5 + 4·3 + 2·1)/(14·13) = 46/182 = 0.253, as the table's last column says.
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.value).toBeCloseTo(0.21, 3);
  });

  it.each([
    ['raw4raters', raw4raters, 0.818, 0.239, 0.761, 0.153, 0.424, 1],
    ['raw5observers', raw5observers, 0.616, 0.291, 0.458, 0.12, 0.199, 0.716],
    ['gender', rawGender, 0.456, 0.375, 0.129, 0.141, -0.172, 0.43],
    ['ben & gerry', benGerry, 0.727, 0.222, 0.649, 0.191, 0.228, 1],
  ] as const)('irrCAC fleiss.kappa.raw, %s (missing ratings, Gwet 2014)', (_name, data, pa, pe, k, se, lo, hi) => {
    const r = multiRater('fleiss', tableOf(data as unknown as (string | number | null)[][]));
    expect(r.observed).toBeCloseTo(pa, 3);
    expect(r.expected).toBeCloseTo(pe, 3);
    expect(r.value).toBeCloseTo(k, 3);
    expect(r.se).toBeCloseTo(se, 3);
    expect(r.ci95![0]).toBeCloseTo(lo, 3);
    expect(r.ci95![1]).toBeCloseTo(hi, 3);
  });

  it('raw4raters to 5 decimals (irrCAC docstring): 0.76117, se 0.15302, CI (0.42438, 1)', () => {
    const r = multiRater('fleiss', tableOf(raw4raters));
    expect(r.value).toBeCloseTo(0.76117, 5);
    expect(r.se).toBeCloseTo(0.15302, 5);
    expect(r.ci95![0]).toBeCloseTo(0.42438, 5);
    expect(r.ci95![1]).toBe(1);
  });

  it.each([
    ['linear', 0.939, 0.667, 0.818, 0.149],
    ['quadratic', 0.975, 0.818, 0.865, 0.146],
  ] as const)('weighted (%s), irrCAC raw4raters', (w, pa, pe, k, se) => {
    const t = tableOf(raw4raters);
    const r = multiRater('fleiss', t, weightMatrix(w, 5));
    expect(r.observed).toBeCloseTo(pa, 3);
    expect(r.expected).toBeCloseTo(pe, 3);
    expect(r.value).toBeCloseTo(k, 3);
    expect(r.se).toBeCloseTo(se, 3);
  });

  it('is undefined when every rating is one category, or no item has two ratings', () => {
    expect(
      multiRater(
        'fleiss',
        tableOf([
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ]),
      ).value,
    ).toBeNull();
    const lonely = multiRater(
      'fleiss',
      tableOf([
        [1, N, 2],
        [N, 2, N],
      ]),
    );
    expect(lonely.value).toBeNull();
    expect(lonely.nItems).toBe(3);
    expect(
      multiRater(
        'fleiss',
        tableOf([
          [N, N],
          [N, N],
        ]),
      ).nItems,
    ).toBe(0);
  });
});

describe("Gwet's AC1 / AC2", () => {
  it.each([
    ['raw4raters', raw4raters, 0.818, 0.19, 0.775, 0.143, 0.461, 1],
    ['raw5observers', raw5observers, 0.616, 0.236, 0.497, 0.122, 0.235, 0.758],
    // irrCAC's test reads p_e 0.312: Python's round(0.3125, 3); the exact value is 0.3125.
    ['gender', rawGender, 0.456, 0.3125, 0.208, 0.091, 0.014, 0.403],
    ['ben & gerry', benGerry, 0.727, 0.194, 0.661, 0.184, 0.257, 1],
  ] as const)('irrCAC gwet.ac1.raw, %s', (_name, data, pa, pe, ac1, se, lo, hi) => {
    const r = multiRater('gwet', tableOf(data as unknown as (string | number | null)[][]));
    expect(r.observed).toBeCloseTo(pa, 3);
    expect(r.expected).toBeCloseTo(pe, 3);
    expect(r.value).toBeCloseTo(ac1, 3);
    expect(r.se).toBeCloseTo(se, 3);
    expect(r.ci95![0]).toBeCloseTo(lo, 3);
    expect(r.ci95![1]).toBeCloseTo(hi, 3);
  });

  it('raw4raters to 5 decimals (irrCAC docstring): AC1 0.77544, se 0.14295, p_e 0.19032', () => {
    // Hand arithmetic for p_e: π = (1/12)Σ_i r_ik/r_i over the 12 units; p_e = Σ π_k(1 − π_k)/(5 − 1).
    const r = multiRater('gwet', tableOf(raw4raters));
    expect(r.value).toBeCloseTo(0.77544, 5);
    expect(r.se).toBeCloseTo(0.14295, 5);
    expect(r.expected).toBeCloseTo(0.19032, 5);
    expect(r.ci95![0]).toBeCloseTo(0.46081, 5);
  });

  it.each([
    ['linear', 0.939, 0.571, 0.859, 0.117, 0.6],
    ['quadratic', 0.975, 0.714, 0.914, 0.104, 0.685],
  ] as const)('AC2 with %s weights, irrCAC raw4raters', (w, pa, pe, ac2, se, lo) => {
    const r = multiRater('gwet', tableOf(raw4raters), weightMatrix(w, 5));
    expect(r.observed).toBeCloseTo(pa, 3);
    expect(r.expected).toBeCloseTo(pe, 3);
    expect(r.value).toBeCloseTo(ac2, 3);
    expect(r.se).toBeCloseTo(se, 3);
    expect(r.ci95![0]).toBeCloseTo(lo, 3);
  });

  it('irrCAC table example (Gwet 2014, 100 pregnancies, 2 abstractors): AC1 0.84933, p_e 0.26992', () => {
    // irrCAC `table_cont3x3abstractors` [[13,0,0],[0,20,7],[0,4,56]] expanded to raw ratings.
    const cells = [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ];
    const a: number[] = [],
      b: number[] = [];
    cells.forEach((row, i) =>
      row.forEach((c, j) => {
        for (let x = 0; x < c; x++) {
          a.push(i);
          b.push(j);
        }
      }),
    );
    const r = multiRater('gwet', tableOf([a, b]));
    expect(r.value).toBeCloseTo(0.84933, 5);
    expect(r.expected).toBeCloseTo(0.26992, 5);
    expect(r.observed).toBeCloseTo(0.89, 12);
  });

  it('stays defined where kappa is undefined (everyone picks one category of two), and is undefined with one category', () => {
    const one = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    expect(multiRater('fleiss', tableOf(one, ['0', '1'])).value).toBeNull();
    // π = (1, 0): p_e = (1·0 + 0·1)/(2·1) = 0 → AC1 = p_a = 1.
    expect(multiRater('gwet', tableOf(one, ['0', '1'])).value).toBe(1);
    expect(multiRater('gwet', tableOf(one, ['0'])).value).toBeNull();
  });
});

describe('percent agreement', () => {
  it('is the mean pairwise agreement over items with two ratings (irrCAC pa.coeff.raw: raw4raters 0.818)', () => {
    // Units 1–12 of raw4raters: pairs agreeing / pairs: 3/3, 3/6, 6/6, 6/6, 6/6, 0/6, 6/6, 3/6, 6/6, 3/3, 1/1, (unit 12 single).
    // p_a = (1 + .5 + 1 + 1 + 1 + 0 + 1 + .5 + 1 + 1 + 1)/11 = 9/11 = 0.81818.
    const r = multiRater('percent', tableOf(raw4raters));
    expect(r.value).toBeCloseTo(9 / 11, 12);
    expect(r.expected).toBeNull();
  });
  it('SE by hand for two raters and four items: agreements 1, 1, 0, 1', () => {
    // p_a = 3/4; c_i = p_a|i; var = Σ(c_i − 0.75)²/(4·3) = (3·0.0625 + 0.5625)/12 = 0.0625 → se 0.25.
    const r = multiRater(
      'percent',
      tableOf([
        [0, 1, 0, 1],
        [0, 1, 1, 1],
      ]),
    );
    expect(r.value).toBe(0.75);
    expect(r.se).toBeCloseTo(0.25, 12);
    expect(r.ci95![1]).toBe(1);
  });
  it('is undefined when no item has two ratings', () => {
    expect(
      multiRater(
        'percent',
        tableOf([
          [0, N],
          [N, 1],
        ]),
      ).value,
    ).toBeNull();
  });
});

describe('point estimates from patterns', () => {
  it('multiRaterValue equals the full computation', () => {
    for (const c of ['fleiss', 'gwet', 'percent'] as const) {
      const t = tableOf(raw5observers);
      expect(multiRaterValue(c, t)).toBeCloseTo(multiRater(c, t).value!, 14);
    }
  });
});
