/**
 * The train/test split: PERSONA used 1,000 of its 1,586 personas for training and 586 for testing;
 * other counts keep that proportion (rounded). Which personas go to test is a seeded shuffle.
 */
import { Rng } from '../random';
import type { PersonaSplit } from './schema';

/** PERSONA's set size and training share. */
export const PAPER_COUNT = 1586;
/** PERSONA's training personas. */
const PAPER_TRAIN = 1000;

/** The number of training personas for a set of `count` (1,000 for 1,586). */
export function trainCount(count: number): number {
  return Math.round((count * PAPER_TRAIN) / PAPER_COUNT);
}

/** The split of every index of a set, seeded. */
export function assignSplits(count: number, seed: string): PersonaSplit[] {
  const order = new Rng(`split|${seed}|${count}`).shuffle(Array.from({ length: count }, (_, i) => i));
  const out = new Array<PersonaSplit>(count).fill('test');
  const train = trainCount(count);
  for (let k = 0; k < train; k++) out[order[k] as number] = 'train';
  return out;
}
