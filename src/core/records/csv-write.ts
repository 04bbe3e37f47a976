/**
 * The one CSV writer of every export (pairs, persona sets, leave-one-out kappas, and any table to
 * come): RFC 4180 by papaparse, CRLF between records, and formulas neutralised. A text cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any apostrophes) gets one more
 * leading `'`, so a spreadsheet shows it as text instead of running it (a model reply of
 * `=HYPERLINK(…)` stays a string). Numbers are written as they are, negative ones included. The
 * reader takes one `'` off again (`csv-read.ts`), so our files read back exactly.
 */
import Papa from 'papaparse';

/** A cell: text, a number, a boolean, or nothing (an empty cell). */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * Text cells that get a leading `'`: a formula start, possibly after apostrophes (so a cell that
 * already starts with `'=` keeps its own apostrophe through a write and a read).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Records as CSV text: CRLF between records, none after the last (empty string for no records). */
export function csvRecords(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return '';
  const data = rows.map((r) => r.map((c) => (c === undefined ? null : c)));
  return Papa.unparse(data, { header: false, newline: '\r\n', escapeFormulae: FORMULA_START });
}

/** One record as a CSV line, without a line break. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return csvRecords([cells]);
}

/** A whole table: the header, then the rows, each line ending with CRLF. */
export function csvTable(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvRecords([columns, ...rows]) + '\r\n';
}
