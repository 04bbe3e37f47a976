/**
 * A ratings file in the wide layout (the `agreement` CLI's input, and wide label files in the
 * app), as the record reader gives it: a header naming the raters, then one row per item, each
 * cell a category label, an empty cell a missing rating. Columns named like ids (`pair_id`,
 * `item`, `id`, …) name the items and are never counted as raters; a column that is not named
 * so but looks like ids (a different value on every row, more of them than there are labels) is
 * not guessed either way: the caller asks the user (`idColumn`). Problems go to the file's log,
 * naming the line and the rater's column.
 */
import type { RecordFile } from '../records/read';
import { encodeRows, type EncodedRatings } from './encode';
import { categoryIndex } from './categories';

/** Column names (case-insensitive) that name items, in the order one is picked as the item id. */
const ID_COLUMN_NAMES = [
  'pair_id',
  'item_id',
  'item',
  'id',
  'pair',
  'unit_id',
  'unit',
  'subject_id',
  'subject',
  'question_id',
  'prompt_id',
  'row_id',
  'row',
  'index',
  'persona_id',
] as const;

/** A read ratings table. */
interface RatingsTable extends EncodedRatings {
  /** Rater names from the header, in column order. */
  readonly raters: readonly string[];
  /** The columns read as ids (never raters), in file order. */
  readonly idColumns: readonly string[];
  /** Item ids from the item id column, in row order; undefined when the file has none. */
  readonly itemIds?: readonly string[];
  /** Persona ids from a `persona_id` column, in row order; undefined when there is none. */
  readonly personaIds?: readonly string[];
}

/** How to read a ratings table. */
export interface RatingsOptions {
  /** The column naming the items (besides columns named like ids); null: every other column is a rater; undefined: ask when unsure. */
  readonly idColumn?: string | null;
  /** The category set, in order; a label outside it is a problem. */
  readonly categories?: readonly string[];
}

/** A table, a file with problems (in its log), or columns that may be ids and need the user's word. */
export type RatingsRead =
  | { readonly kind: 'table'; readonly table: RatingsTable }
  | { readonly kind: 'problems' }
  | { readonly kind: 'choose-id'; readonly candidates: readonly string[] };

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Columns not named like ids whose values look like ids: all present, all different, more of them than the other columns' labels. */
function idLikeColumns(file: RecordFile, raters: readonly string[]): string[] {
  if (file.rows.length < 3 || raters.length < 2) return [];
  return raters.filter((c) => {
    const values = file.rows.map((r) => text(r.value[c]));
    if (values.some((v) => v === '') || new Set(values).size !== values.length) return false;
    const labels = new Set(raters.filter((o) => o !== c).flatMap((o) => file.rows.map((r) => text(r.value[o])).filter((v) => v !== '')));
    return values.length > labels.size;
  });
}

/** Reads the wide layout from records; problems are added to `file.log`. */
export function ratingsFromRecords(file: RecordFile, options: RatingsOptions = {}): RatingsRead {
  const { log } = file;
  const columns = file.columns;
  if (columns.length === 0) {
    if (log.total === 0) log.add(undefined, 'the ratings file is empty: it needs a header row naming the raters');
    return { kind: 'problems' };
  }
  columns.forEach((c, j) => c === '' && log.add(1, `column ${j + 1} has no name`));
  const lower = (c: string) => c.toLowerCase();
  const named = columns.filter((c) => (ID_COLUMN_NAMES as readonly string[]).includes(lower(c)));
  if (options.idColumn && !columns.includes(options.idColumn)) log.add(1, `there is no column "${options.idColumn}"`, options.idColumn);
  const ids = columns.filter((c) => named.includes(c) || c === options.idColumn);
  const raters = columns.filter((c) => c !== '' && !ids.includes(c));
  if (options.idColumn === undefined) {
    const unsure = idLikeColumns(file, raters);
    if (unsure.length && log.total === 0) return { kind: 'choose-id', candidates: unsure };
  }
  if (raters.length === 0) log.add(1, 'no column is left for a rater');
  const itemColumn =
    options.idColumn ??
    ID_COLUMN_NAMES.filter((n) => n !== 'persona_id')
      .map((n) => ids.find((c) => lower(c) === n))
      .find((c) => c);
  const personaColumn = ids.find((c) => lower(c) === 'persona_id' && c !== itemColumn);
  if (itemColumn) {
    const seen = new Map<string, number>();
    for (const r of file.rows) {
      const id = text(r.value[itemColumn]);
      const before = seen.get(id);
      if (id === '') log.add(r.line, 'the item has no id', itemColumn);
      else if (before !== undefined) log.add(r.line, `item "${id}" appears twice (first on line ${before})`, itemColumn);
      else seen.set(id, r.line);
    }
  }
  if (options.categories) {
    const index = categoryIndex(options.categories);
    for (const r of file.rows)
      for (const c of raters) {
        const label = text(r.value[c]);
        if (label !== '' && !index.has(label))
          log.add(r.line, `label "${label}" is not among the categories (${options.categories.join(', ')})`, c);
      }
  }
  if (log.total) return { kind: 'problems' };
  const rows = file.rows.map((r) => raters.map((c) => text(r.value[c])));
  const table: RatingsTable = {
    raters,
    idColumns: ids,
    ...encodeRows(rows, raters.length, options.categories, raters),
    ...(itemColumn ? { itemIds: file.rows.map((r) => text(r.value[itemColumn])) } : {}),
    ...(personaColumn ? { personaIds: file.rows.map((r) => text(r.value[personaColumn])) } : {}),
  };
  return { kind: 'table', table };
}
