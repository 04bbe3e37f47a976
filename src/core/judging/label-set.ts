/**
 * A label set: any number of raters (models, each with a prompting mode, and people) choosing
 * between the two responses of the same preference pairs. Stored compactly (one Int16Array of
 * choices, rater-major) so hundreds of thousands of labels fit in one IndexedDB row and cross to
 * the compute worker as plain data. By convention the categories of a preference label set are
 * ["a", "b"]; for PERSONA's pairs "a" is the base answer and "b" the persona-revised one.
 */
import { majority, type MajorityOptions } from '../stats/majority';
import type { RatingMatrix } from '../stats/ratings';

/** Who a rater is. "majority" is the derived majority of the human raters; "unspecified" comes from files that do not say. */
type RaterKind = 'model' | 'human' | 'majority' | 'unspecified';

/** One rater. */
export interface RaterInfo {
  /** Unique within the set: a person's name or code, or "model/mode". */
  readonly id: string;
  /** Model, person, derived majority, or not said. */
  readonly kind: RaterKind;
  /** The model id, for model raters. */
  readonly model?: string;
  /** The prompting mode ("zero-shot", "chain-of-thought", …), for model raters. */
  readonly mode?: string;
  /** Raters of one judge seen in different conditions (the two orders of a pipeline judge): biases are also pooled per group. */
  readonly group?: string;
}

/** One preference pair as the analyses need it. */
export interface PairRef {
  /** Pair id, unique within the set. */
  readonly id: string;
  /** The persona whose preference is asked; "" when the file does not say. */
  readonly personaId: string;
  /** Length of response a in characters, when known (length bias). */
  readonly lengthA?: number;
  /** Length of response b in characters, when known. */
  readonly lengthB?: number;
}

/** A label set. */
export interface LabelSet {
  /** Stable id. */
  readonly id: string;
  /** Name shown in the app (the file name, or "Classroom: …"). */
  readonly name: string;
  /** Creation time, ms since the epoch. */
  readonly createdAt: number;
  /** The category labels in code order (["a", "b"] for preference pairs). */
  readonly categories: readonly string[];
  /** Raters in column order. */
  readonly raters: readonly RaterInfo[];
  /** Pairs in row order. */
  readonly pairs: readonly PairRef[];
  /** `choices[r * pairs.length + i]`: category index rater r chose on pair i, −1 when missing. */
  readonly choices: Int16Array;
  /** `shownFirst[r * pairs.length + i]`: category index of the response shown first, −1 when unknown. */
  readonly shownFirst: Int16Array;
}

/** The choices as a rating matrix (a copy). */
export function toMatrix(set: LabelSet): RatingMatrix {
  return { nItems: set.pairs.length, nRaters: set.raters.length, nCategories: set.categories.length, codes: Int32Array.from(set.choices) };
}

/** Id of the derived rater. */
export const MAJORITY_ID = 'humans (majority)';

/**
 * The set with one more rater: the majority of its human raters on each pair by PERSONA's rule
 * (see stats/majority); ties and pairs without a majority are missing. Null when there are fewer
 * than two human raters. Also returns how many pairs were tied or without majority.
 */
export function withHumanMajority(
  set: LabelSet,
  options: MajorityOptions = {},
): { set: LabelSet; ties: number; noMajority: number } | null {
  const humans = set.raters.flatMap((r, j) => (r.kind === 'human' ? [j] : []));
  if (humans.length < 2) return null;
  const n = set.pairs.length,
    R = set.raters.length;
  const choices = new Int16Array((R + 1) * n);
  choices.set(set.choices);
  const shown = new Int16Array((R + 1) * n).fill(-1);
  shown.set(set.shownFirst);
  let ties = 0,
    noMajority = 0;
  for (let i = 0; i < n; i++) {
    const votes = humans.map((j) => {
      const c = set.choices[j * n + i]!;
      return c < 0 ? null : String(c);
    });
    const o = majority(votes, options);
    choices[R * n + i] = o.status === 'majority' ? Number(o.label) : -1;
    if (o.status === 'tie') ties++;
    if (o.status === 'no-majority') noMajority++;
  }
  return { set: { ...set, raters: [...set.raters, { id: MAJORITY_ID, kind: 'majority' }], choices, shownFirst: shown }, ties, noMajority };
}
