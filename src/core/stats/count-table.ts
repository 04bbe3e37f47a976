/**
 * Items reduced to their category counts, the form every multi-rater statistic reads (Fleiss,
 * Gwet, percent agreement, Krippendorff). Items with the same counts can be merged into one row
 * with a multiplicity ("patterns"), which is what makes the bootstrap cheap: a resample only has
 * to count how often each pattern was drawn.
 */
import { categoryCounts, type RatingMatrix } from './ratings';

/** Rows of category counts, each standing for `mult[row]` items (1 when `mult` is null). */
export interface CountTable {
  /** Number of categories. */
  readonly q: number;
  /** Number of rows. */
  readonly rows: number;
  /** `counts[row * q + k]`: ratings in category k. */
  readonly counts: Int32Array;
  /** `perRow[row]`: number of ratings (Σ_k counts). */
  readonly perRow: Int32Array;
  /** How many items each row stands for; null means one each. */
  readonly mult: Float64Array | null;
}

/** One row per item. O(items · raters). */
export function countTable(m: RatingMatrix): CountTable {
  const { counts, perItem } = categoryCounts(m);
  return { q: m.nCategories, rows: m.nItems, counts, perRow: perItem, mult: null };
}

/** Distinct count vectors of a table, with `patternOfRow` mapping each input row to its pattern. */
export interface Patterns {
  /** The patterns as a count table whose `mult` holds each pattern's number of items. */
  readonly table: CountTable;
  /** Pattern index of every input row. */
  readonly patternOfRow: Int32Array;
}

/**
 * Merges rows with equal counts. The key is Σ_k counts_k·(R+1)^k when that stays below 2^53
 * (R = the largest number of ratings on a row), else the counts joined as text.
 */
export function toPatterns(t: CountTable): Patterns {
  const { q, rows, counts, perRow } = t;
  let maxR = 0;
  for (let i = 0; i < rows; i++) maxR = Math.max(maxR, perRow[i]!);
  const numeric = q * Math.log2(maxR + 1) < 52;
  const ids = new Map<number | string, number>();
  const patternOfRow = new Int32Array(rows);
  const firstRow: number[] = [];
  const multList: number[] = [];
  for (let i = 0; i < rows; i++) {
    let key: number | string;
    if (numeric) {
      let kk = 0;
      for (let k = q - 1; k >= 0; k--) kk = kk * (maxR + 1) + counts[i * q + k]!;
      key = kk;
    } else {
      key = Array.from(counts.subarray(i * q, (i + 1) * q)).join(',');
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = firstRow.length;
      ids.set(key, id);
      firstRow.push(i);
      multList.push(0);
    }
    patternOfRow[i] = id;
    multList[id]! += t.mult ? t.mult[i]! : 1;
  }
  const n = firstRow.length;
  const pc = new Int32Array(n * q);
  const pr = new Int32Array(n);
  firstRow.forEach((row, id) => {
    pc.set(counts.subarray(row * q, (row + 1) * q), id * q);
    pr[id] = perRow[row]!;
  });
  return { table: { q, rows: n, counts: pc, perRow: pr, mult: Float64Array.from(multList) }, patternOfRow };
}

/** The same patterns with new multiplicities (a bootstrap resample). */
export function withMultiplicities(t: CountTable, mult: Float64Array): CountTable {
  return { ...t, mult };
}
