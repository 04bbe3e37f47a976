/**
 * The leave-one-out design of PERSONA §4.1: "For each attribute a_i, we randomly constructed 40
 * personas, each consisting of 3 attributes excluding a_i. We then created a corresponding set of
 * 40 personas identical to the first set but with the addition of the LOO attribute a_i, for a
 * total of 4 attributes per persona." Only personas that have a_i (not null) are drawn, as the
 * paper filtered to "personas with a disability" before adding the disability attribute. Sizes are
 * configurable; every draw comes from the seed.
 */
import { renderPersona } from '../personas/render';
import { ATTRIBUTE_KEYS, type PersonaAttributes, type PersonaKey } from '../personas/schema';
import { Rng } from '../random';

/** A persona the design may draw from. */
type LooSourcePersona = Partial<PersonaAttributes> & { readonly id: string };

/** One question with its baseline answer (generated without persona when absent). */
export interface LooQuestion {
  /** Stable id. */
  readonly id: string;
  /** The question. */
  readonly text: string;
  /** The baseline answer, when given. */
  readonly baseline?: string;
}

/** Options of the design. */
export interface LooOptions {
  /** Personas to draw from. */
  readonly personas: readonly LooSourcePersona[];
  /** Attributes to analyse; default the 33 of Appendix A. */
  readonly attributes?: readonly PersonaKey[];
  /** Persona pairs per attribute; default 40. */
  readonly perAttribute?: number;
  /** Attributes of the persona without a_i; default 3. */
  readonly baseSize?: number;
  /** The questions (the paper used 20). */
  readonly questions: readonly LooQuestion[];
  /** Seed. */
  readonly seed: string;
}

/** One persona pair p_ij: the same person rendered without and with attribute a_i. */
export interface LooUnit {
  /** a_i. */
  readonly attribute: PersonaKey;
  /** j, from 0. */
  readonly index: number;
  /** The source persona. */
  readonly personaId: string;
  /** The 3 attributes both versions share. */
  readonly baseKeys: readonly PersonaKey[];
  /** The persona text without a_i. */
  readonly without: string;
  /** The persona text with a_i. */
  readonly with: string;
}

/** The design. */
export interface LooDesign {
  /** Seed. */
  readonly seed: string;
  /** The questions. */
  readonly questions: readonly LooQuestion[];
  /** Per attribute: its units and how many personas were eligible. */
  readonly attributes: readonly { readonly attribute: PersonaKey; readonly eligible: number; readonly units: readonly LooUnit[] }[];
}

const has = (p: LooSourcePersona, k: PersonaKey) => {
  const v = p[k];
  return v !== null && v !== undefined && v !== '';
};

/**
 * Draws the design. Personas are drawn without replacement while enough are eligible, then again
 * in a new order (each unit still gets its own random attributes). An attribute no persona has
 * gets no units (eligible 0).
 */
export function designLoo(o: LooOptions): LooDesign {
  const perAttribute = o.perAttribute ?? 40;
  const baseSize = o.baseSize ?? 3;
  if (!(Number.isInteger(perAttribute) && perAttribute >= 1))
    throw new RangeError(`personas per attribute must be a positive whole number, got ${perAttribute}`);
  if (!(Number.isInteger(baseSize) && baseSize >= 1))
    throw new RangeError(`the base size must be a positive whole number, got ${baseSize}`);
  if (o.questions.length === 0) throw new RangeError('the design needs at least one question');
  const root = new Rng(o.seed);
  const attributes = (o.attributes ?? ATTRIBUTE_KEYS).map((attribute) => {
    const rng = root.fork(attribute);
    const others = (p: LooSourcePersona) =>
      (Object.keys(p) as PersonaKey[]).filter(
        (k) => k !== attribute && k !== ('id' as PersonaKey) && k !== ('split' as PersonaKey) && has(p, k),
      );
    const eligible = o.personas.filter((p) => has(p, attribute) && others(p).length >= baseSize);
    const units: LooUnit[] = [];
    let order: LooSourcePersona[] = [];
    for (let j = 0; j < perAttribute && eligible.length > 0; j++) {
      if (order.length === 0) order = rng.shuffle(eligible);
      const p = order.pop()!;
      const baseKeys = rng.sample(others(p), baseSize);
      units.push({
        attribute,
        index: j,
        personaId: p.id,
        baseKeys,
        without: renderPersona(p, { keys: baseKeys }),
        with: renderPersona(p, { keys: [...baseKeys, attribute] }),
      });
    }
    return { attribute, eligible: eligible.length, units };
  });
  return { seed: o.seed, questions: o.questions, attributes };
}

/** Which revision is shown first to both judges of (unit, question): fixed by the seed. */
export function withShownFirst(design: LooDesign, unit: LooUnit, questionId: string): boolean {
  return new Rng(`${design.seed}/order/${unit.attribute}/${unit.index}/${questionId}`).chance(0.5);
}
