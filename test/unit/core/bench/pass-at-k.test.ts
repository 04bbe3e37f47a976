import { describe, expect, it } from 'vitest';
import { ksFor, meanPassAtK, passAtK } from '../../../../src/core/bench/pass-at-k';

/** C(n, k) with exact integers, for the hand checks. */
function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

describe('pass@k (Chen et al. 2021, unbiased estimator 1 − C(n−c, k)/C(n, k))', () => {
  it('matches hand-computed values', () => {
    // n = 4, c = 1: k = 1 → 1/4; k = 2 → 1 − C(3,2)/C(4,2) = 1 − 3/6; k = 4 → every draw holds the pass.
    expect(passAtK(4, 1, 1)).toBeCloseTo(0.25, 12);
    expect(passAtK(4, 1, 2)).toBeCloseTo(0.5, 12);
    expect(passAtK(4, 1, 4)).toBe(1);
    // n = 5, c = 2, k = 2: 1 − C(3,2)/C(5,2) = 1 − 3/10.
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    // n = 16, c = 1, k = 8: 1 − C(15,8)/C(16,8) = 1 − 6435/12870 = 0.5.
    expect(passAtK(16, 1, 8)).toBeCloseTo(0.5, 12);
    // n = 16, c = 3, k = 4: 1 − C(13,4)/C(16,4) = 1 − 715/1820.
    expect(passAtK(16, 3, 4)).toBeCloseTo(1 - 715 / 1820, 12);
    expect(passAtK(16, 3, 4)).toBeCloseTo(1 - choose(13, 4) / choose(16, 4), 12);
    // n − c < k: every k-subset holds a pass.
    expect(passAtK(16, 10, 8)).toBe(1);
    expect(passAtK(8, 0, 8)).toBe(0);
  });

  it('is c/n at k = 1 and grows with k', () => {
    for (let n = 1; n <= 16; n++)
      for (let c = 0; c <= n; c++) {
        expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 12);
        for (const k of ksFor(n).slice(1)) expect(passAtK(n, c, k)).toBeGreaterThanOrEqual(passAtK(n, c, k / 2) - 1e-12);
      }
  });

  it('stays exact where the binomial coefficients overflow a double', () => {
    // C(1000, 500) ≈ 2.7e299 and C(2000, 1000) is Infinity; the ratio C(n−c, k)/C(n, k) = ∏ (n−k−i)/(n−i), i < c.
    expect(passAtK(1000, 3, 500)).toBeCloseTo(1 - (500 * 499 * 498) / (1000 * 999 * 998), 12);
    expect(passAtK(2000, 1, 1000)).toBeCloseTo(0.5, 12);
    expect(Number.isFinite(passAtK(2000, 7, 1000))).toBe(true);
  });

  it('refuses k > n and impossible counts', () => {
    expect(() => passAtK(4, 1, 8)).toThrow(RangeError);
    expect(() => passAtK(4, 5, 1)).toThrow(RangeError);
    expect(() => passAtK(4, -1, 1)).toThrow(RangeError);
    expect(() => passAtK(4, 1, 0)).toThrow(RangeError);
    expect(() => passAtK(4, 1.5, 1)).toThrow(RangeError);
  });

  it('lists the ks of Figure 12 up to n', () => {
    expect(ksFor(1)).toEqual([1]);
    expect(ksFor(5)).toEqual([1, 2, 4]);
    expect(ksFor(16)).toEqual([1, 2, 4, 8, 16]);
    expect(ksFor(40)).toEqual([1, 2, 4, 8, 16]);
  });

  it('averages over items, leaving out items with fewer than k scored samples', () => {
    const items = [
      { n: 4, c: 1 }, // pass@2 = 0.5
      { n: 4, c: 0 }, // 0
      { n: 2, c: 2 }, // 1
      { n: 1, c: 1 }, // too few for k = 2
    ];
    expect(meanPassAtK(items, 1)).toEqual({ value: (0.25 + 0 + 1 + 1) / 4, items: 4 });
    const two = meanPassAtK(items, 2);
    expect(two.items).toBe(3);
    expect(two.value).toBeCloseTo((0.5 + 0 + 1) / 3, 12);
    expect(meanPassAtK(items, 8)).toEqual({ value: null, items: 0 });
  });
});
