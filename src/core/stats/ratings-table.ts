/**
 * The ratings file of `agreement --input` once split into cells (by papaparse, outside core): a
 * header row naming the raters, then one row per item, each cell a category label, an empty cell a
 * missing rating. Checks the shape and names the first problem by row and column.
 */
import { encodeRows, UnknownCategoryError, type EncodedRatings } from './encode';

/** A ratings table that cannot be read; the message names the row (1-based, header = row 1). */
export class RatingsFileError extends Error {
  override readonly name = 'RatingsFileError';
}

/** A read ratings table. */
export interface RatingsTable extends EncodedRatings {
  /** Rater names from the header, in column order. */
  readonly raters: readonly string[];
}

/**
 * Reads split cells. Cells are trimmed; an empty cell is missing. Throws RatingsFileError for an
 * empty file, an empty or repeated rater name, a row whose cell count differs from the header's,
 * or (with `categories`) a label outside them.
 */
export function readRatingsTable(cells: readonly (readonly string[])[], categories?: readonly string[]): RatingsTable {
  const [header, ...body] = cells;
  if (!header || header.length === 0 || header.every((h) => h.trim() === '')) {
    throw new RatingsFileError('the ratings file is empty: it needs a header row naming the raters');
  }
  const raters = header.map((h) => h.trim().replace(/^\uFEFF/, ''));
  const seen = new Set<string>();
  raters.forEach((name, j) => {
    if (name === '') throw new RatingsFileError(`row 1 (header), column ${j + 1}: the rater has no name`);
    if (seen.has(name)) throw new RatingsFileError(`row 1 (header): the rater name "${name}" appears twice`);
    seen.add(name);
  });
  const rows = body.map((row, i) => {
    if (row.length !== raters.length) {
      throw new RatingsFileError(
        `row ${i + 2} has ${row.length} cell${row.length === 1 ? '' : 's'}, but the header names ${raters.length} rater${raters.length === 1 ? '' : 's'}`,
      );
    }
    return row.map((c) => c.trim());
  });
  try {
    return { raters, ...encodeRows(rows, raters.length, categories, raters) };
  } catch (e) {
    if (e instanceof UnknownCategoryError)
      throw new RatingsFileError(e.message.replace(/^item (\d+)/, (_, n: string) => `row ${Number(n) + 1}`));
    throw e;
  }
}
