import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/random';
import { analyseAgreement, computeAgreement } from '../../../../src/core/stats/agreement';
import { bootstrap, quantileSorted } from '../../../../src/core/stats/bootstrap';
import { encodeColumns } from '../../../../src/core/stats/encode';

/** Two raters agreeing 80% of the time over 400 items of 3 categories (seeded). */
function sample(seed: string, n = 400) {
  const rng = new Rng(seed);
  const a: number[] = [],
    b: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.int(3);
    a.push(x);
    b.push(rng.chance(0.8) ? x : rng.int(3));
  }
  return encodeColumns([a, b]).matrix;
}

/** `raters` raters over `n` items of 3 categories, each agreeing with a hidden truth 70% of the time (seeded); a share `missing` of the ratings left out. */
function raterColumns(seed: string, n: number, raters: number, missing: number): (number | null)[][] {
  const rng = new Rng(seed);
  const truth = Array.from({ length: n }, () => rng.int(3));
  return Array.from({ length: raters }, () => truth.map((t) => (rng.chance(missing) ? null : rng.chance(0.7) ? t : rng.int(3))));
}

/** How many items have each pattern. */
function countsOf(patternOfItem: Int32Array, nPatterns: number): Float64Array {
  const counts = new Float64Array(nPatterns);
  for (const p of patternOfItem) counts[p]!++;
  return counts;
}

describe('bootstrap over items', () => {
  it('is reproducible: the same seed gives the same interval, another seed another', () => {
    const m = sample('data');
    const one = computeAgreement(m, { metric: 'cohen', bootstrap: { resamples: 300, seed: 7 } });
    const two = computeAgreement(m, { metric: 'cohen', bootstrap: { resamples: 300, seed: 7 } });
    const other = computeAgreement(m, { metric: 'cohen', bootstrap: { resamples: 300, seed: 8 } });
    expect(one.ci95).toEqual(two.ci95);
    expect(one.se).toBe(two.se);
    expect(other.ci95).not.toEqual(one.ci95);
  });

  it("agrees with the analytic SE of Cohen's kappa on a large sample (within 15%)", () => {
    const m = sample('large', 2000);
    const analytic = computeAgreement(m, { metric: 'cohen' });
    const boot = computeAgreement(m, { metric: 'cohen', bootstrap: { resamples: 1000, seed: 'x' } });
    expect(boot.value).toBe(analytic.value);
    expect(Math.abs(boot.se! - analytic.se!) / analytic.se!).toBeLessThan(0.15);
    expect(boot.ci95![0]).toBeLessThan(analytic.value!);
    expect(boot.ci95![1]).toBeGreaterThan(analytic.value!);
  });

  // Each metric's resampling decomposes its items into patterns (a contingency cell, a vector of category counts).
  // The statistic of the full sample's pattern counts must be the point estimate, and drawing an item k more times
  // must give the statistic of the data with k more copies of that item, computed from scratch.
  const CASES = [
    ['cohen', 2, undefined],
    ['cohen', 2, 'quadratic'],
    ['scott', 2, undefined],
    ['fleiss', 4, undefined],
    ['gwet', 4, 'linear'],
    ['percent', 4, undefined],
    ['krippendorff', 4, undefined],
  ] as const;

  it.each(CASES)('%s (%i raters, weights %s): the statistic of the pattern counts is the estimate', (metric, raters, weights) => {
    const columns = raterColumns('parts', 150, raters, 0.15);
    const req = { metric, ...(weights ? { weights } : {}) };
    const { result, resamplable } = analyseAgreement(encodeColumns(columns).matrix, req);
    expect(result.value).not.toBeNull();
    expect(resamplable.patternOfItem.length).toBe(result.nItems);
    expect(resamplable.statistic(countsOf(resamplable.patternOfItem, resamplable.nPatterns))).toBeCloseTo(result.value!, 12);
  });

  it.each(CASES)(
    '%s (%i raters, weights %s): an item drawn 3 more times is the data with 3 more copies of it',
    (metric, raters, weights) => {
      const columns = raterColumns('copies', 150, raters, 0);
      const req = { metric, ...(weights ? { weights } : {}) };
      const { resamplable } = analyseAgreement(encodeColumns(columns).matrix, req);
      const counts = countsOf(resamplable.patternOfItem, resamplable.nPatterns);
      counts[resamplable.patternOfItem[0]!]! += 3;
      const copied = columns.map((c) => [...c, c[0]!, c[0]!, c[0]!]);
      const expected = computeAgreement(encodeColumns(copied).matrix, req).value!;
      expect(expected).not.toBeCloseTo(computeAgreement(encodeColumns(columns).matrix, req).value!, 6);
      expect(resamplable.statistic(counts)).toBeCloseTo(expected, 12);
    },
  );

  it.each(CASES)('%s (%i raters): the interval holds the estimate', (metric, raters) => {
    const m = encodeColumns(raterColumns('interval', 200, raters, 0.1)).matrix;
    const full = computeAgreement(m, { metric });
    const boot = computeAgreement(m, { metric, bootstrap: { resamples: 200, seed: 3 } });
    expect(boot.ci95![0]).toBeLessThanOrEqual(full.value!);
    expect(boot.ci95![1]).toBeGreaterThanOrEqual(full.value!);
  });

  it('counts undefined resamples and leaves them out, never as 0', () => {
    // 2 items: one where both say 0, one where both say 1. A resample drawing the same item twice has
    // every rating in one category → kappa undefined; drawing both → kappa 1. P(undefined) = 1/2.
    const m = encodeColumns([
      [0, 1],
      [0, 1],
    ]).matrix;
    const r = computeAgreement(m, { metric: 'cohen', bootstrap: { resamples: 400, seed: 11 } });
    expect(r.bootstrap!.undefinedCount).toBeGreaterThan(120);
    expect(r.bootstrap!.undefinedCount).toBeLessThan(280);
    expect(r.ci95).toEqual([1, 1]);
  });

  it('rejects a non-positive number of resamples', () => {
    expect(() => bootstrap({ patternOfItem: new Int32Array(1), nPatterns: 1, statistic: () => 1 }, { resamples: 0, seed: 1 })).toThrow(
      RangeError,
    );
  });

  it('uses type-7 quantiles (R default): the 2.5% of 1..101 is 3.5', () => {
    const xs = Float64Array.from({ length: 101 }, (_, i) => i + 1);
    expect(quantileSorted(xs, 0.025)).toBeCloseTo(3.5, 12);
    expect(quantileSorted(xs, 0.975)).toBeCloseTo(98.5, 12);
  });
});
