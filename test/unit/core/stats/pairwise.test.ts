import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../../../src/core/stats/cohen';
import { countTable } from '../../../../src/core/stats/count-table';
import { encodeColumns } from '../../../../src/core/stats/encode';
import { multiRater } from '../../../../src/core/stats/multi-rater';
import { pairwiseMatrix } from '../../../../src/core/stats/pairwise';
import { raterColumn, selectRaters } from '../../../../src/core/stats/ratings';
import { lengthBias, positionBias, wilson } from '../../../../src/core/stats/bias';

const N = null;
const data = [
  ['a', 'b', 'a', 'a', 'b', N, 'a', 'b'],
  ['a', 'b', 'b', 'a', 'b', 'a', 'a', N],
  ['b', 'b', 'a', 'a', 'a', 'a', N, 'b'],
  ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'],
];

describe('pairwise matrix', () => {
  const { matrix } = encodeColumns(data);
  const pm = pairwiseMatrix(matrix);
  it('each entry is the two-rater statistic over the items both rated, symmetric', () => {
    for (let r = 0; r < 4; r++) {
      for (let s = 0; s < 4; s++) {
        const c = cohenKappa(raterColumn(matrix, r), raterColumn(matrix, s), 2);
        expect(pm.kappa[r * 4 + s]).toBe(c.value);
        expect(pm.shared[r * 4 + s]).toBe(c.nItems);
        const pair = countTable(selectRaters(matrix, [r, s]));
        const complete = { ...pair, perRow: pair.perRow.map((x) => (x === 2 ? 2 : 0)) };
        expect(pm.gwet[r * 4 + s]).toBeCloseTo(multiRater('gwet', complete).value!, 12);
        expect(pm.percent[r * 4 + s]).toBeCloseTo(multiRater('percent', complete).value!, 12);
      }
    }
  });
  it('a rater who always says "a" has undefined kappa with itself but AC1 and percent of 1', () => {
    // Rater 4 uses one category: against itself p_e = 1, so kappa is undefined; AC1's p_e = 0.
    expect(pm.kappa[3 * 4 + 3]).toBeNull();
    expect(pm.percent[3 * 4 + 3]).toBe(1);
    expect(pm.gwet[3 * 4 + 3]).toBe(1);
  });
});

describe('position and length bias', () => {
  it('Wilson interval for 5 of 10: (0.2366, 0.7634)', () => {
    const r = wilson(5, 10);
    expect(r.ci95![0]).toBeCloseTo(0.2366, 4);
    expect(r.ci95![1]).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 0)).toEqual({ rate: null, hits: 0, n: 0, ci95: null });
  });
  it('position bias: share of picks of the response shown first, unknown orders left out', () => {
    const r = positionBias([
      { choice: 'a', shownFirst: 'a' },
      { choice: 'a', shownFirst: 'b' },
      { choice: 'b', shownFirst: 'b' },
      { choice: null, shownFirst: 'a' },
      { choice: 'b' },
    ]);
    expect(r).toMatchObject({ hits: 2, n: 3 });
  });
  it('length bias: share of picks of the longer response, equal lengths left out', () => {
    const r = lengthBias([
      { choice: 'a', lengthA: 10, lengthB: 5 },
      { choice: 'b', lengthA: 10, lengthB: 5 },
      { choice: 'b', lengthA: 1, lengthB: 5 },
      { choice: 'b', lengthA: 5, lengthB: 5 },
    ]);
    expect(r).toMatchObject({ hits: 2, n: 3 });
  });
});
