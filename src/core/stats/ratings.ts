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

/** Builds a matrix from item-major rows of category indices (null or -1 for missing). */
export function matrixFromRows(rows: readonly (readonly (number | null)[])[], nCategories: number): RatingMatrix {
  const nItems = rows.length;
  const nRaters = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const codes = new Int32Array(nItems * nRaters).fill(MISSING);
  for (let i = 0; i < nItems; i++) {
    const row = rows[i]!;
    for (let r = 0; r < row.length; r++) {
      const c = row[r];
      if (c === null || c === undefined || c < 0) continue;
      if (!Number.isInteger(c) || c >= nCategories)
        throw new RangeError(`item ${i}, rater ${r}: category ${c} is outside 0..${nCategories - 1}`);
      codes[r * nItems + i] = c;
    }
  }
  return { nItems, nRaters, nCategories, codes };
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
