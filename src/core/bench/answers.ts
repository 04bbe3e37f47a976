/**
 * Reading the model's answer. The critic must see only the answer, so a method that reasons or
 * summarises first has its answer taken out of the JSON it was asked for (`answer_to_question`), read
 * leniently: JSON anywhere in the text, JSON cut off at the token limit, or an "Answer:" line. A
 * text method's answer is the whole reply (or the `answer_to_question` of a JSON reply, so
 * persona-bench's templates, which ask every method for JSON, work too).
 */
import type { Parsed } from '../pipeline/parsers';
import { asText, field, jsonObjects, looseStringField } from './json-reading';
import type { MethodTemplate } from './methods';

/** An answer as the critic sees it, with what the model wrote before it. */
export interface BenchAnswer {
  /** The answer text (the critic sees only this). */
  readonly text: string;
  /** `chain_of_thought`, when the method asked for one and the model gave it. */
  readonly reasoning?: string;
  /** `demographic_summary`, when the method asked for one and the model gave it. */
  readonly summary?: string;
}

const ANSWER_KEYS = ['answer_to_question', 'answer', 'response', 'final_answer'];
const MARKER = /(?:^|\n)[ \t>*#_-]*(?:final answer|answer to (?:the )?question|answer|response)\**[ \t]*[:：]\**[ \t]*([\s\S]+)$/i;

function withExtras(text: string, o: Record<string, unknown> | undefined, raw: string): BenchAnswer {
  const reasoning = o ? asText(field(o, 'chain_of_thought')) : (looseStringField(raw, 'chain_of_thought') ?? '');
  const summary = o ? asText(field(o, 'demographic_summary')) : (looseStringField(raw, 'demographic_summary') ?? '');
  return { text, ...(reasoning ? { reasoning } : {}), ...(summary ? { summary } : {}) };
}

/** Reads a reply of `t`'s method. Refuses an empty reply, and a JSON method's reply with no answer in it. */
export function parseAnswer(raw: string, t: Pick<MethodTemplate, 'output'>): Parsed<BenchAnswer> {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'empty output' };
  for (const o of jsonObjects(text)) {
    for (const k of ANSWER_KEYS) {
      const a = asText(field(o, k));
      if (a) return { ok: true, value: withExtras(a, o, text) };
    }
  }
  const cut = looseStringField(text, 'answer_to_question')?.trim();
  if (cut) return { ok: true, value: withExtras(cut, undefined, text) };
  if (t.output === 'text') return { ok: true, value: { text: text.replace(/^```[a-z]*\n?|\n?```$/g, '').trim() } };
  const plain = text.replace(/```[a-z]*\n?/gi, '').replace(/\*\*|__/g, '');
  const m = MARKER.exec(plain);
  const marked = m?.[1]?.replace(/^["'\s]+|["'\s]+$/g, '').trim();
  if (marked) {
    const summary = /(?:summary|relevant)[^:\n]*:\s*([\s\S]*?)(?:\n\s*\n|$)/i.exec(plain.slice(0, m?.index ?? 0))?.[1]?.trim();
    return { ok: true, value: { text: marked, ...(summary ? { summary } : {}) } };
  }
  return { ok: false, error: 'no answer_to_question (nor an "Answer:" line) in the output' };
}
