/**
 * The one problem type of every file import (app and CLI): a problem names the file, the line (or
 * JSON array item, or Parquet row) and the field, and says what is wrong. An import keeps the
 * first `PROBLEM_CAP` problems it meets (the reader's, then the importer's) and counts the rest, so a file with a million bad lines reports the first
 * fifty and "and 999,950 more". The page shows them with `FileProblems.svelte`, the CLI with
 * `problemLines`.
 */

/** What a problem's `line` counts: a physical line (JSONL, CSV), a JSON array element, or a Parquet row. */
export type LineUnit = 'line' | 'item' | 'row';

/** One problem in an imported file. */
export interface FileProblem {
  /** The file's name as the user knows it. */
  readonly file: string;
  /** 1-based position of the record (see `unit`); undefined when the whole file is at fault. */
  readonly line?: number;
  /** What `line` counts; undefined means a physical line. */
  readonly unit?: Exclude<LineUnit, 'line'>;
  /** The field (key or column) at fault, when there is one. */
  readonly field?: string;
  /** What is wrong, for people. */
  readonly message: string;
}

/** The problems an import kept, and how many there were in all. */
export interface ProblemList {
  /** The first problems, at most `PROBLEM_CAP`, in file order. */
  readonly problems: readonly FileProblem[];
  /** Every problem found (may exceed `problems.length`). */
  readonly total: number;
}

/** The most problems an import keeps and lists (the rest are counted). */
export const PROBLEM_CAP = 50;

/** An empty problem list. */
export const NO_PROBLEMS: ProblemList = { problems: [], total: 0 };

/** "people.jsonl, line 12, field "age": expected a number" (the file alone when no line is known). */
export function formatProblem(p: FileProblem): string {
  const where = p.line === undefined ? '' : `, ${p.unit ?? 'line'} ${p.line}`;
  const field = p.field === undefined ? '' : `, field "${p.field}"`;
  return `${p.file}${where}${field}: ${p.message}`;
}

/** "and 3 more problems" for what a list left out; empty when nothing was left out. */
export function moreProblems(list: ProblemList): string {
  const more = list.total - list.problems.length;
  return more > 0 ? `and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'}` : '';
}

/** The CLI's way of showing problems: one formatted line each, then "… and N more problems" when some were left out. */
export function problemLines(list: ProblemList): string[] {
  const more = moreProblems(list);
  return [...list.problems.map(formatProblem), ...(more ? [`… ${more}`] : [])];
}

/** One sentence for an error message: the first problem and how many others there are. */
export function problemSummary(list: ProblemList): string {
  const first = list.problems[0];
  if (!first) return 'no problem';
  const others = list.total - 1;
  return `${formatProblem(first)}${others > 0 ? ` (and ${others.toLocaleString('en-US')} more problem${others === 1 ? '' : 's'})` : ''}`;
}

/** Gathers the problems of one file while it is read: keeps the first `PROBLEM_CAP`, counts all. */
export class ProblemLog {
  readonly #kept: FileProblem[] = [];
  #total = 0;

  /** `file` names every problem; `unit` is what line numbers count in this file. */
  constructor(
    readonly file: string,
    readonly unit: LineUnit = 'line',
  ) {}

  /** Records a problem at `line` (undefined: the whole file), optionally naming the field. */
  add(line: number | undefined, message: string, field?: string): void {
    this.#total++;
    if (this.#kept.length >= PROBLEM_CAP) return;
    this.#kept.push({
      file: this.file,
      ...(line !== undefined ? { line } : {}),
      ...(line !== undefined && this.unit !== 'line' ? { unit: this.unit } : {}),
      ...(field !== undefined ? { field } : {}),
      message,
    });
  }

  /** Every problem found so far. */
  get total(): number {
    return this.#total;
  }

  /** The problems as plain data (what crosses a worker boundary): whole-file problems first, then by line. */
  list(): ProblemList {
    const problems = [...this.#kept].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { problems, total: this.#total };
  }
}

/** A file refused because of its problems; `list` holds them (the message names the first). */
export class FileProblemsError extends Error {
  override readonly name = 'FileProblemsError';
  constructor(readonly list: ProblemList) {
    super(problemSummary(list));
  }
}
