/**
 * The pipeline's stages, each a plain async function of `(input, ctx)`:
 * the base answer y_l (no persona), the Appendix B critique and revision (y_w), the role-play
 * judge, and the prompt classifiers used by the prompt-set filters.
 */
import type { StageContext } from './context';
import { generateParsed, type StageResult } from './call';
import {
  formatCritique,
  parseControversy,
  parseCritique,
  parseRevision,
  parseTopic,
  parseVerdict,
  type Critique,
  type Parsed,
  type Revision,
  type Verdict,
} from './parsers';
import {
  BASE_ANSWER_TEMPLATE,
  CONTROVERSY_TEMPLATE,
  CRITIQUE_TEMPLATE,
  JUDGE_TEMPLATE,
  REVISION_TEMPLATE,
  TOPIC_TEMPLATE,
} from './templates';

/** The base answer: any non-empty text (an answer cut off at the token limit never gets here: see `generateParsed`). */
export interface BaseAnswer {
  /** y_l. */
  readonly text: string;
}

function parseBase(raw: string): Parsed<BaseAnswer> {
  const text = raw.trim();
  return text ? { ok: true, value: { text } } : { ok: false, error: 'empty output' };
}

/** y_l ~ π(y|x): the model answers the question with no persona. */
export function baseAnswer(input: { readonly instruction: string }, ctx: StageContext): Promise<StageResult<BaseAnswer>> {
  return generateParsed(ctx, { template: BASE_ANSWER_TEMPLATE, values: { instruction: input.instruction }, parse: parseBase });
}

/** The Appendix B critique of y_l for the persona. */
export function critique(
  input: { readonly instruction: string; readonly persona: string; readonly completion: string },
  ctx: StageContext,
): Promise<StageResult<Critique>> {
  return generateParsed(ctx, {
    template: CRITIQUE_TEMPLATE,
    values: { preference: input.completion, persona: input.persona, instruction: input.instruction },
    parse: parseCritique,
  });
}

/** The Appendix B revision of y_l given the critique: y_w. */
export function revise(
  input: { readonly instruction: string; readonly completion: string; readonly critique: Critique },
  ctx: StageContext,
): Promise<StageResult<Revision>> {
  return generateParsed(ctx, {
    template: REVISION_TEMPLATE,
    values: { preference: input.completion, instruction: input.instruction, critique: formatCritique(input.critique) },
    parse: parseRevision,
  });
}

/** The longest judge reason the schema allows: a bound keeps constrained decoding from running on to the token limit. */
const MAX_REASON_LENGTH = 400;

/** The JSON Schema of a judge verdict (sent when the backend constrains output); the free string is bounded. */
export const VERDICT_SCHEMA = {
  type: 'object',
  properties: { preferred: { type: 'string', enum: ['A', 'B'] }, reason: { type: 'string', maxLength: MAX_REASON_LENGTH } },
  required: ['preferred', 'reason'],
  additionalProperties: false,
} as const;

/** The persona, role-played, says which of two answers it prefers. Labels are positions: A is shown first. */
export function judge(
  input: { readonly persona: string; readonly instruction: string; readonly answerA: string; readonly answerB: string },
  ctx: StageContext,
): Promise<StageResult<Verdict>> {
  return generateParsed(ctx, {
    template: JUDGE_TEMPLATE,
    values: { persona: input.persona, instruction: input.instruction, answer_a: input.answerA, answer_b: input.answerB },
    parse: parseVerdict,
    jsonSchema: VERDICT_SCHEMA,
  });
}

/** Whether a question would draw diverse, value-dependent opinions (the paper's zero-shot filter). */
export function classifyControversy(input: { readonly instruction: string }, ctx: StageContext): Promise<StageResult<boolean>> {
  return generateParsed(ctx, {
    template: CONTROVERSY_TEMPLATE,
    values: { instruction: input.instruction },
    parse: parseControversy,
    jsonSchema: {
      type: 'object',
      properties: { controversial: { type: 'boolean' } },
      required: ['controversial'],
      additionalProperties: false,
    },
  });
}

/** The topic of a question, one of `topics` (ids with labels). */
export function classifyTopic(
  input: { readonly instruction: string; readonly topics: ReadonlyArray<{ readonly id: string; readonly label: string }> },
  ctx: StageContext,
): Promise<StageResult<string>> {
  const ids = input.topics.map((t) => t.id);
  return generateParsed(ctx, {
    template: TOPIC_TEMPLATE,
    values: { instruction: input.instruction, topics: input.topics.map((t) => `- ${t.id}: ${t.label}`).join('\n') },
    parse: (raw) => parseTopic(raw, ids),
    jsonSchema: { type: 'object', properties: { topic: { type: 'string', enum: ids } }, required: ['topic'], additionalProperties: false },
  });
}
