/**
 * Persona sets as files: JSONL (one persona per line, the CLI's format) and CSV (a header of
 * id, split and the 34 keys; an empty cell is null), written here and read through the record
 * reader. Import validates every record with `personaSchema` and names the line and field of each
 * problem; a file with any problem is refused whole, so nothing half-imported is ever kept.
 */
import { hashHex } from '../random';
import { checkValue, IdTracker } from '../records/check';
import { csvRecords } from '../records/csv-write';
import type { ProblemList } from '../records/problems';
import { readRecords, type RecordFile } from '../records/read';
import { NUMERIC_KEYS, PERSONA_KEYS, orderPersona, personaSchema, type Persona } from './schema';

/** The columns of a persona file, in order. */
const PERSONA_COLUMNS: readonly string[] = ['id', 'split', ...PERSONA_KEYS];

/** One persona as a JSONL line (no newline), keys in order. */
export function personaLine(p: Persona): string {
  return JSON.stringify(orderPersona(p));
}

/** A whole set as JSONL, one persona per line, ending with a newline (empty string for no personas). */
export function toJsonl(personas: readonly Persona[]): string {
  return personas.map((p) => personaLine(p) + '\n').join('');
}

/**
 * CSV rows for personas (the one CSV writer: RFC 4180, CRLF between rows, formulas neutralised;
 * null is an empty cell), with the header row first when `header` is true; no trailing line break.
 */
export function csvRows(personas: readonly Persona[], header: boolean): string {
  const rows = personas.map((p) => PERSONA_COLUMNS.map((k) => (p as Record<string, string | number | null>)[k]));
  return csvRecords(header ? [PERSONA_COLUMNS, ...rows] : rows);
}

/** A whole set as CSV: the header, then one row per persona. */
export function toCsv(personas: readonly Persona[]): string {
  return csvRows(personas, true);
}

/** A 32-hex-digit fingerprint of a set's JSONL: equal sets, equal fingerprints. */
export function setFingerprint(personas: readonly Persona[]): string {
  return hashHex(personas.map((p) => hashHex(personaLine(p), 4)).join(''), 4);
}

/** A persona file read: the personas when the file had no problem, else its problems (nothing is half-imported). */
export type PersonaFileResult = { readonly ok: true; readonly personas: Persona[] } | ({ readonly ok: false } & ProblemList);

/** A CSV or Parquet cell as a persona value: empty is null; age and income become whole numbers when they are. */
function cellValue(key: string, cell: unknown): unknown {
  if (cell === '' || cell === null || cell === undefined) return null;
  if (typeof cell === 'string' && NUMERIC_KEYS.has(key as never)) return /^-?\d+$/.test(cell.trim()) ? Number(cell) : cell;
  return cell;
}

/** Checks records read from a persona file (see `readPersonaFile`). */
function personasFromRecords(file: RecordFile): PersonaFileResult {
  const { log } = file;
  const tabular = file.format === 'csv' || file.format === 'parquet';
  const missing = tabular ? PERSONA_COLUMNS.filter((c) => !file.columns.includes(c)) : [];
  const unknown = tabular ? file.columns.filter((c) => c !== '' && !PERSONA_COLUMNS.includes(c)) : [];
  if (file.columns.length) {
    for (const m of missing) log.add(1, 'missing column', m);
    for (const x of unknown) log.add(1, 'unknown column', x);
  }
  const personas: Persona[] = [];
  const ids = new IdTracker();
  if (missing.length === 0 && unknown.length === 0)
    for (const row of file.rows) {
      const record = tabular ? Object.fromEntries(Object.entries(row.value).map(([k, v]) => [k, cellValue(k, v)])) : row.value;
      const p = checkValue(personaSchema, record, row.line, log);
      if (p && !ids.repeated(p.id, row.line, log)) personas.push(orderPersona(p as Persona));
    }
  if (log.total === 0 && personas.length === 0) log.add(undefined, 'the file holds no personas');
  return log.total ? { ok: false, ...log.list() } : { ok: true, personas };
}

/**
 * Reads a persona file: JSON lines (the CLI's format), a JSON array, CSV (a header of id, split
 * and the 34 keys; an empty cell is null) or Parquet with those columns. Every record is checked
 * with `personaSchema`: a mistyped or unknown field, a repeated id, a damaged line is a problem
 * naming the line and field, and a file with any problem is refused whole.
 */
export async function readPersonaFile(name: string, input: string | Uint8Array): Promise<PersonaFileResult> {
  return personasFromRecords(await readRecords(name, input));
}
