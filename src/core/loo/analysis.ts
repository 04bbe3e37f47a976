/**
 * From leave-one-out judgements to the paper's Figure 5: for each persona pair p_ij, Cohen's kappa
 * between the judge role-playing the persona without a_i and the judge role-playing it with a_i,
 * over the questions; then the distribution of those kappas per attribute (box plot figures).
 * "Lower Cohen's kappa equates to larger influence."
 */
import { quantileSorted } from '../stats/bootstrap';
import { cohenKappa } from '../stats/cohen';
import { csvTable } from '../records/csv-write';

/** Which revision a judge preferred. */
export type LooChoice = 'without' | 'with';

/** One judgement: the judge playing `judge` chose between the two revisions of a question. */
export interface LooJudgement {
  /** a_i. */
  readonly attribute: string;
  /** j. */
  readonly unit: number;
  /** The source persona (for the CSV). */
  readonly personaId: string;
  /** The question. */
  readonly questionId: string;
  /** Which persona the judge played. */
  readonly judge: LooChoice;
  /** The revision it preferred; null when it gave no usable answer. */
  readonly choice: LooChoice | null;
}

/** Kappa of one persona pair. */
export interface LooKappa {
  /** a_i. */
  readonly attribute: string;
  /** j. */
  readonly unit: number;
  /** The source persona. */
  readonly personaId: string;
  /** Kappa over the questions both judges answered; null when undefined (e.g. both always chose the same revision). */
  readonly kappa: number | null;
  /** Questions both judges answered. */
  readonly questions: number;
  /** Share of those where the two judges chose the same revision. */
  readonly agreement: number | null;
}

/** Kappa for every persona pair, in first-seen order. */
export function looKappas(judgements: readonly LooJudgement[]): LooKappa[] {
  const units = new Map<string, { attribute: string; unit: number; personaId: string; byQ: Map<string, [number, number]> }>();
  for (const j of judgements) {
    const key = `${j.attribute}\u0000${j.unit}`;
    const u = units.get(key) ?? units.set(key, { attribute: j.attribute, unit: j.unit, personaId: j.personaId, byQ: new Map() }).get(key)!;
    const pair = u.byQ.get(j.questionId) ?? [-1, -1];
    pair[j.judge === 'without' ? 0 : 1] = j.choice === null ? -1 : j.choice === 'without' ? 0 : 1;
    u.byQ.set(j.questionId, pair);
  }
  return [...units.values()].map((u) => {
    const a = [...u.byQ.values()].map((p) => p[0]),
      b = [...u.byQ.values()].map((p) => p[1]);
    const k = cohenKappa(a, b, 2);
    const same = a.filter((x, i) => x >= 0 && b[i]! >= 0 && x === b[i]).length;
    return {
      attribute: u.attribute,
      unit: u.unit,
      personaId: u.personaId,
      kappa: k.value,
      questions: k.nItems,
      agreement: k.nItems ? same / k.nItems : null,
    };
  });
}

/** Five-number summary of one attribute's kappas. */
export interface LooBox {
  /** a_i. */
  readonly attribute: string;
  /** The defined kappas, sorted. */
  readonly kappas: readonly number[];
  /** Persona pairs whose kappa was undefined (not counted as 0). */
  readonly undefinedCount: number;
  /** min, q1, median, q3, max (type-7 quantiles); null without a defined kappa. */
  readonly five: readonly [number, number, number, number, number] | null;
  /** Mean of the defined kappas; null without any. */
  readonly mean: number | null;
}

/** Per-attribute summaries, in first-seen attribute order. */
export function looBoxes(kappas: readonly LooKappa[]): LooBox[] {
  const by = new Map<string, LooKappa[]>();
  for (const k of kappas) (by.get(k.attribute) ?? by.set(k.attribute, []).get(k.attribute)!).push(k);
  return [...by].map(([attribute, list]) => {
    const defined = list.flatMap((k) => (k.kappa === null ? [] : [k.kappa])).sort((x, y) => x - y);
    const five = defined.length
      ? ([0, 0.25, 0.5, 0.75, 1].map((p) => quantileSorted(defined, p)) as [number, number, number, number, number])
      : null;
    return {
      attribute,
      kappas: defined,
      undefinedCount: list.length - defined.length,
      five,
      mean: defined.length ? defined.reduce((s, x) => s + x, 0) / defined.length : null,
    };
  });
}

/**
 * The per-pair kappas as CSV by the one CSV writer (header attribute,pair,persona_id,kappa,questions,
 * agreement; CRLF line ends; formulas neutralised); an undefined kappa is an empty cell.
 */
export function looCsv(kappas: readonly LooKappa[]): string {
  const rows = kappas.map((k) => [k.attribute, k.unit + 1, k.personaId, k.kappa, k.questions, k.agreement]);
  return csvTable(['attribute', 'pair', 'persona_id', 'kappa', 'questions', 'agreement'], rows);
}
