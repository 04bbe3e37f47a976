/**
 * Checking rows against a format's zod schema: every issue becomes a problem of the row's line
 * naming the field ("people.jsonl, line 12, field "age": expected number, received string"), an
 * unknown key becomes "unknown field", and ids that repeat are problems of the later line.
 */
import type { z } from 'zod';
import type { RecordRow } from './json-text';
import type { ProblemLog } from './problems';

/** One zod issue as a field and a message for people. */
function issueProblems(error: z.ZodError): { field?: string; message: string }[] {
  const out: { field?: string; message: string }[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ field: field ? `${field}.${k}` : k, message: 'unknown field' });
      continue;
    }
    const message = issue.message.replace(/^Invalid (input|option): /, '');
    out.push(field === undefined ? { message } : { field, message });
  }
  return out;
}

/** Checks one value; returns the parsed value, or undefined after adding its problems at `line` (undefined: the whole file). */
export function checkValue<T>(schema: z.ZodType<T>, value: unknown, line: number | undefined, log: ProblemLog): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const p of issueProblems(r.error)) log.add(line, p.message, p.field);
  return undefined;
}

/** Checks every row; the rows that pass, with their lines. */
export function checkRows<T>(schema: z.ZodType<T>, rows: readonly RecordRow[], log: ProblemLog): { line: number; value: T }[] {
  const out: { line: number; value: T }[] = [];
  for (const row of rows) {
    const value = checkValue(schema, row.value, row.line, log);
    if (value !== undefined) out.push({ line: row.line, value });
  }
  return out;
}

/** Tracks ids as rows go by: `first(id, line)` is undefined for a new id, else the line it first appeared on. */
export class IdTracker {
  readonly #seen = new Map<string, number>();

  /** Notes `id` at `line`; the earlier line when the id was seen before (and then keeps the first). */
  first(id: string, line: number): number | undefined {
    const before = this.#seen.get(id);
    if (before === undefined) this.#seen.set(id, line);
    return before;
  }

  /** Adds "duplicate id …" for a repeated id and returns true; false for a new one. */
  repeated(id: string, line: number, log: ProblemLog, field = 'id', what = 'id'): boolean {
    const before = this.first(id, line);
    if (before === undefined) return false;
    log.add(line, `duplicate ${what} "${id}" (first on ${log.unit} ${before})`, field);
    return true;
  }
}
