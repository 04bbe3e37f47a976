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
 * (about 6.7%, 24.2%, 38.3%, 24.2%, 6.7%).
 *
 * By age and sex (`drawBigFiveFor`): a person's domain score is drawn as normal with the norm SD
 * and a mean shifted by age and sex (AGE_SEX_SHIFTS), so the bands stay those of the norm sample
 * while a 60-year-old is more often "High" in Conscientiousness than a 15-year-old. Infants and
 * toddlers (under 5) get no Big Five. Traits are drawn independently; see docs/personas.md.
 */
import type { Rng } from '../random';

/** The five traits, in the order of the paper's example string. */
export const BIG_FIVE_TRAITS = ['Openness', 'Conscientiousness', 'Extraversion', 'Agreeableness', 'Neuroticism'] as const;
/** One Big Five trait. */
export type BigFiveTrait = (typeof BIG_FIVE_TRAITS)[number];

/** The five levels, lowest first. */
export const BIG_FIVE_LEVELS = ['Extremely Low', 'Low', 'Average', 'High', 'Extremely High'] as const;
/** One level. */
type BigFiveLevel = (typeof BIG_FIVE_LEVELS)[number];

/** The z-score cut points between the levels (T = 35, 45, 55, 65). */
const BIG_FIVE_Z_CUTS = [-1.5, -0.5, 0.5, 1.5] as const;

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

/** Draws a level for each trait from the norm sample's bands (five uniform draws, one per trait in order). */
export function drawBigFive(rng: Rng): BigFiveProfile {
  return drawWith(rng, [CUMULATIVE, CUMULATIVE, CUMULATIVE, CUMULATIVE, CUMULATIVE]);
}

function drawWith(rng: Rng, cumulative: readonly (readonly number[])[]): BigFiveProfile {
  const code = drawCode(rng, cumulative);
  const out = {} as Record<BigFiveTrait, BigFiveLevel>;
  BIG_FIVE_TRAITS.forEach((trait, t) => (out[trait] = BIG_FIVE_LEVELS[Math.floor(code / 5 ** (4 - t)) % 5] as BigFiveLevel));
  return out;
}

/** The five levels as one base-5 number, Openness first (one uniform draw per trait, in order). */
function drawCode(rng: Rng, cumulative: readonly (readonly number[])[]): number {
  let code = 0;
  for (let t = 0; t < 5; t++) {
    const cum = cumulative[t]!;
    const u = rng.next();
    let i = 0;
    while (i < cum.length - 1 && u >= (cum[i] as number)) i++;
    code = code * 5 + i;
  }
  return code;
}

/** The youngest age that gets a Big Five (infants and toddlers have no measured personality). */
export const BIG_FIVE_MIN_AGE = 5;

/**
 * Mean shifts (in norm SD units) of each domain by age, as [age, women, men] knots, linear between
 * knots and flat outside 10-65 (the ages Soto et al. 2011 cover; ages 5-9 take age 10's). The
 * DIRECTIONS follow the published findings: Agreeableness and Conscientiousness dip in early
 * adolescence and rise through adulthood; Neuroticism rises in adolescent girls and declines in
 * adult women, with little change in men; women score higher in Neuroticism and Agreeableness;
 * Extraversion and Openness change little in adulthood (Soto, John, Gosling & Potter 2011, JPSP
 * 100(2), 330-348, abstract; Srivastava, John, Gosling & Potter 2003, JPSP 84(5), 1041-1053,
 * abstract; Weisberg, DeYoung & Hirsh 2011, Frontiers in Psychology 2:178). The MAGNITUDES are
 * UNVERIFIED: read off the published figures without a stored copy of their tables, rounded to
 * 0.05 SD, and the BFI-2 paper (Soto & John 2017) gives no norms by age and sex.
 */
const AGE_SEX_SHIFTS: Readonly<Record<BigFiveTrait, readonly (readonly [number, number, number])[]>> = {
  Openness: [
    [10, 0.1, 0.1],
    [14, -0.15, -0.15],
    [22, 0.05, 0.05],
    [65, 0.05, 0.05],
  ],
  Conscientiousness: [
    [10, 0.05, 0],
    [14, -0.3, -0.35],
    [20, -0.15, -0.2],
    [40, 0.15, 0.1],
    [65, 0.35, 0.3],
  ],
  Extraversion: [
    [10, 0.2, 0.15],
    [18, 0.05, 0],
    [65, -0.05, -0.1],
  ],
  Agreeableness: [
    [10, 0.1, 0],
    [14, -0.15, -0.35],
    [20, -0.05, -0.25],
    [65, 0.35, 0.15],
  ],
  Neuroticism: [
    [10, 0.05, 0],
    [16, 0.45, -0.05],
    [25, 0.35, -0.05],
    [65, 0.05, -0.15],
  ],
};

/** The mean shift of a trait at an age for a sex (1 male, 2 female, as PUMS codes SEX). */
export function bigFiveShift(trait: BigFiveTrait, age: number, sex: number): number {
  const knots = AGE_SEX_SHIFTS[trait];
  const col = sex === 2 ? 1 : 2;
  const a = Math.min(65, Math.max(10, age));
  for (let k = 1; k < knots.length; k++) {
    const lo = knots[k - 1]!,
      hi = knots[k]!;
    if (a <= hi[0]) return lo[col]! + ((hi[col]! - lo[col]!) * (a - lo[0])) / (hi[0] - lo[0]);
  }
  return knots[knots.length - 1]![col]!;
}

const shiftedCumulative = new Map<number, readonly (readonly number[])[]>();

function cumulativeFor(age: number, sex: number): readonly (readonly number[])[] {
  const key = Math.min(65, Math.max(10, age)) * 4 + (sex === 2 ? 2 : 1);
  let cum = shiftedCumulative.get(key);
  if (!cum) {
    cum = BIG_FIVE_TRAITS.map((t) => {
      const mu = bigFiveShift(t, age, sex);
      return [...BIG_FIVE_Z_CUTS.map((z) => normalCdf(z - mu)), 1];
    });
    shiftedCumulative.set(key, cum);
  }
  return cum;
}

/**
 * Draws a level for each trait for a person of this age and sex (five uniform draws), or returns
 * undefined under BIG_FIVE_MIN_AGE (no draw).
 */
export function drawBigFiveFor(age: number, sex: number, rng: Rng): BigFiveProfile | undefined {
  return age < BIG_FIVE_MIN_AGE ? undefined : drawWith(rng, cumulativeFor(age, sex));
}

const texts: string[] = [];

/** `drawBigFiveFor` already in the paper's format (the same draws), or null under BIG_FIVE_MIN_AGE. */
export function drawBigFiveText(age: number, sex: number, rng: Rng): string | null {
  if (age < BIG_FIVE_MIN_AGE) return null;
  const code = drawCode(rng, cumulativeFor(age, sex));
  return (texts[code] ??= BIG_FIVE_TRAITS.map((t, i) => `${t}: ${BIG_FIVE_LEVELS[Math.floor(code / 5 ** (4 - i)) % 5]}`).join(', '));
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
