/**
 * An annotation kit: what a teacher hands out. Personas (as the text the annotator role-plays, and
 * for a famous person optionally a quiz to pass first, as WikiPersonas' Appendix D), preference
 * pairs for each (a question and two responses), the instructions, and a seed that fixes each
 * annotator's question order and which response is shown first. Validated with zod on import.
 */
import { z } from 'zod';
import { hashHex, Rng } from '../random';
import { CLASSROOM_INSTRUCTIONS } from './instructions';

/** Format tag of kit files. */
export const KIT_FORMAT = 'persona-lab/annotation-kit';

/** A quiz question an annotator answers before starting (WikiPersonas Appendix D, Table 5). */
const quizQuestionSchema = z
  .object({ question: z.string().min(1), options: z.array(z.string().min(1)).min(2), answer: z.number().int().nonnegative() })
  .refine((q) => q.answer < q.options.length, { message: 'the answer is not one of the options', path: ['answer'] });

const kitSchemaBase = z.object({
  format: z.literal(KIT_FORMAT),
  version: z.literal(1),
  id: z.string().min(1),
  title: z.string().min(1),
  createdAt: z.string(),
  seed: z.string(),
  instructions: z.string().min(1),
  personas: z
    .array(
      z.object({
        id: z.string().min(1),
        description: z.string().min(1),
        quiz: z.array(quizQuestionSchema).optional(),
        reading: z.string().url().optional(),
      }),
    )
    .min(1),
  items: z
    .array(
      z.object({
        pairId: z.string().min(1),
        personaId: z.string().min(1),
        question: z.string().min(1),
        responseA: z.string().min(1),
        responseB: z.string().min(1),
      }),
    )
    .min(1),
});

/** Validates a kit: the shape, unique persona and pair ids, and that every item's persona exists. */
export const kitSchema = kitSchemaBase.superRefine((kit, ctx) => {
  const personas = new Set<string>();
  kit.personas.forEach((p, i) => {
    if (personas.has(p.id)) ctx.addIssue({ code: 'custom', path: ['personas', i, 'id'], message: `persona "${p.id}" is listed twice` });
    personas.add(p.id);
  });
  const pairs = new Set<string>();
  kit.items.forEach((it, i) => {
    if (pairs.has(it.pairId))
      ctx.addIssue({ code: 'custom', path: ['items', i, 'pairId'], message: `pair "${it.pairId}" is listed twice` });
    pairs.add(it.pairId);
    if (!personas.has(it.personaId))
      ctx.addIssue({ code: 'custom', path: ['items', i, 'personaId'], message: `persona "${it.personaId}" is not in the kit` });
  });
});

/** A kit persona: its id, the text the annotator role-plays, and optionally a quiz to pass before starting and a page to read when failing it. */
export type KitPersona = AnnotationKit['personas'][number];

/** A validated kit. */
export type AnnotationKit = z.infer<typeof kitSchemaBase>;
/** One item of a kit. */
export type KitItem = AnnotationKit['items'][number];

/** Everything needed to make a kit. */
export interface KitDraft {
  /** Title shown to annotators. */
  readonly title: string;
  /** Personas and their rendered descriptions, with a quiz to pass first and a page to read when it is failed (optional). */
  readonly personas: readonly KitPersona[];
  /** The pairs. */
  readonly items: readonly KitItem[];
  /** Seed of the orders; default derived from the content. */
  readonly seed?: string;
  /** Instructions; default the plain classroom wording (the paper's Appendix D is `instructionsText()`). */
  readonly instructions?: string;
  /** Creation time (ISO). */
  readonly createdAt: string;
}

/** Builds and validates a kit; the id is a hash of its content, so the same draft gives the same kit. */
export function makeKit(d: KitDraft): AnnotationKit {
  const body = { title: d.title, personas: d.personas, items: d.items };
  const id = hashHex(JSON.stringify(body), 3);
  return kitSchema.parse({
    format: KIT_FORMAT,
    version: 1,
    id,
    title: d.title,
    createdAt: d.createdAt,
    seed: d.seed ?? id,
    instructions: d.instructions ?? CLASSROOM_INSTRUCTIONS,
    personas: d.personas,
    items: d.items,
  });
}

/** One question as an annotator sees it: the item and which response appears first. */
export interface PresentedItem {
  /** The kit item. */
  readonly item: KitItem;
  /** "a" when responseA is shown first (as "Response 1"), else "b". */
  readonly shownFirst: 'a' | 'b';
}

/**
 * The annotator's sequence for one persona: the persona's items in a shuffled order with a random
 * first response for each, both fixed by the kit seed, the persona and the annotator's name, so a
 * reload (or another device) shows the same sequence.
 */
export function presentation(kit: AnnotationKit, personaId: string, annotator: string): PresentedItem[] {
  const rng = new Rng(`${kit.seed}/${personaId}/${annotator.trim().toLowerCase()}`);
  const items = kit.items.filter((it) => it.personaId === personaId);
  return rng.shuffle(items).map((item) => ({ item, shownFirst: rng.chance(0.5) ? 'a' : 'b' }));
}
