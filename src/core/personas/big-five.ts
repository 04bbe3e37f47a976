/**
 * Big Five personality levels, drawn as PERSONA drew them: five levels per trait with
 * probabilities taken from the normative distribution of the Big Five Inventory-2 (Soto & John,
 * 2017, Journal of Personality and Social Psychology 113(1), 117-143, doi:10.1037/pspp0000096).
 *
 * A level is a band of the trait's norm-referenced T-score (mean 50, SD 10 in the BFI-2 norm
 * sample), with the cut points of the usual five-band profile (as on NEO PI-R profile forms,
 * Costa & McCrae 1992): Extremely Low T < 35, Low 35-45, Average 45-55, High 55-65, Extremely High
 * T > 65, i.e. z-score cuts at -1.5, -0.5, 0.5 and 1.5. Treating the norm sample's domain scores as
 * normal, a person drawn from that population falls in the bands with the probabilities below
 * (about 6.7%, 24.2%, 38.3%, 24.2%, 6.7%). Traits are drawn independently; see docs/personas.md.
 */
import type { Rng } from '../random';

/** The five traits, in the order of the paper's example string. */
export const BIG_FIVE_TRAITS = ['Openness', 'Conscientiousness', 'Extraversion', 'Agreeableness', 'Neuroticism'] as const;
/** One Big Five trait. */
export type BigFiveTrait = (typeof BIG_FIVE_TRAITS)[number];

/** The five levels, lowest first. */
export const BIG_FIVE_LEVELS = ['Extremely Low', 'Low', 'Average', 'High', 'Extremely High'] as const;
/** One level. */
export type BigFiveLevel = (typeof BIG_FIVE_LEVELS)[number];

/** The z-score cut points between the levels (T = 35, 45, 55, 65). */
export const BIG_FIVE_Z_CUTS = [-1.5, -0.5, 0.5, 1.5] as const;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf; absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** The probability of each level, lowest first (sums to 1). */
export const BIG_FIVE_LEVEL_PROBABILITIES: readonly number[] = (() => {
  const cdf = [0, ...BIG_FIVE_Z_CUTS.map(normalCdf), 1];
  return BIG_FIVE_LEVELS.map((_, i) => (cdf[i + 1] as number) - (cdf[i] as number));
})();

const CUMULATIVE = BIG_FIVE_LEVEL_PROBABILITIES.map((_, i) => BIG_FIVE_LEVEL_PROBABILITIES.slice(0, i + 1).reduce((a, b) => a + b, 0));

/** One level per trait. */
export type BigFiveProfile = Readonly<Record<BigFiveTrait, BigFiveLevel>>;

/** Draws a level for each trait (five uniform draws, one per trait in order). */
export function drawBigFive(rng: Rng): BigFiveProfile {
  const out = {} as Record<BigFiveTrait, BigFiveLevel>;
  for (const trait of BIG_FIVE_TRAITS) {
    const u = rng.next();
    let i = 0;
    while (i < CUMULATIVE.length - 1 && u >= (CUMULATIVE[i] as number)) i++;
    out[trait] = BIG_FIVE_LEVELS[i] as BigFiveLevel;
  }
  return out;
}

/** "Openness: Extremely High, Conscientiousness: Low, …" exactly as in PERSONA Appendix C. */
export function formatBigFive(profile: BigFiveProfile): string {
  return BIG_FIVE_TRAITS.map((t) => `${t}: ${profile[t]}`).join(', ');
}

const PATTERN = new RegExp(`^${BIG_FIVE_TRAITS.map((t) => `${t}: (${BIG_FIVE_LEVELS.join('|')})`).join(', ')}$`);

/** Reads a Big Five string back; undefined when it is not exactly in the paper's format. */
export function parseBigFive(text: string): BigFiveProfile | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const out = {} as Record<BigFiveTrait, BigFiveLevel>;
  BIG_FIVE_TRAITS.forEach((t, i) => (out[t] = m[i + 1] as BigFiveLevel));
  return out;
}
