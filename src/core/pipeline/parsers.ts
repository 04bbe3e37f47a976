/**
 * Lenient readers for model output. Small models wrap the requested format in markdown, add a
 * preamble ("Sure! Here is…") or forget the final DONE; the readers accept all of that and refuse
 * only output that lacks the format's markers or content. They see the output after `cleanOutput`
 * (thinking removed); output cut off at the token limit never reaches them as if complete (`call.ts`).
 * A refusal is a string saying what was missing, kept with the raw output for the retry record.
 */
import { extractJson, stripMarkdown } from './output-text';

export { cleanOutput } from './output-text';
export { parseVerdict, type Verdict } from './verdict';

/** A parse result: the value, or why the text could not be read. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The critique: `EVALUATION: … SUGGESTIONS: … DONE`. */
export interface Critique {
  /** The evaluation section (may be empty when only suggestions were given). */
  readonly evaluation: string;
  /** The suggestions section (may be empty when only an evaluation was given). */
  readonly suggestions: string;
  /** True when the closing DONE was present. */
  readonly complete: boolean;
}

/** The revision: `REVISED PREFERENCE: … DONE`. */
export interface Revision {
  /** The revised answer y_w, without markers or wrapping quotes. */
  readonly text: string;
  /** True when the closing DONE was present. */
  readonly complete: boolean;
}

/** Removes a trailing DONE line/word (any case, with markdown or punctuation); reports whether one was there. */
function cutDone(text: string): { body: string; done: boolean } {
  const m = /(?:^|[\s.])\**DONE\**[.!]?\s*$/.exec(text);
  if (m) return { body: text.slice(0, m.index).trim(), done: true };
  const inner = /\n\s*DONE\b[\s\S]*$/.exec(text);
  if (inner) return { body: text.slice(0, inner.index).trim(), done: true };
  return { body: text.trim(), done: false };
}

/** Trims one pair of wrapping quotes (straight or curly). */
function unquote(text: string): string {
  const t = text.trim();
  const pairs: Array<[string, string]> = [
    ["'", "'"],
    ['"', '"'],
    ['\u201C', '\u201D'],
    ['\u2018', '\u2019'],
  ];
  for (const [a, b] of pairs) if (t.length >= 2 && t.startsWith(a) && t.endsWith(b)) return t.slice(1, -1).trim();
  return t;
}

const EVAL = /\bEVALUATION\s*[:\-–]\s*/i;
const SUGG = /\bSUGGESTIONS?\s*[:\-–]\s*/i;

/** Reads a critique. Needs an EVALUATION or a SUGGESTIONS marker followed by text. */
export function parseCritique(raw: string): Parsed<Critique> {
  const text = stripMarkdown(raw);
  if (!text.trim()) return { ok: false, error: 'empty output' };
  const e = EVAL.exec(text);
  const s = SUGG.exec(text);
  if (!e && !s) return { ok: false, error: 'no EVALUATION: or SUGGESTIONS: marker' };
  let evaluation = '';
  let suggestions = '';
  let tail: string;
  if (e && s && s.index > e.index) {
    evaluation = text.slice(e.index + e[0].length, s.index).trim();
    tail = text.slice(s.index + s[0].length);
  } else if (e && (!s || s.index < e.index)) {
    tail = text.slice(e.index + e[0].length);
  } else {
    tail = text.slice((s as RegExpExecArray).index + (s as RegExpExecArray)[0].length);
  }
  const { body, done } = cutDone(tail);
  if (e && (!s || s.index < e.index)) evaluation = body;
  else suggestions = body;
  if (!evaluation && !suggestions) return { ok: false, error: 'markers without any text after them' };
  return { ok: true, value: { evaluation, suggestions, complete: done } };
}

/** The critique as the revision prompt's `{critique}` value. */
export function formatCritique(c: Critique): string {
  return [c.evaluation && `EVALUATION: ${c.evaluation}`, c.suggestions && `SUGGESTIONS: ${c.suggestions}`].filter(Boolean).join(' ');
}

const REVISED = /\bREVISED[ _]+(?:PREFERENCE|COMPLETION|RESPONSE|ANSWER)\s*[:\-–]\s*/i;

/** Reads a revision. Needs a REVISED PREFERENCE marker (REVISED COMPLETION/RESPONSE/ANSWER also accepted) and text after it. */
export function parseRevision(raw: string): Parsed<Revision> {
  const text = stripMarkdown(raw);
  if (!text.trim()) return { ok: false, error: 'empty output' };
  const all = [...text.matchAll(new RegExp(REVISED.source, 'gi'))];
  const m = all.at(-1);
  if (!m || m.index === undefined) return { ok: false, error: 'no REVISED PREFERENCE: marker' };
  const { body, done } = cutDone(text.slice(m.index + m[0].length));
  const revised = unquote(body);
  if (!revised || /^\.{3}$|^…$/.test(revised)) return { ok: false, error: 'REVISED PREFERENCE: marker without text' };
  return { ok: true, value: { text: revised, complete: done } };
}

/** Reads the controversy classifier's answer: JSON {"controversial": bool}, or a leading yes/no. */
export function parseControversy(raw: string): Parsed<boolean> {
  const text = stripMarkdown(raw).trim();
  const json = extractJson(text) as Record<string, unknown> | undefined;
  const v = json?.controversial;
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'string' && /^(true|false|yes|no)$/i.test(v)) return { ok: true, value: /^(true|yes)$/i.test(v) };
  const m = /^\W*(yes|no|true|false)\b/i.exec(text);
  if (m?.[1]) return { ok: true, value: /^(yes|true)$/i.test(m[1]) };
  return { ok: false, error: 'no true/false answer found' };
}

/** Reads the topic classifier's answer: JSON {"topic": id} or a bare id, checked against `allowed`. */
export function parseTopic(raw: string, allowed: readonly string[]): Parsed<string> {
  const text = stripMarkdown(raw).trim();
  const json = extractJson(text) as Record<string, unknown> | undefined;
  const candidate = (typeof json?.topic === 'string' ? json.topic : text)
    .trim()
    .toLowerCase()
    .replace(/^["']|["'.]$/g, '');
  const hit = allowed.find((t) => t === candidate) ?? allowed.find((t) => new RegExp(`\\b${t}\\b`).test(candidate));
  return hit ? { ok: true, value: hit } : { ok: false, error: `no topic from the list found in "${text.slice(0, 60)}"` };
}
