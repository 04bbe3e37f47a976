/**
 * Reading label files into a LabelSet, so the analyses work from imported labels before (and
 * besides) the pipeline's own judge runs. Two layouts:
 *   long (CSV or JSONL): one label per row, columns pair_id, rater, choice and optionally
 *     persona_id, rater_kind (model|human), model, mode, shown_first, length_a, length_b;
 *   wide (CSV, the `agreement` CLI's ratings file): a header naming raters, one row per item.
 * A label given twice identically is a duplicate (kept once, listed); given twice differently it is
 * a conflict: listed and left out (missing) until the user decides. Nothing is merged silently.
 */
import { z } from 'zod';
import { hashHex } from '../random';
import { categoryIndex, inferCategories } from '../stats/categories';
import { readRatingsTable, RatingsFileError } from '../stats/ratings-table';
import type { LabelSet, PairRef, RaterInfo } from './label-set';

/** A file that cannot be imported; `problems` name each bad row (at most 20). */
export class LabelFileError extends Error {
  override readonly name = 'LabelFileError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
  }
}

/** The same pair and rater more than once. */
export interface RepeatedLabel {
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
  /** Identical repeats (kept once). */
  readonly duplicates: readonly RepeatedLabel[];
  /** Different choices for the same pair and rater (left out). */
  readonly conflicts: readonly RepeatedLabel[];
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optText = z.preprocess(blankToUndefined, z.string().optional());
const optLength = z.preprocess(blankToUndefined, z.coerce.number().int().nonnegative().optional());

/** One long-format row. */
export const labelRowSchema = z.object({
  pair_id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1, 'pair_id is empty')),
  rater: z.string().trim().min(1, 'rater is empty'),
  choice: z.preprocess((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v), z.string().trim()),
  persona_id: optText,
  rater_kind: z.preprocess(blankToUndefined, z.enum(['model', 'human']).optional()),
  model: optText,
  mode: optText,
  shown_first: optText,
  length_a: optLength,
  length_b: optLength,
});
type LabelRow = z.infer<typeof labelRowSchema>;

/** Builds the set from validated long rows (with their row numbers). */
function fromLongRows(
  rows: readonly { row: LabelRow; at: number }[],
  name: string,
  now: number,
  categories?: readonly string[],
): LabelImport {
  const problems: string[] = [];
  const labels = rows.map((r) => r.row.choice).filter((c) => c !== '');
  const cats = categories ?? (labels.every((c) => c === 'a' || c === 'b') ? ['a', 'b'] : inferCategories(labels));
  const index = categoryIndex(cats);
  const pairIdx = new Map<string, number>(),
    pairs: PairRef[] = [];
  const raterIdx = new Map<string, number>(),
    raters: RaterInfo[] = [];
  for (const { row, at } of rows) {
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
      problems.push(`row ${at}: pair "${row.pair_id}" has persona "${persona}" here but "${pairs[p]!.personaId}" earlier`);
    }
    const r = raterIdx.get(row.rater);
    const kind = row.rater_kind ?? 'unspecified';
    if (r === undefined) {
      raterIdx.set(row.rater, raters.length);
      raters.push({ id: row.rater, kind, ...(row.model ? { model: row.model } : {}), ...(row.mode ? { mode: row.mode } : {}) });
    } else if (raters[r]!.kind !== kind) {
      problems.push(`row ${at}: rater "${row.rater}" is ${kind} here but ${raters[r]!.kind} earlier`);
    }
    if (row.choice !== '' && !index.has(row.choice)) problems.push(`row ${at}: choice "${row.choice}" is not one of ${cats.join(', ')}`);
    if (row.shown_first !== undefined && !index.has(row.shown_first))
      problems.push(`row ${at}: shown_first "${row.shown_first}" is not one of ${cats.join(', ')}`);
    if (problems.length >= 20) break;
  }
  if (problems.length) throw new LabelFileError('the label file has errors', problems);
  const n = pairs.length;
  const choices = new Int16Array(raters.length * n).fill(-1);
  const shownFirst = new Int16Array(raters.length * n).fill(-1);
  const seen = new Map<number, { choices: string[]; rows: number[] }>();
  for (const { row, at } of rows) {
    const cell = raterIdx.get(row.rater)! * n + pairIdx.get(row.pair_id)!;
    const s = seen.get(cell);
    if (s) {
      s.choices.push(row.choice);
      s.rows.push(at);
      continue;
    }
    seen.set(cell, { choices: [row.choice], rows: [at] });
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
  const id = hashHex(`${name}\n${now}\n${n}\n${raters.length}`);
  return { set: { id, name, createdAt: now, categories: cats, raters, pairs, choices, shownFirst }, format: 'long', duplicates, conflicts };
}

/** Imports split CSV cells (long layout when the header has pair_id, rater and choice; else wide). */
export function importLabelCells(
  cells: readonly (readonly string[])[],
  name: string,
  now: number,
  categories?: readonly string[],
): LabelImport {
  const header = (cells[0] ?? []).map((h) =>
    h
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase(),
  );
  if (['pair_id', 'rater', 'choice'].every((c) => header.includes(c))) {
    const problems: string[] = [];
    const rows: { row: LabelRow; at: number }[] = [];
    cells.slice(1).forEach((cellsOfRow, i) => {
      if (cellsOfRow.length !== header.length) {
        problems.push(`row ${i + 2} has ${cellsOfRow.length} cells, the header has ${header.length}`);
        return;
      }
      const parsed = labelRowSchema.safeParse(Object.fromEntries(header.map((h, j) => [h, cellsOfRow[j]])));
      if (parsed.success) rows.push({ row: parsed.data, at: i + 2 });
      else problems.push(`row ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`).join(', ')}`);
    });
    if (problems.length) throw new LabelFileError('the label file has errors', problems.slice(0, 20));
    return fromLongRows(rows, name, now, categories);
  }
  try {
    const t = readRatingsTable(cells, categories);
    const n = t.matrix.nItems;
    const pairs = Array.from({ length: n }, (_, i) => ({ id: `item-${i + 1}`, personaId: '' }));
    const set: LabelSet = {
      id: hashHex(`${name}\n${now}\nwide`),
      name,
      createdAt: now,
      categories: t.categories,
      raters: t.raters.map((id) => ({ id, kind: 'unspecified' as const })),
      pairs,
      choices: Int16Array.from(t.matrix.codes),
      shownFirst: new Int16Array(t.matrix.codes.length).fill(-1),
    };
    return { set, format: 'wide', duplicates: [], conflicts: [] };
  } catch (e) {
    if (e instanceof RatingsFileError) throw new LabelFileError(e.message);
    throw e;
  }
}

/** Imports JSONL: one long-layout object per line; blank lines are skipped. */
export function importLabelJsonl(text: string, name: string, now: number, categories?: readonly string[]): LabelImport {
  const problems: string[] = [];
  const rows: { row: LabelRow; at: number }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || problems.length >= 20) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    const parsed = labelRowSchema.safeParse(value);
    if (parsed.success) rows.push({ row: parsed.data, at: i + 1 });
    else problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join(', ')}`);
  });
  if (problems.length) throw new LabelFileError('the label file has errors', problems);
  if (rows.length === 0) throw new LabelFileError('the label file has no labels');
  return fromLongRows(rows, name, now, categories);
}
