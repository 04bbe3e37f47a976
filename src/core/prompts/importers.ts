/**
 * Reading prompt files: JSONL (our prompts.jsonl, or PRISM's Hugging Face `conversations.jsonl`
 * with its `opening_prompt` field), a JSON array of strings or objects, CSV, and Parquet.
 * Every reader returns the prompts it could read plus one problem per unreadable record, naming
 * the file and line (or row); a file with no readable prompt at all is an `ImportError`.
 * Prompts without a topic get one from the keyword rules; the split is kept when the file gives one.
 */
import Papa from 'papaparse';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { topicByKeywords } from './topics';
import { parseSplit, promptId, type PromptItem } from './types';

/** A file format the importers read. */
export type PromptFormat = 'jsonl' | 'json' | 'csv' | 'parquet';

/** The result of reading a file. */
export interface PromptImport {
  /** Prompts read, in file order (no filtering yet; duplicates are kept). */
  readonly prompts: PromptItem[];
  /** One line per record that could not be read, e.g. "prompts.jsonl line 7: not JSON". At most 50 kept. */
  readonly problems: string[];
  /** Records that could not be read (may exceed `problems.length`). */
  readonly skipped: number;
}

/** A file that cannot be read at all. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** Field names that hold the prompt text, in order of preference (case-insensitive). */
export const TEXT_FIELDS = ['text', 'opening_prompt', 'prompt', 'question', 'instruction'] as const;

/** Guesses the format from a file name, falling back to the first bytes ("PAR1" is Parquet). */
export function detectFormat(fileName: string, head?: Uint8Array): PromptFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  if (head && head.length >= 4 && String.fromCharCode(head[0]!, head[1]!, head[2]!, head[3]!) === 'PAR1') return 'parquet';
  const first = head ? new TextDecoder().decode(head.subarray(0, 64)).trimStart()[0] : undefined;
  return first === '[' ? 'json' : first === '{' ? 'jsonl' : 'csv';
}

/**
 * One record as a prompt: a string, or an object with a text field (see `TEXT_FIELDS`) and optional
 * id, topic and split. Returns the prompt, null for an empty text, or a string saying what is wrong.
 */
export function recordToPrompt(record: unknown): PromptItem | null | string {
  let text: string;
  let r: Record<string, unknown> = {};
  if (typeof record === 'string') text = record;
  else if (!record || typeof record !== 'object' || Array.isArray(record)) return 'not a prompt (expected a string or an object)';
  else {
    r = record as Record<string, unknown>;
    const lower = new Map(Object.keys(r).map((k) => [k.toLowerCase(), k]));
    const field = TEXT_FIELDS.map((f) => lower.get(f)).find((k) => k !== undefined && typeof r[k] === 'string');
    if (field === undefined) return `no text field (looked for ${TEXT_FIELDS.join(', ')})`;
    text = r[field] as string;
  }
  if (!text.trim()) return null;
  const id = typeof r.id === 'string' && r.id ? r.id : typeof r.id === 'number' ? String(r.id) : promptId(text);
  const topic = typeof r.topic === 'string' && r.topic.trim() ? r.topic.trim() : topicByKeywords(text);
  const split = parseSplit(r.split);
  return split ? { id, text, topic, split } : { id, text, topic };
}

/** Gathers prompts and problems while a file is read. */
export class PromptCollector {
  readonly prompts: PromptItem[] = [];
  readonly problems: string[] = [];
  skipped = 0;
  constructor(readonly source: string) {}
  /** Records an unreadable record at `where` ("line 7"). */
  problem(where: string, what: string): void {
    this.skipped++;
    if (this.problems.length < 50) this.problems.push(`${this.source} ${where}: ${what}`);
  }
  /** Adds one record read at `where`. */
  add(record: unknown, where: string): void {
    const p = recordToPrompt(record);
    if (typeof p === 'string') this.problem(where, p);
    else if (p) this.prompts.push(p);
  }
  /** Adds one JSONL line. */
  addJsonLine(line: string, where: string): void {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return this.problem(where, 'not JSON');
    }
    this.add(value, where);
  }
  /** The import; throws `ImportError` when nothing could be read. */
  done(): PromptImport {
    if (this.prompts.length === 0) {
      const why = this.problems[0] ? ` First problem: ${this.problems[0]}` : ' The file is empty.';
      throw new ImportError(`${this.source}: no prompt could be read.${why}`);
    }
    return { prompts: this.prompts, problems: this.problems, skipped: this.skipped };
  }
}

/** Reads JSONL: one JSON object (or string) per line; blank lines are ignored. */
export function readPromptsJsonl(text: string, source = 'file'): PromptImport {
  const c = new PromptCollector(source);
  text.split(/\r?\n/).forEach((line, i) => c.addJsonLine(line, `line ${i + 1}`));
  return c.done();
}

/** Reads a JSON array of strings or objects (like PRISM's prompt list). */
export function readPromptsJson(text: string, source = 'file'): PromptImport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!Array.isArray(value))
    throw new ImportError(`${source}: expected a JSON array of prompts, found ${value === null ? 'null' : typeof value}.`);
  const c = new PromptCollector(source);
  value.forEach((v, i) => c.add(v, `item ${i + 1}`));
  return c.done();
}

/** Reads CSV (or TSV) with a header row; the text column is the first of `TEXT_FIELDS` present, else the first column. */
export function readPromptsCsv(text: string, source = 'file'): PromptImport {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const fields = parsed.meta.fields ?? [];
  if (fields.length === 0) throw new ImportError(`${source}: no header row found.`);
  const hasText = fields.some((f) => (TEXT_FIELDS as readonly string[]).includes(f.toLowerCase()));
  const first = fields[0] as string;
  const c = new PromptCollector(source);
  // A one-column file has no delimiter to detect: that warning is not a problem with any row.
  for (const err of parsed.errors.filter((e) => e.type !== 'Delimiter').slice(0, 50)) c.problem(`row ${(err.row ?? 0) + 2}`, err.message);
  parsed.data.forEach((row, i) => c.add(hasText ? row : { ...row, text: row[first] }, `row ${i + 2}`));
  return c.done();
}

/** Reads Parquet (every codec hyparquet-compressors knows); only the text, id, topic and split columns are decoded. */
export async function readPromptsParquet(bytes: ArrayBuffer, source = 'file'): Promise<PromptImport> {
  let names: string[];
  try {
    const meta = parquetMetadata(bytes);
    const root = meta.schema[0];
    names = meta.schema.slice(1, 1 + (root?.num_children ?? 0)).map((s) => s.name);
  } catch (e) {
    throw new ImportError(`${source}: not a readable Parquet file (${e instanceof Error ? e.message : String(e)}).`);
  }
  const pick = (want: string) => names.find((n) => n.toLowerCase() === want);
  const textCol = TEXT_FIELDS.map(pick).find((n) => n !== undefined);
  if (!textCol)
    throw new ImportError(`${source}: no text column (looked for ${TEXT_FIELDS.join(', ')}; found ${names.join(', ') || 'none'}).`);
  const columns = [textCol, pick('id'), pick('topic'), pick('split')].filter((n): n is string => n !== undefined);
  const rows = await parquetReadObjects({ file: bytes, columns, compressors });
  const c = new PromptCollector(source);
  rows.forEach((row, i) =>
    c.add(
      { text: row[textCol], id: row[pick('id') ?? ''], topic: row[pick('topic') ?? ''], split: row[pick('split') ?? ''] },
      `row ${i + 1}`,
    ),
  );
  return c.done();
}

/** Reads a file of any supported format; `format` defaults to `detectFormat(source, bytes)`. */
export async function readPromptFile(bytes: Uint8Array, source: string, format?: PromptFormat): Promise<PromptImport> {
  const f = format ?? detectFormat(source, bytes);
  if (f === 'parquet') return readPromptsParquet(bytes.slice().buffer as ArrayBuffer, source);
  const text = new TextDecoder().decode(bytes);
  if (f === 'json') return readPromptsJson(text, source);
  if (f === 'jsonl') return readPromptsJsonl(text, source);
  return readPromptsCsv(text, source);
}
