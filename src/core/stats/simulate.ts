/**
 * Simulated raters, for benchmarks and for trying the views before any real labels exist: each item
 * has a hidden true category (uniform); rater r reports it with probability `accuracy[r]` and
 * otherwise a uniformly random category; each rating is missing with probability `missing`.
 * Expected pairwise kappa is roughly accuracy_r · accuracy_s. Seeded: same options, same matrix.
 */
import { Rng } from '../random';
import { MISSING, type RatingMatrix } from './ratings';

/** Options of a simulation. */
export interface SimulationOptions {
  /** Number of items (≥ 0). */
  readonly items: number;
  /** Number of raters (≥ 1). */
  readonly raters: number;
  /** Number of categories (≥ 2). */
  readonly categories: number;
  /** Probability that a rating is missing, in [0, 1). */
  readonly missing?: number;
  /** Per-rater probability of reporting the true category; default spread evenly over 0.5–0.9. */
  readonly accuracy?: readonly number[];
  /** Seed. */
  readonly seed: string | number;
}

/** The default accuracies: evenly spread from 0.5 to 0.9. */
function defaultAccuracies(raters: number): number[] {
  return Array.from({ length: raters }, (_, r) => (raters === 1 ? 0.7 : 0.5 + (0.4 * r) / (raters - 1)));
}

/** Simulates a rating matrix. Throws a RangeError on impossible options. */
export function simulateRatings(o: SimulationOptions): RatingMatrix {
  const { items, raters, categories: q } = o;
  const missing = o.missing ?? 0;
  if (!(Number.isInteger(items) && items >= 0 && Number.isInteger(raters) && raters >= 1 && Number.isInteger(q) && q >= 2)) {
    throw new RangeError(`simulation needs whole items ≥ 0, raters ≥ 1 and categories ≥ 2 (got ${items}, ${raters}, ${q})`);
  }
  if (!(missing >= 0 && missing < 1)) throw new RangeError(`missing must be in [0, 1), got ${missing}`);
  const accuracy = o.accuracy ?? defaultAccuracies(raters);
  if (accuracy.length !== raters) throw new RangeError(`${accuracy.length} accuracies for ${raters} raters`);
  const rng = new Rng(o.seed);
  const truth = new Int32Array(items);
  for (let i = 0; i < items; i++) truth[i] = rng.int(q);
  const codes = new Int32Array(items * raters);
  for (let r = 0; r < raters; r++) {
    const stream = rng.fork(`rater-${r}`);
    const acc = accuracy[r]!;
    const base = r * items;
    for (let i = 0; i < items; i++) {
      if (missing > 0 && stream.next() < missing) codes[base + i] = MISSING;
      else codes[base + i] = stream.next() < acc ? truth[i]! : stream.int(q);
    }
  }
  return { nItems: items, nRaters: raters, nCategories: q, codes };
}
