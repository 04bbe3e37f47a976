/**
 * Building a model from text chunks of PUMS CSV files, the pure part of the browser import: the
 * compute worker reads File chunks and hands them here. Files are given with their first line
 * (to tell person from housing files, so housing files are read first).
 */
import { CensusModelBuilder } from './builder';
import { finishCensusModel } from './build';
import type { CensusModelData } from './model';
import { HousingRowReader, PersonRowReader, PumsFormatError, pumsKind, type PumsKind } from './pums-format';

/** Parses a CSV line of a PUMS file (census.gov files quote nothing but the header may be quoted). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '',
    q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') ((cur += '"'), i++);
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') (out.push(cur), (cur = ''));
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The kind of a file from its first line. */
export function kindOfHeaderLine(file: string, firstLine: string): PumsKind {
  return pumsKind(file, splitCsvLine(firstLine.replace(/^\uFEFF/, '').trimEnd()));
}

/** Feeds whole lines of one file to a builder; `push` takes text chunks, `end` the rest. */
export class CsvFileFeeder {
  readonly #name: string;
  readonly #builder: CensusModelBuilder;
  #reader: PersonRowReader | HousingRowReader | undefined;
  #rest = '';
  #line = 0;
  /** Data rows read. */
  rows = 0;

  constructor(name: string, builder: CensusModelBuilder) {
    this.#name = name;
    this.#builder = builder;
  }

  /** Adds a chunk of text (may end mid-line). */
  push(text: string): void {
    const s = this.#rest + text;
    let start = 0;
    for (let nl = s.indexOf('\n', start); nl >= 0; nl = s.indexOf('\n', start)) {
      this.#lineOf(s.slice(start, nl));
      start = nl + 1;
    }
    this.#rest = s.slice(start);
  }

  /** Ends the file; throws PumsFormatError when it had no header. */
  end(): void {
    if (this.#rest) this.#lineOf(this.#rest);
    this.#rest = '';
    if (!this.#reader) throw new PumsFormatError(this.#name, 1, 0, 'the file is empty');
  }

  #lineOf(raw: string): void {
    this.#line++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.#line === 1) {
      const header = splitCsvLine(line.replace(/^\uFEFF/, ''));
      this.#reader =
        pumsKind(this.#name, header) === 'person' ? new PersonRowReader(this.#name, header) : new HousingRowReader(this.#name, header);
      return;
    }
    if (line.trim() === '') return;
    this.rows++;
    this.#reader!.add(splitCsvLine(line), this.#line, this.#builder);
  }
}

/** Where an import failed, as plain data (crosses the worker boundary). */
export interface ImportFailure {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Turns any error of an import into an ImportFailure. */
export function importFailure(e: unknown, fallbackFile: string): ImportFailure {
  if (e instanceof PumsFormatError) return { file: e.file, line: e.line, column: e.column, message: e.message };
  return { file: fallbackFile, line: 0, column: 0, message: e instanceof Error ? e.message : String(e) };
}

/** Finishes an import's builder into a model (default model as base, fewer Monte Carlo draws). */
export function finishImport(builder: CensusModelBuilder, base: CensusModelData, source: string): CensusModelData {
  const model = finishCensusModel(builder, { base, marginalDraws: 200_000 });
  return { ...model, meta: { ...model.meta, source } };
}

export { CensusModelBuilder };
