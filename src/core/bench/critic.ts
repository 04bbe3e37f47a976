/**
 * The critic of PERSONA §5: it sees the persona, the question and only the extracted answer, and
 * decides whether the answer still needs a revision to be (subtly) personalised for this person. A
 * sample passes when it does not. The JSON keys are persona-bench's (`chain_of_thought`,
 * `personalization_critic`, `helpfulness_critic`, `conclusion`, `needs_revision`); the prompt text is
 * Persona Lab's. The schema is sent where the backend constrains output; elsewhere the reply is read
 * leniently (JSON, JSON in prose, JSON cut off, prose) and an undecided reply is unreadable, never a guess.
 */
import type { Parsed } from '../pipeline/parsers';
import type { PromptTemplate } from '../pipeline/templates';
import { asBoolean, asText, field, jsonObjects, looseBooleanField, looseStringField } from './json-reading';

/** A critique. */
export interface Critique {
  /** The critic's reasoning. */
  readonly chain_of_thought: string;
  /** Whether the answer is (subtly) personalised. */
  readonly personalization_critic: string;
  /** Whether the answer is helpful. */
  readonly helpfulness_critic: string;
  /** Both weighed. */
  readonly conclusion: string;
  /** The verdict: true means the sample fails. */
  readonly needs_revision: boolean;
  /** How the verdict was read: the JSON asked for, or prose (the text then is in `conclusion`). */
  readonly read_from: 'json' | 'prose';
}

/** The critic's prompt (placeholders persona, question, answer). */
export const CRITIC_TEMPLATE: PromptTemplate = {
  id: 'bench-critic',
  source: 'Persona Lab, after persona-bench (model_critique) and PERSONA §5',
  user:
    'You decide whether an answer to a question is already (subtly) personalised for a particular person, or still needs a revision to be.\n\n' +
    'Picture two critics discussing it: one who wants the answer to fit this person more closely (without ever quoting or naming their attributes), ' +
    'and one who makes sure any revision would stay helpful and harmless. Weigh what both would say, then decide.\n\n' +
    'QUESTION:\n{question}\n\nANSWER:\n{answer}\n\nTHE PERSON:\n{persona}\n\n' +
    'Does the answer need a revision to be subtly personalised for this person while staying helpful?\n\n' +
    'Reply with JSON only, with exactly these keys:\n' +
    '{"chain_of_thought": "your reasoning", "personalization_critic": "is the answer (subtly) personalised for this person?", ' +
    '"helpfulness_critic": "is the answer helpful?", "conclusion": "both critiques weighed", "needs_revision": true or false}',
  placeholders: ['persona', 'question', 'answer'],
};

const bounded = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** The critique's JSON Schema: free strings bounded so a constrained decoder cannot run away. */
export const CRITIC_SCHEMA = {
  type: 'object',
  properties: {
    chain_of_thought: bounded(3000),
    personalization_critic: bounded(1500),
    helpfulness_critic: bounded(1500),
    conclusion: bounded(1500),
    needs_revision: { type: 'boolean' },
  },
  required: ['chain_of_thought', 'personalization_critic', 'helpfulness_critic', 'conclusion', 'needs_revision'],
  additionalProperties: false,
} as const;

const TEXT_KEYS = ['chain_of_thought', 'personalization_critic', 'helpfulness_critic', 'conclusion'] as const;

/** Phrases that decide, each with its verdict; the last one in the text wins. */
const DECIDING: ReadonlyArray<readonly [RegExp, boolean | 'group']> = [
  [/needs?[ _-]?revision\W{0,3}\s*(?:[:=]|is|→|->)\s*\W{0,2}(true|false|yes|no)\b/gi, 'group'],
  [/\b(?:need|require)s?\s+(?:a\s+|any\s+)?revision\b[^.?!\n]{0,80}\?\s*\**\s*(yes|no)\b/gi, 'group'],
  [/\b(?:does|do|did)\s*(?:not|n['’]t)\s+(?:need|require)\s+(?:a\s+|any\s+|further\s+)?(?:revision|revising|to\s+be\s+revised)/gi, false],
  [/\bno\s+(?:further\s+)?(?:revision|revisions|changes)\s+(?:is\s+|are\s+)?(?:needed|required|necessary)/gi, false],
  [/\b(?:revision|revising)\s+(?:is\s+)?(?:not\s+|un)(?:needed|required|necessary|warranted)/gi, false],
  [/\bneeds?\s+no\s+(?:further\s+)?revision/gi, false],
  [/\bshould\s*(?:not|n['’]t)\s+be\s+revised/gi, false],
  [/\b(?:needs|requires|need|require)\s+(?:a\s+|some\s+|further\s+|more\s+)?(?:revision|revising|to\s+be\s+revised)\b/gi, true],
  [/\bshould\s+be\s+revised\b/gi, true],
  [/\brevision\s+is\s+(?:needed|required|necessary|warranted)/gi, true],
];

/** The final explicit verdict of a prose critique; undefined when the text does not decide. */
export function proseVerdict(text: string): boolean | undefined {
  const hits: Array<{ at: number; end: number; value: boolean; strong: boolean }> = [];
  for (const [re, verdict] of DECIDING) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const value = verdict === 'group' ? /^(true|yes)$/i.test(m[1] ?? '') : verdict;
      hits.push({ at, end: at + m[0].length, value, strong: verdict !== true });
    }
  }
  // A positive phrase inside a negative one ("does not need revision") or asked as a question is not a verdict.
  const kept = hits.filter(
    (h) =>
      h.strong || (!hits.some((o) => o.strong && o.at <= h.at && o.end >= h.end) && !/^[^.!\n]*\?/.test(text.slice(h.end, h.end + 60))),
  );
  kept.sort((a, b) => a.at - b.at || b.end - a.end);
  return kept.at(-1)?.value;
}

/** Reads a critique: JSON (anywhere, or cut off) with `needs_revision`, else prose that decides; otherwise unreadable. */
export function parseCritique(raw: string): Parsed<Critique> {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'empty output' };
  for (const o of jsonObjects(text)) {
    const verdict = asBoolean(field(o, 'needs_revision'));
    if (verdict === undefined) continue;
    const parts = Object.fromEntries(TEXT_KEYS.map((k) => [k, asText(field(o, k))])) as Record<(typeof TEXT_KEYS)[number], string>;
    return { ok: true, value: { ...parts, needs_revision: verdict, read_from: 'json' } };
  }
  const cut = looseBooleanField(text, 'needs_revision');
  if (cut !== undefined) {
    const parts = Object.fromEntries(TEXT_KEYS.map((k) => [k, looseStringField(text, k) ?? ''])) as Record<
      (typeof TEXT_KEYS)[number],
      string
    >;
    return { ok: true, value: { ...parts, needs_revision: cut, read_from: 'json' } };
  }
  const verdict = proseVerdict(text.replace(/\*\*|__/g, ''));
  if (verdict === undefined) return { ok: false, error: 'no needs_revision verdict (JSON or a clear sentence) in the output' };
  const conclusion = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  return {
    ok: true,
    value: {
      chain_of_thought: '',
      personalization_critic: '',
      helpfulness_critic: '',
      conclusion,
      needs_revision: verdict,
      read_from: 'prose',
    },
  };
}
