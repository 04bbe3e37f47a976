/**
 * A simulated label set shaped like PERSONA's data: `personas` personas with `pairsPerPersona`
 * preference pairs each (1,586 × 200 = 317,200 in the paper), judged by simulated raters of
 * varying accuracy (see stats/simulate), each shown the two responses in a random order.
 * Lets people try the judge views, and the browser benchmark load the page, with no model run.
 */
import { Rng } from '../random';
import { simulateRatings } from '../stats/simulate';
import type { LabelSet } from './label-set';

/** Options of a simulated label set. */
export interface LabelSimulation {
  /** Number of simulated judges. */
  readonly raters: number;
  /** Number of personas. */
  readonly personas: number;
  /** Pairs per persona. */
  readonly pairsPerPersona: number;
  /** Probability that a judge skipped a pair. */
  readonly missing?: number;
  /** Seed. */
  readonly seed: string;
  /** Creation time. */
  readonly now: number;
}

/** Builds the set. Judge r reports the hidden preference with accuracy from 0.5 to 0.9. */
export function simulateLabelSet(o: LabelSimulation): LabelSet {
  const items = o.personas * o.pairsPerPersona;
  const m = simulateRatings({ items, raters: o.raters, categories: 2, missing: o.missing ?? 0, seed: o.seed });
  const rng = new Rng(`${o.seed}/order`);
  const shownFirst = new Int16Array(m.codes.length);
  for (let k = 0; k < shownFirst.length; k++) shownFirst[k] = m.codes[k]! < 0 ? -1 : rng.int(2);
  const pairs = Array.from({ length: items }, (_, i) => ({
    id: `pair-${i + 1}`,
    personaId: `persona-${Math.floor(i / o.pairsPerPersona) + 1}`,
  }));
  return {
    id: `sim-${o.seed}-${o.raters}x${items}`,
    name: `Simulated: ${o.raters} judges × ${items.toLocaleString('en-US')} pairs`,
    createdAt: o.now,
    categories: ['a', 'b'],
    raters: Array.from({ length: o.raters }, (_, r) => ({
      id: `judge ${r + 1}`,
      kind: 'model' as const,
      model: 'simulated',
      mode: `accuracy ${(0.5 + (0.4 * r) / Math.max(1, o.raters - 1)).toFixed(2)}`,
    })),
    pairs,
    choices: Int16Array.from(m.codes),
    shownFirst,
  };
}
