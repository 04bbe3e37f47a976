import { describe, expect, it } from 'vitest';
import { cohenFromTable, cohenKappa, contingencyTable } from '../../../../src/core/stats/cohen';
import { encodeColumns } from '../../../../src/core/stats/encode';
import { raterColumn } from '../../../../src/core/stats/ratings';
import { weightMatrix } from '../../../../src/core/stats/weights';

/** Expands a q × q table of counts into two label columns. */
function columnsOf(table: number[][]): [number[], number[]] {
  const a: number[] = [],
    b: number[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        a.push(i);
        b.push(j);
      }
    }),
  );
  return [a, b];
}

describe("Cohen's kappa against SAS PROC FREQ as statsmodels tests it", () => {
  // statsmodels/stats/tests/test_inter_rater.py, `table10` and its SAS printout
  // (UnweightedCohens / TestWeightedCohens): rows rater 1, columns rater 2.
  const table10 = [0, 4, 1, 0, 8, 0, 0, 1, 5];

  it('unweighted: kappa, ASE, 95% limits, ASE under H0, z', () => {
    // Hand arithmetic: n = 19, agreements 0 + 8 + 5 = 13 → p_o = 13/19 = 0.68421;
    // row sums 5, 8, 6; column sums 0, 13, 6 → p_e = (5·0 + 8·13 + 6·6)/19² = 140/361 = 0.38781;
    // κ = (0.68421 − 0.38781)/(1 − 0.38781) = 0.29640/0.61219 = 0.48416.
    const r = cohenFromTable(table10, 3);
    expect(r.observed).toBeCloseTo(13 / 19, 12);
    expect(r.expected).toBeCloseTo(140 / 361, 12);
    expect(r.value).toBeCloseTo(0.4842, 4);
    expect(r.se).toBeCloseTo(0.138, 4);
    expect(r.ci95![0]).toBeCloseTo(0.2137, 4);
    expect(r.ci95![1]).toBeCloseTo(0.7547, 4);
    expect(r.se0).toBeCloseTo(0.1484, 4);
    expect(r.z).toBeCloseTo(3.2626, 4);
    expect(r.nItems).toBe(19);
  });

  it('linear weights (scores 0, 1, 2): the SAS weighted kappa printout', () => {
    const r = cohenFromTable(table10, 3, weightMatrix('linear', 3));
    expect(r.value).toBeCloseTo(0.4701, 4);
    expect(r.se).toBeCloseTo(0.1457, 4);
    expect(r.ci95![0]).toBeCloseTo(0.1845, 4);
    expect(r.ci95![1]).toBeCloseTo(0.7558, 4);
    expect(r.se0).toBeCloseTo(0.1426, 4);
    expect(r.z).toBeCloseTo(3.2971, 4);
  });

  it('the interval is κ ± 1.959964·ASE, from the variance under the alternative, not under H0', () => {
    const r = cohenFromTable(table10, 3);
    expect(r.ci95![1] - r.value!).toBeCloseTo(1.959963984540054 * r.se!, 12);
    expect(r.se).not.toBeCloseTo(r.se0!, 3);
  });
});

describe("Cohen's kappa against R irr::kappa2 (statsmodels test_cohens_kappa_irr)", () => {
  // The `anxiety` data of R package irr, raters 2 and 3; statsmodels/stats/tests/test_inter_rater.py.
  // Category 5 is never used by these two raters, so the categories are 1, 2, 3, 4, 6 and weights
  // are by position, as irr does.
  const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
  const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
  const { matrix, categories } = encodeColumns([rater2, rater3]);
  const a = raterColumn(matrix, 0),
    b = raterColumn(matrix, 1);

  it('infers the categories in numeric order', () => {
    expect(categories).toEqual(['1', '2', '3', '4', '6']);
  });
  it.each([
    ['none', -0.006289308, -0.0604067],
    ['linear', 0.1459075, 1.282472],
    ['quadratic', 0.2520325, 1.437451],
  ] as const)('%s weights: kappa and z', (weights, kappa, z) => {
    const r = cohenKappa(a, b, 5, weights);
    expect(r.value).toBeCloseTo(kappa, 6);
    expect(r.z).toBeCloseTo(z, 5);
  });
});

describe("Cohen's kappa against scikit-learn's test_cohen_kappa", () => {
  // sklearn/metrics/tests/test_classification.py::test_cohen_kappa (Artstein & Poesio 2008, Tables 1 and 4).
  it('binary, Artstein & Poesio Table 1: 0.348', () => {
    const [a, b] = columnsOf([
      [20, 20],
      [10, 50],
    ]);
    expect(cohenKappa(a, b, 2).value).toBeCloseTo(0.348, 3);
    expect(cohenKappa(b, a, 2).value).toBe(cohenKappa(a, b, 2).value);
  });
  it('three categories, Table 4: 0.8013', () => {
    const y1 = [...Array(46).fill(0), ...Array(44).fill(1), ...Array(10).fill(2)];
    const y2 = [...Array(52).fill(0), ...Array(32).fill(1), ...Array(16).fill(2)];
    expect(cohenKappa(y1, y2, 3).value).toBeCloseTo(0.8013, 4);
  });
  it('none, linear, quadratic weights: 0.9315, 0.9412, 0.9541', () => {
    const y1 = [...Array(46).fill(0), ...Array(44).fill(1), ...Array(10).fill(2)];
    const y2 = [...Array(50).fill(0), ...Array(40).fill(1), ...Array(10).fill(2)];
    expect(cohenKappa(y1, y2, 3, 'none').value).toBeCloseTo(0.9315, 4);
    expect(cohenKappa(y1, y2, 3, 'linear').value).toBeCloseTo(0.9412, 4);
    expect(cohenKappa(y1, y2, 3, 'quadratic').value).toBeCloseTo(0.9541, 4);
  });
});

describe("Cohen's kappa: undefined cases and missing ratings", () => {
  it('is undefined (null), not 0, when both raters always choose the same one category', () => {
    const r = cohenKappa([1, 1, 1, 1], [1, 1, 1, 1], 2);
    expect(r.value).toBeNull();
    expect(r.se).toBeNull();
    expect(r.ci95).toBeNull();
    expect(r.observed).toBe(1);
    expect(r.expected).toBe(1);
  });
  it('is defined (0) when each rater always uses a different single category', () => {
    // p_o = 0, p_e = 1·0 + 0·1 = 0 → κ = 0.
    expect(cohenKappa([0, 0, 0], [1, 1, 1], 2).value).toBe(0);
  });
  it('is undefined with no item at all', () => {
    expect(cohenKappa([], [], 2).value).toBeNull();
    expect(cohenKappa([-1], [0], 2)).toMatchObject({ value: null, nItems: 0, dropped: 1 });
  });
  it('drops items where either rating is missing and counts them', () => {
    const { table, dropped } = contingencyTable([0, 1, -1, 1, 0], [0, 1, 1, -1, 1], 2);
    expect(dropped).toBe(2);
    expect(Array.from(table)).toEqual([1, 1, 0, 1]);
  });
  it('perfect agreement over two categories is 1 with SE 0', () => {
    const r = cohenKappa([0, 1, 0, 1], [0, 1, 0, 1], 2);
    expect(r.value).toBe(1);
    expect(r.se).toBe(0);
  });
  it('unused categories do not change unweighted kappa; an unused middle category changes weighted kappa', () => {
    // Codes 0, 1, 2 over q = 3, then the same ratings with the top code moved to 3 over q = 4 (category 2
    // unused): linear disagreements 1/2, 1/2, 1 become 1/3, 2/3, 1, which is not a rescaling.
    const a = [0, 1, 2, 0, 1, 2, 0],
      b = [0, 1, 1, 1, 2, 2, 0];
    const up = (x: number[]) => x.map((c) => (c === 2 ? 3 : c));
    expect(cohenKappa(up(a), up(b), 4).value).toBeCloseTo(cohenKappa(a, b, 3).value!, 14);
    expect(cohenKappa(up(a), up(b), 4, 'linear').value).not.toBeCloseTo(cohenKappa(a, b, 3, 'linear').value!, 6);
    // An unused category at the end only rescales the weights, and weighted kappa is scale-invariant.
    expect(cohenKappa(a, b, 4, 'linear').value).toBeCloseTo(cohenKappa(a, b, 3, 'linear').value!, 14);
  });
});
