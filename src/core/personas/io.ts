/**
 * Persona sets as files: JSONL (one persona per line, the CLI's format) and CSV (a header of
 * id, split and the 34 keys; an empty cell is null). Import validates every record with
 * `personaSchema` and names the line and field of each problem; a file with any problem is
 * refused whole, so nothing half-imported is ever kept.
 */
import Papa from 'papaparse';
import { hashHex } from '../random';
import { NUMERIC_KEYS, PERSONA_KEYS, orderPersona, personaSchema, type Persona } from './schema';

/** The columns of a persona file, in order. */
export const PERSONA_COLUMNS: readonly string[] = ['id', 'split', ...PERSONA_KEYS];

/** One persona as a JSONL line (no newline), keys in order. */
export function personaLine(p: Persona): string {
  return JSON.stringify(orderPersona(p));
}

/** A whole set as JSONL, one persona per line, ending with a newline (empty string for no personas). */
export function toJsonl(personas: readonly Persona[]): string {
  return personas.map((p) => personaLine(p) + '\n').join('');
}

/**
 * CSV rows for personas (RFC 4180, CRLF between rows as papaparse writes them; null is an empty
 * cell), with the header row first when `header` is true; no trailing line break.
 */
export function csvRows(personas: readonly Persona[], header: boolean): string {
  const rows = personas.map((p) =>
    PERSONA_COLUMNS.map((k) => {
      const v = (p as Record<string, unknown>)[k];
      return v === null || v === undefined ? '' : v;
    }),
  );
  if (header) return Papa.unparse({ fields: [...PERSONA_COLUMNS], data: rows });
  return rows.length ? Papa.unparse(rows, { header: false }) : '';
}

/** A whole set as CSV: the header, then one row per persona. */
export function toCsv(personas: readonly Persona[]): string {
  return csvRows(personas, true);
}

/** A 32-hex-digit fingerprint of a set's JSONL: equal sets, equal fingerprints. */
export function setFingerprint(personas: readonly Persona[]): string {
  return hashHex(personas.map((p) => hashHex(personaLine(p), 4)).join(''), 4);
}

/** One problem in an imported file. */
export interface ImportIssue {
  /** 1-based line of the file. */
  readonly line: number;
  /** The field at fault, when there is one. */
  readonly field?: string;
  /** What is wrong. */
  readonly message: string;
}

/** The outcome of reading a file: the personas when there was no issue, else the issues. */
export type ImportResult = { readonly ok: true; readonly personas: Persona[] } | { readonly ok: false; readonly issues: ImportIssue[] };

/** The most issues reported for one file. */
export const MAX_ISSUES = 50;

/** Formats an issue as "line 3, field "age": expected …". */
export function formatIssue(i: ImportIssue): string {
  return `line ${i.line}${i.field ? `, field "${i.field}"` : ''}: ${i.message}`;
}

function validate(record: unknown, line: number, issues: ImportIssue[], seen: Map<string, number>): Persona | undefined {
  const r = personaSchema.safeParse(record);
  if (!r.success) {
    for (const e of r.error.issues) {
      if (e.code === 'unrecognized_keys') for (const k of e.keys) issues.push({ line, field: k, message: 'unknown field' });
      else issues.push({ line, ...(e.path.length ? { field: String(e.path[0]) } : {}), message: e.message });
    }
    return undefined;
  }
  const first = seen.get(r.data.id);
  if (first !== undefined) {
    issues.push({ line, field: 'id', message: `duplicate id "${r.data.id}" (first on line ${first})` });
    return undefined;
  }
  seen.set(r.data.id, line);
  return orderPersona(r.data as Persona);
}

function finish(personas: Persona[], issues: ImportIssue[]): ImportResult {
  if (issues.length) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  if (personas.length === 0) return { ok: false, issues: [{ line: 1, message: 'the file holds no personas' }] };
  return { ok: true, personas };
}

/** Reads JSONL: one persona object per line; blank lines are skipped. */
export function parseJsonl(text: string): ImportResult {
  const personas: Persona[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length && issues.length < MAX_ISSUES; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (e) {
      issues.push({ line: i + 1, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` });
      continue;
    }
    const p = validate(record, i + 1, issues, seen);
    if (p) personas.push(p);
  }
  return finish(personas, issues);
}

/** Reads CSV with a header row naming the columns (any order; every column required, no others). */
export function parseCsv(text: string): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const personas: Persona[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  let header: string[] | undefined;
  let rowStart = 0;
  let countedTo = 0;
  let countedLine = 1;
  const lineAt = (offset: number) => {
    for (; countedTo < offset && countedTo < body.length; countedTo++) if (body.charCodeAt(countedTo) === 10) countedLine++;
    return countedLine;
  };
  Papa.parse<string[]>(body, {
    skipEmptyLines: 'greedy',
    step: (row, parser) => {
      const line = lineAt(rowStart);
      rowStart = row.meta.cursor;
      while (rowStart < body.length && (body[rowStart] === '\n' || body[rowStart] === '\r')) rowStart++;
      if (row.errors.length) for (const e of row.errors) issues.push({ line, message: `CSV: ${e.message}` });
      if (!header) {
        header = row.data.map((h) => h.trim());
        const missing = PERSONA_COLUMNS.filter((c) => !header!.includes(c));
        const extra = header.filter((h) => !PERSONA_COLUMNS.includes(h));
        for (const m of missing) issues.push({ line, field: m, message: 'missing column' });
        for (const x of extra) issues.push({ line, field: x, message: 'unknown column' });
        if (issues.length) parser.abort();
        return;
      }
      if (row.data.length !== header.length) {
        issues.push({ line, message: `expected ${header.length} cells, found ${row.data.length}` });
      } else {
        const record: Record<string, unknown> = {};
        header.forEach((h, i) => {
          const cell = row.data[i] as string;
          if (cell === '') record[h] = null;
          else if (NUMERIC_KEYS.has(h as never)) record[h] = /^-?\d+$/.test(cell.trim()) ? Number(cell) : cell;
          else record[h] = cell;
        });
        const p = validate(record, line, issues, seen);
        if (p) personas.push(p);
      }
      if (issues.length >= MAX_ISSUES) parser.abort();
    },
  });
  if (!header) return { ok: false, issues: [{ line: 1, message: 'the file is empty' }] };
  return finish(personas, issues);
}

/** Reads a persona file by its name (".csv" is CSV, anything else JSONL). */
export function parsePersonaFile(name: string, text: string): ImportResult {
  return /\.csv$/i.test(name) ? parseCsv(text) : parseJsonl(text);
}
