/**
 * Everything the Judges page shows for a label set, computed in one pass so the compute worker can
 * do it off the main thread: the pairwise kappa / percent / AC1 matrix over all raters (plus the
 * human majority), Fleiss' kappa and Krippendorff's alpha over all raters, per-persona kappa of
 * every rater against a reference rater (the paper's Figures 7 and 9), and each rater's position
 * and length bias.
 */
import { lengthBias, positionBias, wilson, type ChoiceRecord, type Rate } from '../stats/bias';
import { cohenFromTable } from '../stats/cohen';
import { computeAgreement, type AgreementReport } from '../stats/agreement';
import type { MajorityOptions } from '../stats/majority';
import { pairwiseMatrix, type PairwiseMatrix } from '../stats/pairwise';
import type { WeightScheme } from '../stats/types';
import { MAJORITY_ID, toMatrix, withHumanMajority, type LabelSet, type RaterInfo } from './label-set';

/** Options of the analysis. */
export interface JudgeAnalysisOptions {
  /** Agreement weights (for ordered categories); default none. */
  readonly weights?: WeightScheme;
  /** Rater id the per-persona kappas compare against; default the human majority when there is one, else the first rater. */
  readonly reference?: string;
  /** The majority rule for the human majority. */
  readonly majority?: MajorityOptions;
}

/** Per-persona kappas of one rater against the reference. */
interface PersonaKappas {
  /** The rater. */
  readonly rater: string;
  /** Kappa per persona, in `JudgeAnalysis.personas` order; null where undefined or no shared item. */
  readonly kappas: (number | null)[];
  /** Personas where kappa was undefined although both rated at least one shared pair. */
  readonly undefinedCount: number;
}

/** One rater's biases, or a group's pooled over its raters (only for two-category preference sets). */
interface RaterBias {
  /** The rater. */
  readonly rater: string;
  /** Share of picks of the response shown first. */
  readonly position: Rate;
  /** Share of picks of the longer response. */
  readonly length: Rate;
  /** Share of picks of category "b" (the revised response for PERSONA pairs). */
  readonly pickB: Rate;
  /** For a group (one judge in several conditions): the raters pooled. */
  readonly pooled?: readonly string[];
}

/** The analysis. */
export interface JudgeAnalysis {
  /** Raters in matrix order (the human majority last when present). */
  readonly raters: readonly RaterInfo[];
  /** Pairwise statistics over `raters`. */
  readonly pairwise: PairwiseMatrix;
  /** Fleiss' kappa over the set's own raters (majority excluded); null with fewer than two raters. */
  readonly fleiss: AgreementReport | null;
  /** Krippendorff's alpha (nominal) over the set's own raters; null with fewer than two raters. */
  readonly krippendorff: AgreementReport | null;
  /** Human-majority outcome counts; null without two human raters. */
  readonly majority: { readonly ties: number; readonly noMajority: number } | null;
  /** The reference rater of the per-persona kappas. */
  readonly reference: string;
  /** Persona ids in histogram order. */
  readonly personas: readonly string[];
  /** Per-persona kappas for every rater other than the reference. */
  readonly perPersona: readonly PersonaKappas[];
  /** Biases per rater without a group, then per group (two categories only). */
  readonly bias: readonly RaterBias[] | null;
}

/** Runs the analysis; `onProgress` gets a fraction in [0, 1]. */
export function analyseJudges(input: LabelSet, options: JudgeAnalysisOptions = {}, onProgress?: (f: number) => void): JudgeAnalysis {
  const withMajority = withHumanMajority(input, options.majority);
  const set = withMajority?.set ?? input;
  const R = set.raters.length,
    n = set.pairs.length,
    q = set.categories.length;
  const m = toMatrix(set);
  const pairwise = pairwiseMatrix(m, options.weights ?? 'none', (done) => onProgress?.((0.7 * done) / R));
  const own = toMatrix(input);
  const several = input.raters.length >= 2;
  const fleiss = several ? computeAgreement(own, { metric: 'fleiss', weights: options.weights ?? 'none' }) : null;
  const krippendorff = several ? computeAgreement(own, { metric: 'krippendorff' }) : null;
  const refId = options.reference ?? (withMajority ? MAJORITY_ID : (set.raters[0]?.id ?? ''));
  const ref = Math.max(
    0,
    set.raters.findIndex((r) => r.id === refId),
  );

  const personaIdx = new Map<string, number>();
  const personaOf = new Int32Array(n);
  set.pairs.forEach((p, i) => {
    let k = personaIdx.get(p.personaId);
    if (k === undefined) personaIdx.set(p.personaId, (k = personaIdx.size));
    personaOf[i] = k;
  });
  const P = personaIdx.size;
  const perPersona: PersonaKappas[] = [];
  for (let r = 0; r < R; r++) {
    if (r === ref) continue;
    const tables = new Float64Array(P * q * q);
    for (let i = 0; i < n; i++) {
      const x = m.codes[r * n + i]!,
        y = m.codes[ref * n + i]!;
      if (x >= 0 && y >= 0) tables[personaOf[i]! * q * q + x * q + y]!++;
    }
    let undefinedCount = 0;
    const kappas = Array.from({ length: P }, (_, p) => {
      const c = cohenFromTable(tables.subarray(p * q * q, (p + 1) * q * q), q);
      if (c.value === null && c.nItems > 0) undefinedCount++;
      return c.value;
    });
    perPersona.push({ rater: set.raters[r]!.id, kappas, undefinedCount });
  }
  onProgress?.(0.9);

  let bias: RaterBias[] | null = null;
  if (q === 2) {
    const recordsOf = (r: number): ChoiceRecord[] => {
      const records: ChoiceRecord[] = [];
      for (let i = 0; i < n; i++) {
        const c = set.choices[r * n + i]!,
          s = set.shownFirst[r * n + i]!;
        const p = set.pairs[i]!;
        records.push({
          choice: c < 0 ? null : c === 0 ? 'a' : 'b',
          shownFirst: s < 0 ? undefined : s === 0 ? 'a' : 'b',
          lengthA: p.lengthA,
          lengthB: p.lengthB,
        });
      }
      return records;
    };
    const row = (rater: string, records: ChoiceRecord[], pooled?: string[]): RaterBias => {
      const picks = records.filter((x) => x.choice !== null);
      return {
        rater,
        position: positionBias(records),
        length: lengthBias(records),
        pickB: wilson(picks.filter((x) => x.choice === 'b').length, picks.length),
        ...(pooled ? { pooled } : {}),
      };
    };
    bias = [];
    const groups = new Map<string, number[]>();
    set.raters.forEach((rater, r) => {
      if (rater.group) (groups.get(rater.group) ?? groups.set(rater.group, []).get(rater.group)!).push(r);
      else bias!.push(row(rater.id, recordsOf(r)));
    });
    for (const [group, members] of groups)
      bias.push(
        row(
          group,
          members.flatMap(recordsOf),
          members.map((r) => set.raters[r]!.id),
        ),
      );
  }
  onProgress?.(1);
  return {
    raters: set.raters,
    pairwise,
    fleiss,
    krippendorff,
    majority: withMajority ? { ties: withMajority.ties, noMajority: withMajority.noMajority } : null,
    reference: set.raters[ref]?.id ?? '',
    personas: [...personaIdx.keys()],
    perPersona,
    bias,
  };
}
