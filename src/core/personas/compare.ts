/**
 * The census comparison of a persona set (PERSONA Figures 2 and 13): for each of the ten charted
 * attributes, the set's histogram beside the census model's own figures for the same ages, and
 * the total variation distance between them, with the distance sampling alone would give.
 */
import { MARGINAL_KEYS, marginalCategory, modelMarginals, schlCodeOf, type CensusModelData, type MarginalKey } from '../census/index';
import type { Persona } from './schema';

/** One attribute's comparison. */
export interface AttributeComparison {
  /** The attribute. */
  readonly key: MarginalKey;
  /** Categories, in the census model's order (then any category only the set has). */
  readonly categories: readonly string[];
  /** The set's share in each category. */
  readonly set: readonly number[];
  /** The census model's share in each category. */
  readonly census: readonly number[];
  /** Total variation distance: half the sum of absolute differences, 0 (same) to 1 (disjoint). */
  readonly tvd: number;
  /**
   * The distance expected from sampling alone for a set of this size drawn from the census
   * figures (normal approximation, E|p̂ - p| = sqrt(2p(1-p)/(πn)) per category); a TVD near it
   * means the set follows the census as closely as its size allows.
   */
  readonly expectedTvd: number;
}

/** Total variation distance between two distributions over the same categories. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < Math.max(p.length, q.length); i++) s += Math.abs((p[i] ?? 0) - (q[i] ?? 0));
  return s / 2;
}

/** The TVD expected from sampling n items from distribution q (0 when n is 0). */
export function expectedSamplingTvd(q: readonly number[], n: number): number {
  if (n <= 0) return 0;
  return q.reduce((s, p) => s + Math.sqrt((2 * p * (1 - p)) / (Math.PI * n)), 0) / 2;
}

/** The age range of a set (min and max age present; 0-99 when there is none). */
function ageRangeOf(personas: readonly Persona[]): { minAge: number; maxAge: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const p of personas) {
    if (typeof p.age !== 'number') continue;
    min = Math.min(min, p.age);
    max = Math.max(max, p.age);
  }
  return Number.isFinite(min) ? { minAge: min, maxAge: max } : { minAge: 0, maxAge: 99 };
}

/**
 * Compares a set with a census model over the ages [minAge, maxAge] (default: the set's own
 * range). Values are binned as the census side bins them (`marginalCategory`).
 */
export function compareWithCensus(
  personas: readonly Persona[],
  model: CensusModelData,
  range?: { minAge?: number; maxAge?: number },
): AttributeComparison[] {
  const r = { ...ageRangeOf(personas), ...range };
  const figures = modelMarginals(model, r);
  const schlOf = (label: string) => schlCodeOf(model, label);
  return MARGINAL_KEYS.map((key) => {
    const fig = figures.find((f) => f.key === key);
    const categories = [...(fig?.categories ?? [])];
    const census = [...(fig?.shares ?? [])];
    const counts = new Array<number>(categories.length).fill(0);
    for (const p of personas) {
      const c = marginalCategory(key, p[key], schlOf);
      let i = categories.indexOf(c);
      if (i < 0) {
        i = categories.push(c) - 1;
        census.push(0);
        counts.push(0);
      }
      counts[i] = (counts[i] as number) + 1;
    }
    const n = personas.length;
    const set = counts.map((c) => (n ? c / n : 0));
    return { key, categories, set, census, tvd: totalVariation(set, census), expectedTvd: expectedSamplingTvd(census, n) };
  });
}
