/**
 * Reading label files into a LabelSet, so the analyses work from imported labels before (and
 * besides) the pipeline's own judge runs. The record reader reads the file (CSV, JSON lines, a
 * JSON array or Parquet); two layouts:
 *   long: one label per row, columns pair_id, rater, choice and optionally persona_id,
 *     rater_kind (model|human), model, mode, shown_first, length_a, length_b;
 *   wide (CSV, the `agreement` CLI's ratings file): a header naming raters, one row per item. Id
 *     columns (pair_id, item, id, …) name the items and are never raters; a column that only looks
 *     like ids makes the import ask which column names the items (`idColumn`).
 * A label given twice identically is a duplicate (kept once, listed); given twice differently it is
 * a conflict: listed and left out (missing) until the user decides. Nothing is merged silently.
 */
import type { z } from 'zod';
import { hashHex } from '../random';
import { checkRows } from '../records/check';
import type { ProblemList } from '../records/problems';
import { readRecords, type RecordFile } from '../records/read';
import { labelRowSchema } from '../records/schemas';
import { categoryIndex, inferCategories } from '../stats/categories';
import { ratingsFromRecords } from '../stats/ratings-table';
import type { LabelSet, PairRef, RaterInfo } from './label-set';
/** The same pair and rater more than once. */
interface RepeatedLabel {
  /** Pair id. */
  readonly pairId: string;
  /** Rater id. */
  readonly rater: string;
  /** The choices given, in file order ("" for a blank one). */
  readonly choices: readonly string[];
  /** Rows (1-based, header = 1 for CSV; line numbers for JSONL). */
  readonly rows: readonly number[];
}

/** What an import produced. */
export interface LabelImport {
  /** The labels, conflicting ones left out. */
  readonly set: LabelSet;
  /** The layout recognised. */
  readonly format: 'long' | 'wide';
  /** Wide layout: the columns read as item or persona ids, not as raters (empty for the long layout). */
  readonly idColumns: readonly string[];
  /** Identical repeats (kept once). */
  readonly duplicates: readonly RepeatedLabel[];
  /** Different choices for the same pair and rater (left out). */
  readonly conflicts: readonly RepeatedLabel[];
}

type LabelRow = z.infer<typeof labelRowSchema>;

/** How to import a label file. */
export interface LabelImportOptions {
  /** Wide layout: the column naming the items (see `RatingsOptions.idColumn`); null when every other column is a rater. */
  readonly idColumn?: string | null;
  /** The category set, in order (default: inferred from the labels). */
  readonly categories?: readonly string[];
}

/**
 * A label import as plain data (it crosses the worker boundary): the import; the file's problems
 * (nothing is imported); or, for a wide file with a column that looks like item ids but is not
 * named so, the question which column names the items (import again with `idColumn`).
 */
export type LabelImportOutcome =
  | { readonly status: 'ok'; readonly value: LabelImport }
  | ({ readonly status: 'problems' } & ProblemList)
  | { readonly status: 'choose-id'; readonly file: string; readonly columns: readonly string[]; readonly candidates: readonly string[] };

/** Builds the set from validated long rows; problems go to the file's log (and then nothing is returned). */
function fromLongRows(rows: readonly { value: LabelRow; line: number }[], file: RecordFile, now: number, categories?: readonly string[]) {
  const { log } = file;
  const labels = rows.map((r) => r.value.choice).filter((c) => c !== '');
  const cats = categories ?? (labels.every((c) => c === 'a' || c === 'b') ? ['a', 'b'] : inferCategories(labels));
  const index = categoryIndex(cats);
  const pairIdx = new Map<string, number>(),
    pairs: PairRef[] = [];
  const raterIdx = new Map<string, number>(),
    raters: RaterInfo[] = [];
  for (const { value: row, line } of rows) {
    const p = pairIdx.get(row.pair_id);
    const persona = row.persona_id ?? '';
    if (p === undefined) {
      pairIdx.set(row.pair_id, pairs.length);
      pairs.push({
        id: row.pair_id,
        personaId: persona,
        ...(row.length_a !== undefined ? { lengthA: row.length_a } : {}),
        ...(row.length_b !== undefined ? { lengthB: row.length_b } : {}),
      });
    } else if (pairs[p]!.personaId !== persona) {
      log.add(line, `pair "${row.pair_id}" has persona "${persona}" here but "${pairs[p]!.personaId}" earlier`, 'persona_id');
    }
    const r = raterIdx.get(row.rater);
    const kind = row.rater_kind ?? 'unspecified';
    if (r === undefined) {
      raterIdx.set(row.rater, raters.length);
      raters.push({ id: row.rater, kind, ...(row.model ? { model: row.model } : {}), ...(row.mode ? { mode: row.mode } : {}) });
    } else if (raters[r]!.kind !== kind) {
      log.add(line, `rater "${row.rater}" is ${kind} here but ${raters[r]!.kind} earlier`, 'rater_kind');
    }
    if (row.choice !== '' && !index.has(row.choice)) log.add(line, `choice "${row.choice}" is not one of ${cats.join(', ')}`, 'choice');
    if (row.shown_first !== undefined && !index.has(row.shown_first))
      log.add(line, `shown_first "${row.shown_first}" is not one of ${cats.join(', ')}`, 'shown_first');
  }
  if (log.total) return undefined;
  const n = pairs.length;
  const choices = new Int16Array(raters.length * n).fill(-1);
  const shownFirst = new Int16Array(raters.length * n).fill(-1);
  const seen = new Map<number, { choices: string[]; rows: number[] }>();
  for (const { value: row, line } of rows) {
    const cell = raterIdx.get(row.rater)! * n + pairIdx.get(row.pair_id)!;
    const s = seen.get(cell);
    if (s) {
      s.choices.push(row.choice);
      s.rows.push(line);
      continue;
    }
    seen.set(cell, { choices: [row.choice], rows: [line] });
    choices[cell] = row.choice === '' ? -1 : index.get(row.choice)!;
    if (row.shown_first !== undefined) shownFirst[cell] = index.get(row.shown_first)!;
  }
  const duplicates: RepeatedLabel[] = [],
    conflicts: RepeatedLabel[] = [];
  for (const [cell, s] of seen) {
    if (s.rows.length < 2) continue;
    const rep = { pairId: pairs[cell % n]!.id, rater: raters[Math.floor(cell / n)]!.id, choices: s.choices, rows: s.rows };
    if (new Set(s.choices).size === 1) duplicates.push(rep);
    else {
      conflicts.push(rep);
      choices[cell] = -1;
      shownFirst[cell] = -1;
    }
  }
  const name = file.file;
  const id = hashHex(`${name}\n${now}\n${n}\n${raters.length}`);
  const set: LabelSet = { id, name, createdAt: now, categories: cats, raters, pairs, choices, shownFirst };
  return { set, format: 'long' as const, idColumns: [], duplicates, conflicts };
}

/** Builds the set from the wide layout: one column per rater, id columns naming the items. */
function fromWide(file: RecordFile, now: number, options: LabelImportOptions): LabelImportOutcome | LabelImport | undefined {
  const read = ratingsFromRecords(file, options);
  if (read.kind === 'choose-id') return { status: 'choose-id', file: file.file, columns: file.columns, candidates: read.candidates };
  if (read.kind === 'problems') return undefined;
  const t = read.table;
  const n = t.matrix.nItems;
  const pairs = Array.from({ length: n }, (_, i) => ({ id: t.itemIds?.[i] ?? `item-${i + 1}`, personaId: t.personaIds?.[i] ?? '' }));
  const set: LabelSet = {
    id: hashHex(`${file.file}\n${now}\nwide`),
    name: file.file,
    createdAt: now,
    categories: t.categories,
    raters: t.raters.map((id) => ({ id, kind: 'unspecified' as const })),
    pairs,
    choices: Int16Array.from(t.matrix.codes),
    shownFirst: new Int16Array(t.matrix.codes.length).fill(-1),
  };
  return { set, format: 'wide', idColumns: t.idColumns, duplicates: [], conflicts: [] };
}

const LONG_COLUMNS = ['pair_id', 'rater', 'choice'];

/** Imports records read from a label file: the long layout when they have pair_id, rater and choice (always for JSON), else the wide one. */
export function importLabelRecords(file: RecordFile, now: number, options: LabelImportOptions = {}): LabelImportOutcome {
  const { log } = file;
  const long =
    file.format === 'jsonl' || file.format === 'json' || LONG_COLUMNS.every((c) => file.columns.map((x) => x.toLowerCase()).includes(c));
  let value: LabelImportOutcome | LabelImport | undefined;
  if (long) {
    const mixedCase = file.columns.some((c) => c !== c.toLowerCase());
    const records = mixedCase ? file.rows.map((r) => ({ line: r.line, value: lowerKeys(r.value) })) : file.rows;
    const rows = checkRows(labelRowSchema, records, log);
    if (log.total === 0 && rows.length === 0 && file.rows.length === 0) log.add(undefined, 'the file holds no labels');
    value = log.total ? undefined : fromLongRows(rows, file, now, options.categories);
  } else value = fromWide(file, now, options);
  if (value && 'status' in value) return value;
  if (!value || log.total) return { status: 'problems', ...log.list() };
  return { status: 'ok', value };
}

function lowerKeys(v: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
}

/** Reads and imports a label file (any format the record reader knows). */
export async function importLabelFile(
  name: string,
  input: string | Uint8Array,
  now: number,
  options: LabelImportOptions = {},
): Promise<LabelImportOutcome> {
  return importLabelRecords(await readRecords(name, input), now, options);
}
