import { describe, expect, it } from 'vitest';
import { numericValues } from '../../../../src/core/stats/categories';
import { countTable, toPatterns } from '../../../../src/core/stats/count-table';
import { encodeColumns } from '../../../../src/core/stats/encode';
import { krippendorffAlpha } from '../../../../src/core/stats/krippendorff';
import type { MeasurementLevel } from '../../../../src/core/stats/types';

const N = null;
/** Alpha of rater-major columns (coders in rows, units in columns, as Krippendorff writes them). */
function alpha(columns: (string | number | null)[][], level: MeasurementLevel = 'nominal', categories?: string[]) {
  const { matrix, categories: cats } = encodeColumns(columns, categories);
  return krippendorffAlpha(countTable(matrix), level, numericValues(cats));
}

describe("Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, worked examples", () => {
  it('A. binary data, two observers, no missing data: α = 0.095', () => {
    // Units 1..10. Coincidences: 4 units (1, 3, 6, 9) disagree → o_01 = o_10 = 4; unit 2 agrees on 1 → o_11 = 2;
    // 5 units agree on 0 → o_00 = 10. n_0 = 14, n_1 = 6, n = 20.
    // D_o = 8/20 = 0.4; D_e = 2·14·6/(20·19) = 0.44211; α = 1 − 0.4/0.44211 = 0.0952.
    const r = alpha([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(Array.from(r.coincidences)).toEqual([10, 4, 4, 2]);
    expect(r.observed).toBeCloseTo(0.4, 12);
    expect(r.expected).toBeCloseTo(168 / 380, 12);
    expect(r.value).toBeCloseTo(0.095, 3);
  });

  it('B. nominal data, two observers, no missing data: α = 0.692', () => {
    const r = alpha(['a a b b d c c c e d d a'.split(' '), 'b a b b b c c c e d d d'.split(' ')]);
    expect(r.value).toBeCloseTo(0.692, 3);
  });

  // C/D. Four observers, 12 units, values 1–5, missing data (also Gwet 2014 p. 120 and DescTools::KrippAlpha's
  // "C" data). Unit 12 has one value and is not pairable; n = 40 pairable values.
  const c = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
  ];
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('C. any number of observers, missing data, %s: α = %s', (level, expected) => {
    const r = alpha(c, level);
    expect(r.value).toBeCloseTo(expected, 3);
    expect(r.nItems).toBe(11);
    expect(r.nValues).toBe(40);
  });

  it('C. the nominal coincidence marginals n_c = 9, 13, 10, 5, 3 (Krippendorff 2011, p. 4)', () => {
    const r = alpha(c);
    const m = r.coincidences;
    const marg = [0, 1, 2, 3, 4].map((k) => [0, 1, 2, 3, 4].reduce((s, j) => s + m[k * 5 + j]!, 0));
    marg.forEach((v, k) => expect(v).toBeCloseTo([9, 13, 10, 5, 3][k]!, 12));
  });
});

describe('krippendorff (Python package) test values', () => {
  // pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py: the Wikipedia example, 3 coders × 15 units.
  const wiki = [
    [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
    [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
    [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
  ];
  it('nominal 0.691358', () => expect(alpha(wiki).value).toBeCloseTo(0.691358, 6));
  it('interval 0.810845', () => expect(alpha(wiki, 'interval').value).toBeCloseTo(0.810845, 6));
  it('string labels, nominal 0.722222', () => {
    expect(
      alpha([
        ['pos', 'neg', 'neu', N],
        ['pos', 'neg', 'neu', 'pos'],
        ['pos', 'neg', 'pos', 'pos'],
      ]).value,
    ).toBeCloseTo(0.722222, 6);
  });
  it('ordinal with a text domain in order: 0.815', () => {
    const map = ['very low', 'low', 'mid', 'high', 'very high'];
    const text = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
      [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ].map((row) => row.map((v) => (v === null ? null : map[v - 1]!)));
    expect(alpha(text, 'ordinal', map).value).toBeCloseTo(0.815, 3);
  });
  it('ratio with zeros: perfect agreement is 1', () =>
    expect(
      alpha(
        [
          [0, 1, 2],
          [0, 1, 2],
        ],
        'ratio',
      ).value,
    ).toBe(1));
  it('perfect agreement, nominal and interval: 1', () => {
    const d = [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ];
    expect(alpha(d).value).toBe(1);
    expect(alpha(d, 'interval').value).toBe(1);
  });
});

describe("Krippendorff's alpha: undefined cases", () => {
  it('is undefined when every pairable value is the same (D_e = 0), not 0 and not 1', () => {
    // fast-krippendorff refuses this input ("more than one value in the domain"); we report undefined.
    const r = alpha([
      [1, 1],
      [1, 1],
    ]);
    expect(r.value).toBeNull();
    expect(r.observed).toBe(0);
    expect(r.expected).toBe(0);
  });
  it('is undefined when no unit has two values', () => {
    const r = alpha([
      [1, N],
      [N, 2],
    ]);
    expect(r).toMatchObject({ value: null, observed: null, expected: null, nItems: 0, nValues: 0 });
  });
  it('interval and ratio refuse non-numeric categories', () => {
    expect(() =>
      alpha(
        [
          ['a', 'b'],
          ['a', 'a'],
        ],
        'interval',
      ),
    ).toThrow(/numeric/);
  });
});

describe('patterns', () => {
  it('alpha over merged count patterns equals alpha over units', () => {
    const { matrix } = encodeColumns([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
      [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]);
    const t = countTable(matrix);
    const p = toPatterns(t);
    expect(p.table.rows).toBeLessThan(t.rows);
    for (const level of ['nominal', 'ordinal', 'interval'] as const) {
      const values = Float64Array.from([1, 2, 3, 4, 5]);
      expect(krippendorffAlpha(p.table, level, values).value).toBeCloseTo(krippendorffAlpha(t, level, values).value!, 14);
    }
  });
});
