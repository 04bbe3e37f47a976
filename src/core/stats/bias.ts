/**
 * A judge's position and length bias on preference pairs. Position bias: how often it picks the
 * response shown first (0.5 when position does not matter). Length bias: how often it picks the
 * longer response, over pairs whose responses differ in length (0.5 when length does not matter).
 * Each rate comes with Wilson's (1927) 95% score interval, which stays inside [0, 1].
 */
import { Z975 } from './distributions';
import type { Interval } from './types';

/** A proportion with its interval. */
export interface Rate {
  /** Successes / n; null when n = 0. */
  readonly rate: number | null;
  /** Successes. */
  readonly hits: number;
  /** Trials. */
  readonly n: number;
  /** Wilson 95% interval; null when n = 0. */
  readonly ci95: Interval | null;
}

/** Wilson score interval for `hits` out of `n` at the 95% level. */
export function wilson(hits: number, n: number): Rate {
  if (n === 0) return { rate: null, hits, n, ci95: null };
  const p = hits / n,
    z2 = Z975 * Z975;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { rate: p, hits, n, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

/** One judged pair as the bias measures need it. */
export interface ChoiceRecord {
  /** The response chosen, or null when the judge gave no usable answer (left out). */
  readonly choice: 'a' | 'b' | null;
  /** The response shown first; undefined when not recorded (left out of position bias). */
  readonly shownFirst?: 'a' | 'b' | undefined;
  /** Length of response a (characters); undefined when unknown. */
  readonly lengthA?: number | undefined;
  /** Length of response b. */
  readonly lengthB?: number | undefined;
}

/** Share of choices that went to the response shown first. */
export function positionBias(records: Iterable<ChoiceRecord>): Rate {
  let hits = 0,
    n = 0;
  for (const r of records) {
    if (!r.choice || !r.shownFirst) continue;
    n++;
    if (r.choice === r.shownFirst) hits++;
  }
  return wilson(hits, n);
}

/** Share of choices that went to the longer response (pairs of equal or unknown length left out). */
export function lengthBias(records: Iterable<ChoiceRecord>): Rate {
  let hits = 0,
    n = 0;
  for (const r of records) {
    if (!r.choice || r.lengthA === undefined || r.lengthB === undefined || r.lengthA === r.lengthB) continue;
    n++;
    if ((r.choice === 'a') === r.lengthA > r.lengthB) hits++;
  }
  return wilson(hits, n);
}
