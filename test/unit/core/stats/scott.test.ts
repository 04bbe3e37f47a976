import { describe, expect, it } from 'vitest';
import { countTable } from '../../../../src/core/stats/count-table';
import { encodeColumns } from '../../../../src/core/stats/encode';
import { multiRater } from '../../../../src/core/stats/multi-rater';
import { scottFromTable } from '../../../../src/core/stats/scott';
import { weightMatrix } from '../../../../src/core/stats/weights';

// irrCAC (Python) test/unit/irrCAC/table/test_scott.py; data from Gwet (2014), Handbook of
// Inter-Rater Reliability: 100 pregnancies classified by two abstractors, and 223 psychiatric patients.
const abstractors = [13, 0, 0, 0, 20, 7, 0, 4, 56];
const diagnosis = [40, 4, 4, 17, 6, 25, 2, 13, 4, 1, 21, 12, 15, 5, 9, 45];

describe("Scott's pi", () => {
  it('abstractors, unweighted: 0.796, se 0.059, CI (0.679, 0.913)', () => {
    // Hand arithmetic: p_o = (13 + 20 + 56)/100 = 0.89; row sums .13 .27 .60, column sums .13 .24 .63;
    // π = (.13, .255, .615); p_e = .0169 + .065025 + .378225 = .46015; π̂ = (.89 − .46015)/(1 − .46015) = .7962.
    const r = scottFromTable(abstractors, 3);
    expect(r.observed).toBeCloseTo(0.89, 12);
    expect(r.expected).toBeCloseTo(0.46015, 12);
    expect(r.value).toBeCloseTo(0.796, 3);
    expect(r.se).toBeCloseTo(0.059, 3);
    expect(r.ci95![0]).toBeCloseTo(0.679, 3);
    expect(r.ci95![1]).toBeCloseTo(0.913, 3);
  });
  it.each([
    ['linear', 0.843, 0.048, 0.748, 0.938],
    ['quadratic', 0.892, 0.035, 0.822, 0.962],
  ] as const)('abstractors, %s weights', (w, v, se, lo, hi) => {
    const r = scottFromTable(abstractors, 3, weightMatrix(w, 3));
    expect(r.value).toBeCloseTo(v, 3);
    expect(r.se).toBeCloseTo(se, 3);
    expect(r.ci95![0]).toBeCloseTo(lo, 3);
    expect(r.ci95![1]).toBeCloseTo(hi, 3);
  });
  it.each([
    ['none', 0.43, 0.046, 0.339, 0.521],
    ['linear', 0.406, 0.054, 0.3, 0.511],
    ['quadratic', 0.382, 0.066, 0.252, 0.512],
  ] as const)('psychiatric diagnosis 4 × 4, %s weights', (w, v, se, lo, hi) => {
    const r = scottFromTable(diagnosis, 4, weightMatrix(w, 4));
    expect(r.value).toBeCloseTo(v, 3);
    expect(r.se).toBeCloseTo(se, 3);
    expect(r.ci95![0]).toBeCloseTo(lo, 3);
    expect(r.ci95![1]).toBeCloseTo(hi, 3);
  });
  it("equals Fleiss' kappa for two raters with complete data (Fleiss 1971 generalises Scott 1955)", () => {
    const a = [0, 1, 2, 1, 0, 2, 2, 1],
      b = [0, 1, 1, 1, 0, 2, 0, 1];
    const table = new Float64Array(9);
    a.forEach((x, i) => table[x * 3 + b[i]!]!++);
    expect(scottFromTable(table, 3).value).toBeCloseTo(multiRater('fleiss', countTable(encodeColumns([a, b]).matrix)).value!, 14);
  });
  it('is undefined when every rating is the same category', () => {
    expect(scottFromTable([5, 0, 0, 0], 2).value).toBeNull();
    expect(scottFromTable([0, 0, 0, 0], 2)).toMatchObject({ value: null, nItems: 0 });
  });
});
