/**
 * The persona record: PERSONA's 33 attributes (Appendix A) in the paper's order, then "core values".
 * An attribute that does not apply to the person is `null`, as the paper's examples show (`nan`).
 */
import { z } from 'zod';

/** The 33 attribute keys of PERSONA Appendix A, exactly as spelled there (lower case), in order. */
export const ATTRIBUTE_KEYS = [
  'age',
  'sex',
  'race',
  'ancestry',
  'household language',
  'education',
  'employment status',
  'class of worker',
  'industry category',
  'occupation category',
  'detailed job description',
  'income',
  'marital status',
  'household type',
  'family presence and age',
  'place of birth',
  'citizenship',
  'veteran status',
  'disability',
  'health insurance',
  'big five scores',
  'defining quirks',
  'mannerisms',
  'personal time',
  'lifestyle',
  'ideology',
  'political views',
  'religion',
  'cognitive difficulty',
  'ability to speak english',
  'vision difficulty',
  'fertility',
  'hearing difficulty',
] as const;

/** Every key of a persona's attributes: the 33, then "core values". */
export const PERSONA_KEYS = [...ATTRIBUTE_KEYS, 'core values'] as const;

/** One of the 34 persona keys. */
export type PersonaKey = (typeof PERSONA_KEYS)[number];

/** Numeric attributes: age (years) and income (whole dollars a year). Every other one is text. */
export const NUMERIC_KEYS: ReadonlySet<PersonaKey> = new Set<PersonaKey>(['age', 'income']);

/** An attribute's value: text, a whole number for age and income, or null when it does not apply. */
export type AttributeValue = string | number | null;

/** The 34 attribute values of one person. */
export type PersonaAttributes = { readonly [K in PersonaKey]: AttributeValue };

/** Which split a persona belongs to: PERSONA used 1,000 train and 586 test personas. */
export type PersonaSplit = 'train' | 'test';

/** A persona as written to JSONL: id, split, then the 34 attributes in order. */
export type Persona = { readonly id: string; readonly split: PersonaSplit } & PersonaAttributes;

const text = z.string().nullable();
const whole = z.number().int().nullable();

/** Validates one persona record (unknown keys are refused, every key is required). */
export const personaSchema = z.strictObject({
  id: z.string().min(1),
  split: z.enum(['train', 'test']),
  ...(Object.fromEntries(PERSONA_KEYS.map((k) => [k, NUMERIC_KEYS.has(k) ? whole : text])) as Record<
    PersonaKey,
    typeof text | typeof whole
  >),
});

/** A persona's attributes in key order, with `id` and `split` first: the JSONL line's object. */
export function orderPersona(p: Persona): Persona {
  const out: Record<string, unknown> = { id: p.id, split: p.split };
  for (const k of PERSONA_KEYS) out[k] = p[k];
  return out as Persona;
}
