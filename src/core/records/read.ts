/**
 * The one record reader: every imported file of records (personas, prompts, pairs, labels and
 * ratings, leave-one-out judgements, kit pairs, batch outputs), in the app and the CLI, is turned
 * into rows with their line numbers here. Formats: JSON lines, a JSON array, CSV/TSV and Parquet,
 * told apart by the name and the first bytes. A BOM is stripped, CRLF handled, blank lines
 * skipped, and a damaged, `null` or non-object record is a problem of its line, never a crash of
 * the whole file. Importers then check each row with their format's zod schema (`check.ts`) and
 * add their own problems to the same `ProblemLog`.
 */
import { readCsvText } from './csv-read';
import { JsonlLines, jsonErrorReason, lineAndColumn, recordOf, stripBom, type RecordRow, type ValueOptions } from './json-text';
import type { ColumnPicker } from './parquet-read';
import { ProblemLog, type LineUnit } from './problems';

/** A file format the reader knows. */
export type RecordFormat = 'jsonl' | 'json' | 'csv' | 'parquet';

/** What `readRecords` needs besides the file. */
export interface ReadOptions extends ValueOptions {
  /** The format, when the caller knows it; otherwise `detectFormat`. */
  readonly format?: RecordFormat;
  /** Parquet: the columns to decode, from those the file has (default all). */
  readonly columns?: ColumnPicker;
}

/** A file read into records. */
export interface RecordFile {
  /** The file's name, as problems name it. */
  readonly file: string;
  /** The format it was read as. */
  readonly format: RecordFormat;
  /** CSV and Parquet: the column names in file order; JSON formats: empty. */
  readonly columns: readonly string[];
  /** The records, in file order. */
  readonly rows: readonly RecordRow[];
  /** The problems found so far; importers add theirs. Lines count lines, JSON array items or Parquet rows (`log.unit`). */
  readonly log: ProblemLog;
}

const UNIT: Record<RecordFormat, LineUnit> = { jsonl: 'line', csv: 'line', json: 'item', parquet: 'row' };

function headText(head: Uint8Array | string | undefined): string {
  if (head === undefined) return '';
  return stripBom(typeof head === 'string' ? head.slice(0, 256) : new TextDecoder().decode(head.subarray(0, 256))).trimStart();
}

/**
 * The format of a file from its name (.parquet, .jsonl/.ndjson, .csv/.tsv, .json), else from its
 * first bytes: "PAR1" is Parquet, "[" a JSON array, "{" JSON lines, anything else CSV. A ".json"
 * file that does not start with "[" is read as JSON lines (one object per line).
 */
export function detectFormat(name: string, head?: Uint8Array | string): RecordFormat {
  const n = name.toLowerCase();
  if (n.endsWith('.parquet')) return 'parquet';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson')) return 'jsonl';
  if (n.endsWith('.csv') || n.endsWith('.tsv')) return 'csv';
  if (head instanceof Uint8Array && head.length >= 4 && String.fromCharCode(head[0]!, head[1]!, head[2]!, head[3]!) === 'PAR1')
    return 'parquet';
  const first = headText(head)[0];
  if (n.endsWith('.json')) return first === '[' ? 'json' : 'jsonl';
  return first === '[' ? 'json' : first === '{' ? 'jsonl' : 'csv';
}

/** Decodes a file's bytes: UTF-8, or UTF-16 when it starts with a UTF-16 byte-order mark (spreadsheets' "Unicode text"). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder().decode(bytes);
}

function readJsonArray(body: string, log: ProblemLog, options: ValueOptions): RecordRow[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const { reason, offset } = jsonErrorReason(e);
    const at = offset === undefined ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(body, offset));
    log.add(undefined, `not valid JSON (${reason}${at})`);
    return [];
  }
  if (!Array.isArray(value)) {
    log.add(
      undefined,
      `expected a JSON array of records, found ${value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value}`,
    );
    return [];
  }
  const rows: RecordRow[] = [];
  value.forEach((v, i) => {
    const row = recordOf(v, i + 1, 'item', log, options);
    if (row) rows.push(row);
  });
  return rows;
}

/** Reads text formats (JSON lines, JSON array, CSV) synchronously; Parquet needs `readRecords`. */
export function readTextRecords(name: string, text: string, options: ReadOptions = {}): RecordFile {
  const format = options.format ?? detectFormat(name, text);
  const log = new ProblemLog(name, UNIT[format]);
  const body = stripBom(text);
  if (format === 'parquet') {
    log.add(undefined, 'a Parquet file cannot be read as text');
    return { file: name, format, columns: [], rows: [], log };
  }
  if (format === 'csv') {
    const { columns, rows } = readCsvText(body, log, name.toLowerCase().endsWith('.tsv'));
    return { file: name, format, columns, rows, log };
  }
  if (format === 'json') return { file: name, format, columns: [], rows: readJsonArray(body, log, options), log };
  const rows: RecordRow[] = [];
  const lines = new JsonlLines(log, (r) => rows.push(r), options);
  lines.push(body);
  lines.end();
  return { file: name, format, columns: [], rows, log };
}

/** Reads a file of records in any format the reader knows (text or bytes; Parquet needs bytes). */
export async function readRecords(name: string, input: string | Uint8Array | ArrayBuffer, options: ReadOptions = {}): Promise<RecordFile> {
  if (typeof input === 'string') return readTextRecords(name, input, options);
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const format = options.format ?? detectFormat(name, bytes);
  if (format !== 'parquet') return readTextRecords(name, decodeText(bytes), { ...options, format });
  const log = new ProblemLog(name, 'row');
  const { readParquetBytes } = await import('./parquet-read');
  const { columns, rows } = await readParquetBytes(bytes, log, options.columns);
  return { file: name, format, columns, rows, log };
}
