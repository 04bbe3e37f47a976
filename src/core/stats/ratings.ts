/**
 * The rating matrix every multi-rater statistic reads: items × raters, each cell a category index
 * or -1 for a missing rating. Stored rater-major in one Int32Array so a worker can take it by
 * transfer and a pairwise loop reads two contiguous columns.
 */

/** Missing rating marker in `RatingMatrix.codes`. */
export const MISSING = -1;

/** Ratings of `nRaters` raters on `nItems` items over `nCategories` categories. */
export interface RatingMatrix {
  /** Number of items (rows of the ratings file). */
  readonly nItems: number;
  /** Number of raters (columns). */
  readonly nRaters: number;
  /** Number of categories; every code is in [0, nCategories) or MISSING. */
  readonly nCategories: number;
  /** `codes[r * nItems + i]` is rater r's category index for item i, or MISSING. */
  readonly codes: Int32Array;
}

/** The column of one rater (a view, not a copy). */
export function raterColumn(m: RatingMatrix, rater: number): Int32Array {
  return m.codes.subarray(rater * m.nItems, (rater + 1) * m.nItems);
}

/** A matrix holding only the given raters, in the given order (copies their columns). */
export function selectRaters(m: RatingMatrix, raters: readonly number[]): RatingMatrix {
  const codes = new Int32Array(raters.length * m.nItems);
  raters.forEach((r, j) => codes.set(raterColumn(m, r), j * m.nItems));
  return { nItems: m.nItems, nRaters: raters.length, nCategories: m.nCategories, codes };
}

/**
 * Per-item category counts: `counts[i * q + k]` raters put item i in category k; `perItem[i]` is
 * item i's number of ratings. O(items · raters).
 */
export function categoryCounts(m: RatingMatrix): { counts: Int32Array; perItem: Int32Array } {
  const q = m.nCategories;
  const counts = new Int32Array(m.nItems * q);
  const perItem = new Int32Array(m.nItems);
  for (let r = 0; r < m.nRaters; r++) {
    const base = r * m.nItems;
    for (let i = 0; i < m.nItems; i++) {
      const c = m.codes[base + i]!;
      if (c < 0) continue;
      counts[i * q + c]!++;
      perItem[i]!++;
    }
  }
  return { counts, perItem };
}
