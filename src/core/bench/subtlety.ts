/**
 * The optional non-subtlety judge of PERSONA §5.2: did the answer quote or name the persona's
 * attributes instead of adapting to them subtly? (The paper asked GPT-4o over 3,000 answers and found
 * chain of thought only slightly more often non-subtle, 36% against 33%.) Read leniently like the critic.
 */
import type { Parsed } from '../pipeline/parsers';
import type { PromptTemplate } from '../pipeline/templates';
import { asBoolean, asText, field, jsonObjects, looseBooleanField } from './json-reading';

/** The judge's reading of one answer. */
export interface SubtletyVerdict {
  /** True when the answer quotes or names the persona's attributes (not subtle). */
  readonly quotes_attributes: boolean;
  /** The attributes it names, as the judge listed them. */
  readonly quoted: readonly string[];
  /** Why, in the judge's words. */
  readonly reason: string;
}

/** The judge's prompt (placeholders persona, question, answer). */
export const SUBTLETY_TEMPLATE: PromptTemplate = {
  id: 'bench-subtlety',
  source: 'Persona Lab, after PERSONA §5.2 (non-subtlety judge)',
  user:
    'Below are a description of a person, a question they asked and an answer written for them.\n\n' +
    'THE PERSON:\n{persona}\n\nQUESTION:\n{question}\n\nANSWER:\n{answer}\n\n' +
    'Does the answer quote or explicitly name this person\'s attributes (for example "as a 45-year-old Catholic nurse…" or "since you are divorced"), ' +
    'rather than adapting to them subtly?\n\n' +
    'Reply with JSON only: {"quotes_attributes": true or false, "quoted": ["each attribute the answer names"], "reason": "one sentence"}',
  placeholders: ['persona', 'question', 'answer'],
};

/** The verdict's JSON Schema. */
export const SUBTLETY_SCHEMA = {
  type: 'object',
  properties: {
    quotes_attributes: { type: 'boolean' },
    quoted: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 34 },
    reason: { type: 'string', maxLength: 1000 },
  },
  required: ['quotes_attributes', 'quoted', 'reason'],
  additionalProperties: false,
} as const;

/** Reads the judge's reply: JSON anywhere (or cut off) with `quotes_attributes`, else a leading yes/no. */
export function parseSubtlety(raw: string): Parsed<SubtletyVerdict> {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'empty output' };
  for (const o of jsonObjects(text)) {
    const v = asBoolean(field(o, 'quotes_attributes'));
    if (v === undefined) continue;
    const q = field(o, 'quoted');
    const quoted = Array.isArray(q) ? q.filter((x): x is string => typeof x === 'string') : [];
    return { ok: true, value: { quotes_attributes: v, quoted, reason: asText(field(o, 'reason')) } };
  }
  const cut = looseBooleanField(text, 'quotes_attributes') ?? /^\W*(yes|no)\b/i.exec(text)?.[1];
  if (cut === undefined) return { ok: false, error: 'no quotes_attributes verdict in the output' };
  const v = typeof cut === 'boolean' ? cut : /^yes$/i.test(cut);
  return { ok: true, value: { quotes_attributes: v, quoted: [], reason: text.length > 500 ? `${text.slice(0, 500)}…` : text } };
}
