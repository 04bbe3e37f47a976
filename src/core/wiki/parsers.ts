/**
 * Readers for the WikiPersonas outputs: numbered question lists (G.2), the chain of thought and its
 * responses (G.3), the personal judge's batch of JSON verdicts (G.4) and free-text personas (G.5,
 * G.6). Lenient about markdown and preambles; a reading that cannot be trusted is a refusal. They
 * read what the one call path hands them: thinking already removed by its output cleaner.
 */
import { jsonObjects } from '../pipeline/output-text';
import type { Parsed } from '../pipeline/parsers';

/** Questions from a numbered or bulleted list (at least one line ending in "?" or long enough to be a request). */
export function parseQuestions(raw: string): Parsed<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of raw.split(/\r?\n/)) {
    const m = /^\s*(?:\d{1,3}[.)]|[-*•])\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const q = m[1]!
      .replace(/^\*\*|\*\*$/g, '')
      .replace(/^["“](.*)["”]$/, '$1')
      .trim();
    const key = q.toLowerCase().replace(/\s+/g, ' ');
    if (q.split(/\s+/).length < 3 || seen.has(key)) continue;
    seen.add(key);
    out.push(q);
  }
  return out.length ? { ok: true, value: out } : { ok: false, error: 'no numbered questions found' };
}

/** The chain of thought: the axis and its categories (the chosen category and response are not needed). */
export interface ChainOfThought {
  /** The axis the model chose. */
  readonly axis: string;
  /** The categories it listed (at least one). */
  readonly categories: readonly string[];
}

const field = (text: string, name: string) =>
  new RegExp(`^[\\s*#>_-]*${name}\\s*\\**\\s*:\\s*\\**\\s*(.+)$`, 'im').exec(text)?.[1]?.replace(/\*+$/, '').trim();

/** Reads "Axis: …" and "Categories: a, b, c" (a bracketed or bulleted list is accepted). */
export function parseCot(raw: string): Parsed<ChainOfThought> {
  const text = raw;
  const axis = field(text, 'axis');
  const list = field(text, 'categories');
  if (!axis) return { ok: false, error: 'no "Axis:" line' };
  if (!list) return { ok: false, error: 'no "Categories:" line' };
  const categories = list
    .replace(/^\[|\]$/g, '')
    .split(/,|;|\band\b/)
    .map((c) => c.replace(/^["'\s]+|["'.\s]+$/g, '').trim())
    .filter(Boolean)
    .slice(0, 8);
  return categories.length ? { ok: true, value: { axis, categories } } : { ok: false, error: '"Categories:" lists nothing' };
}

/**
 * A candidate response: the text after "Response:" (or the whole reply when the model answered
 * directly), without the chain-of-thought lines and without sentences that name the chosen category
 * (Appendix B.1's clean-up of artifacts such as "For our liberal audience …").
 */
export function parseCandidate(raw: string, category: string): Parsed<string> {
  let text = raw.trim();
  const at = /^[\s*#_]*Response\s*\**\s*:\s*\**/im.exec(text);
  if (at) text = text.slice(at.index + at[0].length);
  text = text
    .split(/\r?\n/)
    .filter((l) => !/^[\s*#_]*(Axis|Categories|Chosen category)\s*\**\s*:/i.test(l))
    .join('\n')
    .trim();
  const c = category.trim().toLowerCase();
  if (c.length >= 3) {
    const sentences = text.match(/[^.!?\n]+[.!?]*\s*|\n+/g) ?? [text];
    const kept = sentences.filter((s) => !s.toLowerCase().includes(c));
    if (kept.join('').trim()) text = kept.join('').trim();
  }
  return text ? { ok: true, value: text } : { ok: false, error: 'empty response' };
}

/** One verdict of the personal judge. */
export interface Judgement {
  /** True when Output (a) is better. */
  readonly aIsBetter: boolean;
  /** The concise explanation ("" when none was given). */
  readonly explanation: string;
}

const VERDICT_KEY = 'Output (a) is better than Output (b)';

function readBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

/**
 * The judge's `count` verdicts: the last `count` JSON objects carrying the verdict key (a model
 * that repeats the two examples' answers first is read correctly). Fewer than `count` is a refusal.
 */
export function parseJudgements(raw: string, count: number): Parsed<Judgement[]> {
  const found = jsonObjects(raw).flatMap(({ value: o }) => {
    const key = Object.keys(o).find((k) => k.trim().toLowerCase() === VERDICT_KEY.toLowerCase());
    const b = key === undefined ? undefined : readBool(o[key]);
    if (b === undefined) return [];
    const ex = Object.keys(o).find((k) => /explanation/i.test(k));
    return [{ aIsBetter: b, explanation: ex && typeof o[ex] === 'string' ? (o[ex] as string) : '' }];
  });
  if (found.length < count) return { ok: false, error: `${found.length} of ${count} verdicts found` };
  return { ok: true, value: found.slice(found.length - count) };
}

/** A free-text answer (questions' personas, responses): trimmed, thinking removed, not empty. */
export function parseText(raw: string): Parsed<string> {
  const text = raw.trim();
  return text ? { ok: true, value: text } : { ok: false, error: 'empty output' };
}
