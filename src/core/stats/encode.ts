/**
 * From labelled ratings (text cells, null for missing) to a RatingMatrix over a category set.
 * Shared by the CLI's CSV reader, the app's label imports and the tests.
 */
import { categoryIndex, inferCategories } from './categories';
import { MISSING, type RatingMatrix } from './ratings';

/** A label that is not in the given category set. */
class UnknownCategoryError extends Error {
  override readonly name = 'UnknownCategoryError';
}

/** Encoded ratings. */
export interface EncodedRatings {
  /** The matrix (rater-major codes). */
  readonly matrix: RatingMatrix;
  /** The categories in code order. */
  readonly categories: readonly string[];
}

/**
 * Encodes item-major rows (`rows[item][rater]`, null or "" = missing). Without `categories` the
 * set is inferred (numeric order when all labels are numbers, else lexicographic). With them, a
 * label outside the set throws UnknownCategoryError naming the item and rater (1-based item).
 */
export function encodeRows(
  rows: readonly (readonly (string | number | null)[])[],
  nRaters: number,
  categories?: readonly string[],
  raterNames?: readonly string[],
): EncodedRatings {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const cats = categories ?? inferCategories(rows.flatMap((r) => r.map(text).filter((s) => s !== '')));
  const index = categoryIndex(cats);
  const nItems = rows.length;
  const codes = new Int32Array(nItems * nRaters).fill(MISSING);
  for (let i = 0; i < nItems; i++) {
    const row = rows[i]!;
    for (let r = 0; r < nRaters; r++) {
      const label = text(row[r]);
      if (label === '') continue;
      const code = index.get(label);
      if (code === undefined) {
        throw new UnknownCategoryError(
          `item ${i + 1}, rater "${raterNames?.[r] ?? r + 1}": label "${label}" is not among the categories (${cats.join(', ')})`,
        );
      }
      codes[r * nItems + i] = code;
    }
  }
  return { matrix: { nItems, nRaters, nCategories: cats.length, codes }, categories: cats };
}

/** Encodes rater-major columns (`columns[rater][item]`), as the reference implementations' tests write data. */
export function encodeColumns(columns: readonly (readonly (string | number | null)[])[], categories?: readonly string[]): EncodedRatings {
  const nItems = columns.reduce((m, c) => Math.max(m, c.length), 0);
  const rows = Array.from({ length: nItems }, (_, i) => columns.map((c) => c[i] ?? null));
  return encodeRows(rows, columns.length, categories);
}
