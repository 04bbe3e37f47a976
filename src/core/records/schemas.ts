/**
 * One zod schema per record format the app and the CLI import, in one place. A record is one row
 * of `readRecords`; these schemas say which fields it must have, of which types, and turn CSV
 * text cells into the values the importers want. Three formats keep their schema beside their
 * types: the persona record (`personaSchema` in personas/schema.ts), kits (`kitSchema` in
 * annotation/kit.ts) and annotators' answer files (`answersFileSchema` in annotation/answers-file.ts).
 */
import { z } from 'zod';
import { PERSONA_KEYS, NUMERIC_KEYS } from '../personas/schema';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const numberToString = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : v);
/** Optional text: absent, null and "" are all absent. */
const optText = z.preprocess(blankToUndefined, z.string().optional());
/** Optional text or number, as text (ids). */
const optId = z.preprocess((v) => blankToUndefined(numberToString(v)), z.string().trim().min(1).optional());

/** A run persona as the CLI's `--personas` and the Runs page take it: an id, and any persona attributes, each of its type. */
export const runPersonaRecordSchema = z.looseObject({
  id: z.preprocess(numberToString, z.string().trim().min(1, 'id is empty')),
  split: z.preprocess(blankToUndefined, z.enum(['train', 'test']).optional()),
  ...(Object.fromEntries(
    PERSONA_KEYS.map((k) => [k, NUMERIC_KEYS.has(k) ? z.number().int().nullable().optional() : z.string().nullable().optional()]),
  ) as Record<string, z.ZodOptional<z.ZodNullable<z.ZodString | z.ZodNumber>>>),
});

/** A prompt: an object whose text is in `text` (or `opening_prompt`, `prompt`, `question`, `instruction`), with optional id, topic and split. */
export const promptRecordSchema = z.looseObject({
  id: optId,
  topic: optText,
  split: optText,
});

/** A preference pair as exported (TRL: prompt, chosen, rejected; or PERSONA's columns: instruction, data, original). */
export const pairRecordSchema = z
  .looseObject({
    prompt: optText,
    instruction: optText,
    chosen: optText,
    data: optText,
    rejected: optText,
    original: optText,
    persona: optText,
    persona_id: optId,
    prompt_id: optId,
    topic: optText,
    split: optText,
    'question type': optText,
    critique: optText,
  })
  .superRefine((r, ctx) => {
    if (!r.prompt && !r.instruction) ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'no prompt (or instruction)' });
    if (!r.chosen && !r.data) ctx.addIssue({ code: 'custom', path: ['chosen'], message: 'no chosen (or data)' });
    if (!r.rejected && !r.original) ctx.addIssue({ code: 'custom', path: ['rejected'], message: 'no rejected (or original)' });
  });

/** One label of the long layout (ratings and judges' labels): pair, rater and choice, and what is known about them. */
export const labelRowSchema = z.object({
  pair_id: z.preprocess(numberToString, z.string().trim().min(1, 'pair_id is empty')),
  rater: z.preprocess(numberToString, z.string().trim().min(1, 'rater is empty')),
  choice: z.preprocess((v) => (v === null || v === undefined ? '' : numberToString(v)), z.string().trim()),
  persona_id: z.preprocess(numberToString, optText),
  rater_kind: z.preprocess(blankToUndefined, z.enum(['model', 'human']).optional()),
  model: optText,
  mode: optText,
  shown_first: optText,
  length_a: z.preprocess(blankToUndefined, z.coerce.number().int().nonnegative().optional()),
  length_b: z.preprocess(blankToUndefined, z.coerce.number().int().nonnegative().optional()),
});

/** One pair of a teacher's pairs file (a kit draft). */
export const kitPairRowSchema = z.object({
  pair_id: z.preprocess(numberToString, z.string().trim().min(1, 'pair_id is empty')),
  persona_id: z.preprocess(numberToString, z.string().trim().min(1, 'persona_id is empty')),
  persona: z.string().trim().min(1, 'persona (the description) is empty'),
  question: z.string().trim().min(1, 'question is empty'),
  response_a: z.string().trim().min(1, 'response_a is empty'),
  response_b: z.string().trim().min(1, 'response_b is empty'),
});

const looSide = z.enum(['without', 'with']);
/** One leave-one-out judgement made elsewhere: attribute, pair (1-based), persona, question, judge and choice. */
export const looJudgementRowSchema = z.object({
  attribute: z.string().trim().min(1, 'attribute is empty'),
  pair: z.coerce.number().int().min(1, 'pair must be 1 or more'),
  persona_id: z.preprocess((v) => (v === undefined || v === null ? '' : String(v)), z.string()),
  question_id: z.preprocess(numberToString, z.string().trim().min(1, 'question_id is empty')),
  judge: looSide,
  choice: z.preprocess((v) => (v === '' || v === undefined ? null : v), looSide.nullable()),
});

/** One line of an OpenAI / vLLM batch output file: the call's custom_id, and its response or error. */
export const batchOutputLineSchema = z.looseObject({
  custom_id: z.string({ error: 'no custom_id' }).min(1, 'custom_id is empty'),
  response: z.unknown().optional(),
  error: z.unknown().optional(),
});

/** One line of the `rouge` command's input: an id, a prediction and at least one reference. */
export const rougeLineSchema = z.object({
  id: z.union([z.string(), z.number()], { error: 'a string or a number is needed' }),
  prediction: z.string(),
  references: z.array(z.string()).min(1, 'at least one reference is needed'),
});
