/**
 * Reading PUMS rows, the pure part: which columns a person or housing file needs, and turning one
 * row of text fields into the builder's input with errors that name the file, line and column.
 * The file readers (Node streams in src/cli/census, File chunks in the compute worker) only split
 * text into rows and call these.
 */
import { NA, UNKNOWN } from './features';
import { PERSON_COLUMNS, REQUIRED_PERSON_COLUMNS, type CensusModelBuilder } from './builder';

/** A malformed input file, with where the problem is. Line and column are 1-based. */
export class PumsFormatError extends Error {
  override readonly name = 'PumsFormatError';
  constructor(
    /** The file's name. */
    readonly file: string,
    /** The line (1 is the header). */
    readonly line: number,
    /** The column number, 0 when the problem is not in one column. */
    readonly column: number,
    /** What is wrong. */
    readonly problem: string,
  ) {
    super(`${file}, line ${line}${column ? `, column ${column}` : ''}: ${problem}`);
  }
}

/** What kind of PUMS file a header belongs to. */
export type PumsKind = 'person' | 'housing';

/** Which kind of file a header is, or a PumsFormatError naming what is missing. */
export function pumsKind(file: string, header: readonly string[]): PumsKind {
  const h = header.map((c) => c.trim().toUpperCase());
  if (h.includes('PWGTP')) return 'person';
  if (h.includes('WGTP')) return 'housing';
  throw new PumsFormatError(
    file,
    1,
    0,
    'not a PUMS person or housing file: the header has neither PWGTP (person weight) nor WGTP (housing weight)',
  );
}

const INT = /^-?\d+$/;

/** Converts text rows of one person file into builder input. */
export class PersonRowReader {
  readonly #file: string;
  readonly #width: number;
  readonly #serial: number;
  readonly #sporder: number;
  readonly #weight: number;
  readonly #adjinc: number;
  readonly #cols: Int32Array;
  readonly #names: readonly string[];

  /** Checks the header; throws PumsFormatError when a required column is missing. */
  constructor(file: string, header: readonly string[]) {
    this.#file = file;
    const h = header.map((c) => c.trim().toUpperCase());
    this.#names = h;
    this.#width = h.length;
    for (const c of REQUIRED_PERSON_COLUMNS) {
      if (!h.includes(c))
        throw new PumsFormatError(
          file,
          1,
          0,
          `the header has no ${c} column (a PUMS person file needs ${REQUIRED_PERSON_COLUMNS.join(', ')})`,
        );
    }
    this.#serial = h.indexOf('SERIALNO');
    this.#sporder = h.indexOf('SPORDER');
    this.#weight = h.indexOf('PWGTP');
    this.#adjinc = h.indexOf('ADJINC');
    this.#cols = Int32Array.from(PERSON_COLUMNS, (c) => (c === 'ST' && !h.includes('ST') ? h.indexOf('STATE') : h.indexOf(c)));
  }

  /** Number of columns in the header. */
  get width(): number {
    return this.#width;
  }

  /** One data row (line is its 1-based line number) into `builder`. */
  add(fields: readonly string[], line: number, builder: CensusModelBuilder): void {
    const file = this.#file;
    if (fields.length !== this.#width) {
      throw new PumsFormatError(
        file,
        line,
        Math.min(fields.length, this.#width) + 1,
        `the row has ${fields.length} fields, the header ${this.#width}`,
      );
    }
    const serial = (fields[this.#serial] ?? '').trim();
    if (!serial) throw new PumsFormatError(file, line, this.#serial + 1, 'SERIALNO is empty');
    const num = (col: number, required: boolean): number => {
      const t = (fields[col] ?? '').trim();
      if (t === '') {
        if (required) throw new PumsFormatError(file, line, col + 1, `${this.#names[col]} is empty`);
        return NA;
      }
      if (!INT.test(t)) throw new PumsFormatError(file, line, col + 1, `${this.#names[col]} is "${t.slice(0, 20)}", not a whole number`);
      return Number(t);
    };
    const values = new Int32Array(PERSON_COLUMNS.length);
    for (let i = 0; i < values.length; i++) {
      const col = this.#cols[i]!;
      values[i] = col < 0 ? UNKNOWN : num(col, i < 2);
    }
    const weight = num(this.#weight, true);
    const adj = this.#adjinc >= 0 ? num(this.#adjinc, false) : NA;
    builder.addPerson({
      serial,
      sporder: this.#sporder >= 0 ? Math.max(0, num(this.#sporder, false)) : 0,
      weight,
      values,
      adjinc: adj > 0 ? adj / 1e6 : 1,
    });
  }
}

/** Converts text rows of one housing file into builder input. */
export class HousingRowReader {
  readonly #file: string;
  readonly #width: number;
  readonly #serial: number;
  readonly #hht: number;
  readonly #hhl: number;
  readonly #names: readonly string[];

  /** Checks the header; throws PumsFormatError when SERIALNO, HHT or HHL is missing. */
  constructor(file: string, header: readonly string[]) {
    this.#file = file;
    const h = header.map((c) => c.trim().toUpperCase());
    this.#names = h;
    this.#width = h.length;
    for (const c of ['SERIALNO', 'HHT', 'HHL']) {
      if (!h.includes(c))
        throw new PumsFormatError(file, 1, 0, `the header has no ${c} column (a PUMS housing file needs SERIALNO, HHT, HHL)`);
    }
    this.#serial = h.indexOf('SERIALNO');
    this.#hht = h.indexOf('HHT');
    this.#hhl = h.indexOf('HHL');
  }

  /** One data row into `builder`. */
  add(fields: readonly string[], line: number, builder: CensusModelBuilder): void {
    const file = this.#file;
    if (fields.length !== this.#width) {
      throw new PumsFormatError(
        file,
        line,
        Math.min(fields.length, this.#width) + 1,
        `the row has ${fields.length} fields, the header ${this.#width}`,
      );
    }
    const serial = (fields[this.#serial] ?? '').trim();
    if (!serial) throw new PumsFormatError(file, line, this.#serial + 1, 'SERIALNO is empty');
    const code = (col: number) => {
      const t = (fields[col] ?? '').trim();
      if (t === '') return NA;
      if (!INT.test(t)) throw new PumsFormatError(file, line, col + 1, `${this.#names[col]} is "${t.slice(0, 20)}", not a whole number`);
      return Number(t);
    };
    builder.addHousing(serial, code(this.#hht), code(this.#hhl));
  }
}
