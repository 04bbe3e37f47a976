/**
 * JSON text as the reader meets it: JSON lines (whole files or streamed in pieces), one JSON
 * document, and parse errors worded for people ("unterminated string at column 11" instead of
 * "Unterminated string in JSON at position 10"). Every JSON line of every imported file is parsed
 * here, nowhere else.
 */
import type { LineUnit, ProblemLog } from './problems';

/** One record read from a file: its position (see the file's unit) and its fields. */
export interface RecordRow {
  /** 1-based line (JSONL, and CSV where the record starts), JSON array element or Parquet row. */
  readonly line: number;
  /** The record's fields. */
  readonly value: Readonly<Record<string, unknown>>;
}

/** How values that are not objects are taken. */
export interface ValueOptions {
  /** When set, a bare string record becomes `{ [stringField]: text }` (prompt lists); otherwise it is a problem. */
  readonly stringField?: string;
}

const BOM = /^\uFEFF/;

/** Strips a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.replace(BOM, '');
}

/** A 0-based offset in `text` as 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

/**
 * Why `JSON.parse` failed, in words that do not depend on the engine and with the position as a
 * column (V8, Firefox and Safari word it differently); `offset` is the error's offset when known.
 */
export function jsonErrorReason(e: unknown): { reason: string; offset?: number } {
  let m = e instanceof Error ? e.message : String(e);
  m = m
    .replace(/^JSON\.parse: /, '')
    .replace(/^JSON Parse error: /, '')
    .replace(/ of the JSON data$/, '');
  m = m.replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '');
  m = m.replace(/^Unexpected token '([\s\S])'/, (all, c: string) =>
    c === '\n' || c === '\r' ? 'Unexpected line break' : c === '\t' ? 'Unexpected tab' : all,
  );
  let offset: number | undefined;
  m = m.replace(/ (in|after) JSON at position (\d+)(?: \(line \d+ column \d+\))?/, (_all, where: string, pos: string) => {
    offset = Number(pos);
    return where === 'after' ? ' after the JSON value' : '';
  });
  m = m.replace(/^Unexpected end of JSON input$/, 'unexpected end of input').replace(/ at line \d+ column \d+$/, '');
  const reason = m.charAt(0).toLowerCase() + m.slice(1);
  return offset === undefined ? { reason } : { reason, offset };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

/**
 * One parsed value as a record: objects as they are, strings as `{ [stringField]: s }` when asked;
 * anything else (null, a number, an array) is a problem of that line, never of the whole file.
 */
export function recordOf(value: unknown, line: number, unit: LineUnit, log: ProblemLog, options: ValueOptions): RecordRow | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { line, value: value as Record<string, unknown> };
  if (typeof value === 'string' && options.stringField !== undefined) return { line, value: { [options.stringField]: value } };
  log.add(
    line,
    `the ${unit} is ${kindOf(value)}, not ${options.stringField !== undefined ? 'a record or a string' : 'a record (a JSON object)'}`,
  );
  return undefined;
}

/**
 * JSON lines read in pieces as they arrive (a download) or all at once: BOM stripped, CRLF and
 * LF both ending lines, blank lines skipped, each other line one record or one problem.
 */
export class JsonlLines {
  #carry = '';
  #line = 0;
  #started = false;

  constructor(
    private readonly log: ProblemLog,
    private readonly onRow: (row: RecordRow) => void,
    private readonly options: ValueOptions = {},
  ) {}

  /** Takes the next piece of text (lines may be split anywhere between pieces). */
  push(piece: string): void {
    let text = this.#carry + piece;
    if (!this.#started && text.length > 0) {
      text = stripBom(text);
      this.#started = true;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.#take(text.slice(start, nl));
      start = nl + 1;
    }
    this.#carry = text.slice(start);
  }

  /** Ends the text: the last line needs no line break. */
  end(): void {
    if (this.#carry !== '' || this.#line === 0) this.#take(this.#carry);
    this.#carry = '';
  }

  /** Lines taken so far. */
  get lines(): number {
    return this.#line;
  }

  #take(raw: string): void {
    const line = ++this.#line;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const { reason, offset } = jsonErrorReason(e);
      this.log.add(line, `not valid JSON (${reason}${offset === undefined ? '' : ` at column ${offset + 1}`})`);
      return;
    }
    const row = recordOf(value, line, 'line', this.log, this.options);
    if (row) this.onRow(row);
  }
}

/** One whole JSON document (a kit, an annotation file); a parse error is a problem naming its line and column. */
export function readJsonDocument(text: string, log: ProblemLog): { ok: true; value: unknown } | { ok: false } {
  const body = stripBom(text);
  if (body.trim() === '') {
    log.add(undefined, 'the file is empty');
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const { reason, offset } = jsonErrorReason(e);
    if (offset === undefined) log.add(undefined, `not valid JSON (${reason})`);
    else {
      const at = lineAndColumn(body, offset);
      log.add(at.line, `not valid JSON (${reason} at column ${at.column})`);
    }
    return { ok: false };
  }
}
