/**
 * CSV (and TSV) records by papaparse: the first non-blank row names the columns, every later row
 * is one record keyed by them, numbered by the physical line it starts on (a quoted cell may span
 * lines). Blank rows are skipped; a row with the wrong number of cells or broken quoting is a
 * problem of its line. A leading `'` that a formula-safe CSV writer put before `= + - @`, tab or
 * CR (see `csv-write.ts`) is taken off again, so exported files read back as they were.
 */
import Papa from 'papaparse';
import type { RecordRow } from './json-text';
import type { ProblemLog } from './problems';

/** A CSV file's header and records. */
export interface CsvRecords {
  /** The column names, trimmed, in file order ("" for a column without a name). */
  readonly columns: readonly string[];
  /** The records; cells are strings ("" for an empty cell); columns without a name are left out. */
  readonly rows: RecordRow[];
}

const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** A cell with the formula guard taken off (one leading `'` before a formula start). */
function unescapeCell(cell: string): string {
  return cell.charCodeAt(0) === 39 && ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/** The delimiter of a header line: tab, semicolon or comma, whichever it holds most (comma on a tie). */
function guessDelimiter(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  const [tabs, semis, commas] = [count('\t'), count(';'), count(',')];
  if (tabs > commas && tabs >= semis) return '\t';
  if (semis > commas) return ';';
  return ',';
}

/** Reads CSV text (BOM already stripped); `tsv` forces tabs. */
export function readCsvText(body: string, log: ProblemLog, tsv = false): CsvRecords {
  const firstLine = /^[^\r\n]*\S[^\r\n]*/m.exec(body)?.[0] ?? '';
  const delimiter = tsv ? '\t' : guessDelimiter(firstLine);
  const rows: RecordRow[] = [];
  let columns: string[] | undefined;
  let named: [number, string][] = [];
  let rowStart = 0;
  let countedTo = 0;
  let countedLine = 1;
  const lineAt = (offset: number) => {
    for (; countedTo < offset && countedTo < body.length; countedTo++) if (body.charCodeAt(countedTo) === 10) countedLine++;
    return countedLine;
  };
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const line = lineAt(rowStart);
      rowStart = result.meta.cursor;
      const cells = result.data;
      if (cells.every((c) => c.trim() === '')) return;
      const broken = result.errors.find((e) => e.type === 'Quotes');
      if (broken) return log.add(line, `broken CSV quoting (${broken.message.toLowerCase()})`);
      if (!columns) {
        columns = cells.map((c) => unescapeCell(c).trim());
        const seen = new Set<string>();
        for (const c of columns) {
          if (c !== '' && seen.has(c)) log.add(line, `the column "${c}" appears twice`, c);
          seen.add(c);
        }
        named = columns.map((c, i) => [i, c] as [number, string]).filter(([, c]) => c !== '');
        return;
      }
      const extra = cells.slice(columns.length);
      if (cells.length < columns.length || extra.some((c) => c.trim() !== '')) {
        return log.add(line, `has ${cells.length} cell${cells.length === 1 ? '' : 's'}, the header has ${columns.length}`);
      }
      const value: Record<string, unknown> = {};
      for (const [i, c] of named) value[c] = unescapeCell(cells[i] as string);
      rows.push({ line, value });
    },
  });
  if (!columns) log.add(undefined, 'the file is empty: a CSV file needs a header row naming its columns');
  return { columns: columns ?? [], rows };
}
