/**
 * Seeded nonparametric bootstrap over items (Efron & Tibshirani 1993, ch. 13, percentile interval).
 * Each resample draws n items with replacement from the n items that enter the statistic. Items are
 * first reduced to "patterns" (a contingency cell, a vector of category counts), so a resample only
 * counts how often each pattern was drawn: O(n) per resample whatever the number of raters.
 * The same seed gives the same interval in the page, in the worker and in Node.
 */
import { Rng } from '../random';
import type { Interval } from './types';

/** A statistic prepared for resampling: which pattern each item has, and the statistic of pattern counts. */
export interface Resamplable {
  /** Pattern index of each resampled item. */
  readonly patternOfItem: Int32Array;
  /** Number of distinct patterns. */
  readonly nPatterns: number;
  /** The statistic when pattern p was drawn `counts[p]` times; null when undefined for that resample. */
  statistic(counts: Float64Array): number | null;
}

/** Options of a bootstrap. */
export interface BootstrapOptions {
  /** Number of resamples B (≥ 1). */
  readonly resamples: number;
  /** Seed of the resampling stream. */
  readonly seed: string | number;
  /** Coverage of the percentile interval; default 0.95. */
  readonly level?: number;
  /** Called every 50 resamples with the number done (progress bars); may throw to abort. */
  readonly onProgress?: (done: number) => void;
}

/** A bootstrap distribution summarised. */
export interface BootstrapResult {
  /** Percentile interval of the defined resample values; null when none was defined. */
  readonly ci: Interval | null;
  /** Standard deviation of the defined resample values (n − 1 denominator); null with fewer than 2. */
  readonly se: number | null;
  /** Number of resamples drawn. */
  readonly resamples: number;
  /** Resamples whose statistic was undefined (left out of the interval, never counted as 0). */
  readonly undefinedCount: number;
}

/** Quantile of sorted data by linear interpolation between order statistics (Hyndman–Fan type 7, R's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of no values');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Runs the bootstrap. Throws a RangeError when B < 1 or there is no item to resample. */
export function bootstrap(r: Resamplable, options: BootstrapOptions): BootstrapResult {
  const B = options.resamples;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`the number of resamples must be a positive integer, got ${B}`);
  const n = r.patternOfItem.length;
  if (n === 0) return { ci: null, se: null, resamples: B, undefinedCount: B };
  const level = options.level ?? 0.95;
  const rng = new Rng(options.seed);
  const counts = new Float64Array(r.nPatterns);
  const values = new Float64Array(B);
  let defined = 0;
  for (let b = 0; b < B; b++) {
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[r.patternOfItem[rng.int(n)]!]!++;
    const v = r.statistic(counts);
    if (v !== null && Number.isFinite(v)) values[defined++] = v;
    if (options.onProgress && (b + 1) % 50 === 0) options.onProgress(b + 1);
  }
  const ok = values.subarray(0, defined).sort();
  if (defined === 0) return { ci: null, se: null, resamples: B, undefinedCount: B };
  let mean = 0;
  for (let i = 0; i < defined; i++) mean += ok[i]!;
  mean /= defined;
  let ss = 0;
  for (let i = 0; i < defined; i++) ss += (ok[i]! - mean) ** 2;
  const alpha = (1 - level) / 2;
  return {
    ci: [quantileSorted(ok, alpha), quantileSorted(ok, 1 - alpha)],
    se: defined > 1 ? Math.sqrt(ss / (defined - 1)) : null,
    resamples: B,
    undefinedCount: B - defined,
  };
}
