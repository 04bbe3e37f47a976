/**
 * Classroom answers as label sets for the analyses: one rater per annotator, or per annotator
 * "slot" (the k-th annotator of each persona, as the paper's human–human panel pools them), and the
 * per-persona majorities by the paper's 3-of-4 rule.
 */
import { hashHex } from '../random';
import { majority, summarise, type MajorityOptions, type MajorityOutcome, type MajoritySummary } from '../stats/majority';
import type { LabelSet, PairRef, RaterInfo } from '../judging/label-set';
import type { ClassroomAnswer } from './classroom';
import type { AnnotationKit } from './kit';

const CATS = ['a', 'b'] as const;

/** The kit's pairs with the lengths of their two responses. */
function kitPairs(kit: AnnotationKit): PairRef[] {
  return kit.items.map((it) => ({ id: it.pairId, personaId: it.personaId, lengthA: it.responseA.length, lengthB: it.responseB.length }));
}

/** Builds a label set with the given rater of each answer. */
function build(
  kit: AnnotationKit,
  answers: readonly ClassroomAnswer[],
  raterOf: (a: ClassroomAnswer) => string,
  name: string,
  now: number,
): LabelSet {
  const pairs = kitPairs(kit);
  const pairIdx = new Map(pairs.map((p, i) => [p.id, i]));
  const ids = [...new Set(answers.map(raterOf))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const raters: RaterInfo[] = ids.map((id) => ({ id, kind: 'human' }));
  const rIdx = new Map(ids.map((id, j) => [id, j]));
  const n = pairs.length;
  const choices = new Int16Array(raters.length * n).fill(-1);
  const shownFirst = new Int16Array(raters.length * n).fill(-1);
  for (const a of answers) {
    const cell = rIdx.get(raterOf(a))! * n + pairIdx.get(a.pairId)!;
    choices[cell] = CATS.indexOf(a.choice);
    shownFirst[cell] = CATS.indexOf(a.shownFirst);
  }
  return { id: hashHex(`${kit.id}/${name}/${now}`), name, createdAt: now, categories: [...CATS], raters, pairs, choices, shownFirst };
}

/** One rater per annotator. */
export function annotatorLabelSet(kit: AnnotationKit, answers: readonly ClassroomAnswer[], now: number): LabelSet {
  return build(kit, answers, (a) => a.annotator, `Classroom: ${kit.title}`, now);
}

/**
 * One rater per slot: within each persona, annotators in name order are "annotator 1", "annotator 2", …
 * so that people who saw different personas share a column and a slot-by-slot matrix exists.
 */
export function slotLabelSet(kit: AnnotationKit, answers: readonly ClassroomAnswer[], now: number): LabelSet {
  const slots = new Map<string, number>();
  const byPersona = new Map<string, Set<string>>();
  for (const a of answers) (byPersona.get(a.personaId) ?? byPersona.set(a.personaId, new Set()).get(a.personaId)!).add(a.annotator);
  for (const [persona, names] of byPersona) [...names].sort().forEach((name, k) => slots.set(`${persona}\u0000${name}`, k + 1));
  return build(kit, answers, (a) => `annotator ${slots.get(`${a.personaId}\u0000${a.annotator}`)}`, `Classroom slots: ${kit.title}`, now);
}

/** The majority outcome of every pair of one persona. */
export interface PersonaMajority {
  /** The persona. */
  readonly personaId: string;
  /** Annotators who answered for this persona. */
  readonly annotators: readonly string[];
  /** Outcome per pair, in kit order. */
  readonly items: readonly { readonly pairId: string; readonly outcome: MajorityOutcome }[];
  /** Counts of outcomes. */
  readonly summary: MajoritySummary;
}

/** Per-persona majorities (default rule: a strict majority of the votes cast, i.e. 3 of 4). */
export function personaMajorities(
  kit: AnnotationKit,
  answers: readonly ClassroomAnswer[],
  options: MajorityOptions = {},
): PersonaMajority[] {
  return kit.personas.map((p) => {
    const mine = answers.filter((a) => a.personaId === p.id);
    const items = kit.items
      .filter((it) => it.personaId === p.id)
      .map((it) => ({
        pairId: it.pairId,
        outcome: majority(
          mine.filter((a) => a.pairId === it.pairId).map((a) => a.choice),
          options,
        ),
      }));
    return {
      personaId: p.id,
      annotators: [...new Set(mine.map((a) => a.annotator))].sort(),
      items,
      summary: summarise(items.map((i) => i.outcome)),
    };
  });
}
