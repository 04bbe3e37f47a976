/**
 * The file an annotator exports: who, which kit and persona, and each answer with its
 * justification and the response order they saw. Validated with zod when a teacher imports it.
 */
import { z } from 'zod';

/** Format tag of annotation files. */
export const ANSWERS_FORMAT = 'persona-lab/annotations';

/** One answer. */
const answerSchema = z.object({
  pairId: z.string().min(1),
  choice: z.enum(['a', 'b']),
  shownFirst: z.enum(['a', 'b']),
  justification: z.string(),
  answeredAt: z.string(),
});

/** A whole annotation file. */
export const answersFileSchema = z.object({
  format: z.literal(ANSWERS_FORMAT),
  version: z.literal(1),
  kitId: z.string().min(1),
  kitTitle: z.string(),
  annotator: z.string().trim().min(1, 'the annotator has no name'),
  personaId: z.string().min(1),
  startedAt: z.string(),
  exportedAt: z.string(),
  answers: z.array(answerSchema),
});

/** A validated annotation file. */
export type AnswersFile = z.infer<typeof answersFileSchema>;
/** One answer. */
export type Answer = z.infer<typeof answerSchema>;
