/**
 * Pairwise agreement between every two raters (the paper's Figures 6 and 8): for raters r < s, the
 * contingency table over the items both rated, and from it Cohen's kappa, percent agreement and
 * Gwet's AC1. One pass over the items per pair: O(raters² · items) with two contiguous columns.
 */
import { cohenFromTable } from './cohen';
import type { CountTable } from './count-table';
import { multiRater } from './multi-rater';
import type { RatingMatrix } from './ratings';
import type { WeightScheme } from './types';
import { weightMatrix } from './weights';

/** Pairwise statistics; symmetric, entry [r * raters + s]. Plain data: crosses a worker boundary as is. */
export interface PairwiseMatrix {
  /** Number of raters. */
  readonly raters: number;
  /** Cohen's kappa per pair; null when undefined (or on the diagonal when the rater has < 2 categories used). */
  readonly kappa: (number | null)[];
  /** Percent agreement per pair; null without shared items. */
  readonly percent: (number | null)[];
  /** Gwet's AC1 per pair; null when undefined. */
  readonly gwet: (number | null)[];
  /** Items both raters rated. */
  readonly shared: number[];
}

/** The contingency table of raters r and s over the items both rated (row = r). */
function pairTable(m: RatingMatrix, r: number, s: number): Uint32Array {
  const q = m.nCategories,
    n = m.nItems,
    codes = m.codes;
  const t = new Uint32Array(q * q);
  const a = r * n,
    b = s * n;
  for (let i = 0; i < n; i++) {
    const x = codes[a + i]!,
      y = codes[b + i]!;
    if (x >= 0 && y >= 0) t[x * q + y]!++;
  }
  return t;
}

/** A two-rater table as count patterns (one row per cell), for the multi-rater coefficients. */
function tableAsCounts(t: ArrayLike<number>, q: number): CountTable {
  const counts = new Int32Array(q * q * q);
  const perRow = new Int32Array(q * q).fill(2);
  const mult = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const row = i * q + j;
      counts[row * q + i]!++;
      counts[row * q + j]!++;
      mult[row] = t[row]!;
    }
  }
  return { q, rows: q * q, counts, perRow, mult };
}

/** All pairwise statistics; `onRow` reports progress after each rater's row. */
export function pairwiseMatrix(m: RatingMatrix, weights: WeightScheme = 'none', onRow?: (done: number) => void): PairwiseMatrix {
  const R = m.nRaters,
    q = m.nCategories;
  const w = weightMatrix(weights, q);
  const size = R * R;
  const kappa: (number | null)[] = new Array<number | null>(size).fill(null);
  const percent: (number | null)[] = new Array<number | null>(size).fill(null);
  const gwet: (number | null)[] = new Array<number | null>(size).fill(null);
  const shared: number[] = new Array<number>(size).fill(0);
  for (let r = 0; r < R; r++) {
    for (let s = r; s < R; s++) {
      const t = pairTable(m, r, s);
      const c = cohenFromTable(t, q, w);
      const counts = tableAsCounts(t, q);
      const pa = multiRater('percent', counts, w).value;
      const ac1 = multiRater('gwet', counts, w).value;
      for (const [x, y] of [
        [r, s],
        [s, r],
      ] as const) {
        kappa[x * R + y] = c.value;
        percent[x * R + y] = pa;
        gwet[x * R + y] = ac1;
        shared[x * R + y] = c.nItems;
      }
    }
    onRow?.(r + 1);
  }
  return { raters: R, kappa, percent, gwet, shared };
}
