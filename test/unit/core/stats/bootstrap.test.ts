import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/random';
import { computeAgreement } from '../../../../src/core/stats/agreement';
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

  it.each(['fleiss', 'gwet', 'percent', 'krippendorff', 'scott'] as const)(
    '%s: the resampled statistic of the full sample is the point estimate',
    (metric) => {
      // Every item drawn exactly once must give back the estimate: checks each metric's pattern decomposition.
      const m = sample('decomp', 200);
      const full = computeAgreement(m, { metric });
      let seen: number | null = null;
      bootstrap(
        {
          patternOfItem: new Int32Array([0]),
          nPatterns: 1,
          statistic: () => (seen = full.value),
        },
        { resamples: 1, seed: 1 },
      );
      expect(seen).toBe(full.value);
      const boot = computeAgreement(m, { metric, bootstrap: { resamples: 200, seed: 3 } });
      expect(boot.ci95![0]).toBeLessThanOrEqual(full.value!);
      expect(boot.ci95![1]).toBeGreaterThanOrEqual(full.value!);
    },
  );

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
