/**
 * Reading prompt files through the record reader: JSON lines (our prompts.jsonl, or PRISM's
 * Hugging Face `conversations.jsonl` with its `opening_prompt` field), a JSON array of strings or
 * objects, CSV, and Parquet. Every unreadable record is a problem naming the file, line (or item,
 * or row) and field, and is skipped; a file with no readable prompt at all is a `FileProblemsError`.
 * A repeated explicit id is refused with its line; the same text twice (the same derived id) is
 * left to the paper's duplicate filter, or refused when the caller asks (a run's inputs).
 * Prompts without a topic get one from the keyword rules; the split is kept when the file gives one.
 */
import { checkValue, IdTracker } from '../records/check';
import type { RecordRow } from '../records/json-text';
import { FileProblemsError, type ProblemList, type ProblemLog } from '../records/problems';
import { readRecords, type RecordFile, type RecordFormat } from '../records/read';
import { promptRecordSchema } from '../records/schemas';
import { topicByKeywords } from './topics';
import { parseSplit, promptId, type PromptItem } from './types';

/** The result of reading a file: the prompts, and the records that could not be read. */
export interface PromptImport extends ProblemList {
  /** Prompts read, in file order (not filtered yet). */
  readonly prompts: PromptItem[];
}

/** How prompts are read. */
export interface PromptReadOptions {
  /** "reject": a text repeated (the same derived id) is a problem of its line; "keep" (default): left to the duplicate filter. */
  readonly sameText?: 'keep' | 'reject';
}

/** Field names that hold the prompt text, in order of preference (case-insensitive). */
const TEXT_FIELDS = ['text', 'opening_prompt', 'prompt', 'question', 'instruction'] as const;

/** The key of `record` holding the text: the first of `TEXT_FIELDS` present, case-insensitively. */
function textKey(keys: readonly string[]): string | undefined {
  const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  return TEXT_FIELDS.map((f) => lower.get(f)).find((k) => k !== undefined);
}

/** Collects prompts from records as they come (a whole file, or lines of a download). */
export class PromptRows {
  readonly #prompts: PromptItem[] = [];
  readonly #ids = new IdTracker();
  readonly #texts = new IdTracker();

  constructor(
    private readonly log: ProblemLog,
    private readonly options: PromptReadOptions = {},
    /** CSV and Parquet: the column to take the text from when no column is named like a text field. */
    private readonly fallbackColumn?: string,
  ) {}

  /** Adds one record, or a problem of its line. */
  add(row: RecordRow): void {
    const { log } = this;
    const key = textKey(Object.keys(row.value)) ?? this.fallbackColumn;
    if (key === undefined) return log.add(row.line, `no text field (looked for ${TEXT_FIELDS.join(', ')})`);
    const text = row.value[key];
    if (typeof text !== 'string') return log.add(row.line, `expected text, found ${text === null ? 'null' : typeof text}`, key);
    if (!text.trim()) return log.add(row.line, 'the text is empty', key);
    const r = checkValue(promptRecordSchema, row.value, row.line, log);
    if (!r) return;
    const split = parseSplit(r.split);
    if (r.split !== undefined && !split) return log.add(row.line, `"${r.split}" is not a split (train or heldout)`, 'split');
    const derived = promptId(text);
    if (r.id !== undefined && this.#ids.repeated(r.id, row.line, log)) return;
    if (this.options.sameText === 'reject') {
      const first = this.#texts.first(derived, row.line);
      if (first !== undefined) return log.add(row.line, `the same text as ${log.unit} ${first}`, key);
    }
    const topic = r.topic?.trim() || topicByKeywords(text);
    const id = r.id ?? derived;
    this.#prompts.push(split ? { id, text, topic, split } : { id, text, topic });
  }

  /** The import; throws `FileProblemsError` when no prompt could be read. */
  done(): PromptImport {
    if (this.#prompts.length === 0) {
      if (this.log.total === 0) this.log.add(undefined, 'the file holds no prompts');
      throw new FileProblemsError(this.log.list());
    }
    return { prompts: this.#prompts, ...this.log.list() };
  }
}

/** Prompts from records read from a file (see `readPromptFile`). */
export function promptsFromRecords(file: RecordFile, options: PromptReadOptions = {}): PromptImport {
  const tabular = file.format === 'csv' || file.format === 'parquet';
  const fallback = tabular && textKey(file.columns) === undefined ? file.columns[0] : undefined;
  const rows = new PromptRows(file.log, options, fallback);
  for (const row of file.rows) rows.add(row);
  return rows.done();
}

/** Parquet: decode only the text, id, topic and split columns. */
function promptColumns(available: readonly string[]): string[] {
  const pick = (want: string) => available.find((n) => n.toLowerCase() === want);
  const text = TEXT_FIELDS.map(pick).find((n) => n !== undefined);
  return text ? [text, ...['id', 'topic', 'split'].map(pick).filter((n): n is string => n !== undefined)] : [];
}

/**
 * Reads a prompt file of any supported format (`format` defaults to the reader's detection): a
 * record is a string, or an object with a text field (see `TEXT_FIELDS`; a CSV without one takes
 * its first column) and optional id, topic and split.
 */
export async function readPromptFile(
  bytes: Uint8Array,
  source: string,
  format?: RecordFormat,
  options: PromptReadOptions = {},
): Promise<PromptImport> {
  const file = await readRecords(source, bytes, { stringField: 'text', columns: promptColumns, ...(format ? { format } : {}) });
  if (file.format === 'parquet' && file.columns.length && !promptColumns(file.columns).length)
    file.log.add(undefined, `no text column (looked for ${TEXT_FIELDS.join(', ')}; found ${file.columns.join(', ')})`);
  return promptsFromRecords(file, options);
}
