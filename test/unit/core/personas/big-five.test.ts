import { describe, expect, it } from 'vitest';
import {
  BIG_FIVE_LEVEL_PROBABILITIES,
  BIG_FIVE_LEVELS,
  BIG_FIVE_TRAITS,
  bigFiveShift,
  drawBigFive,
  drawBigFiveFor,
  formatBigFive,
  normalCdf,
  parseBigFive,
} from '../../../../src/core/personas/big-five';
import { Rng } from '../../../../src/core/random';

/** PERSONA Appendix C, first example, verbatim. */
const PAPER =
  'Openness: Extremely High, Conscientiousness: Low, Extraversion: Extremely High, Agreeableness: Low, Neuroticism: Extremely Low';

describe('Big Five', () => {
  it("renders exactly as the paper's example string, trait order included", () => {
    const profile = parseBigFive(PAPER);
    expect(profile).toEqual({
      Openness: 'Extremely High',
      Conscientiousness: 'Low',
      Extraversion: 'Extremely High',
      Agreeableness: 'Low',
      Neuroticism: 'Extremely Low',
    });
    expect(formatBigFive(profile!)).toBe(PAPER);
  });

  it('refuses strings not in the paper format', () => {
    expect(parseBigFive('Openness: High')).toBeUndefined();
    expect(parseBigFive(PAPER.replace('Low', 'Very Low'))).toBeUndefined();
    expect(parseBigFive(PAPER.toLowerCase())).toBeUndefined();
  });

  it('uses the normal-curve band probabilities of T-score cuts 35/45/55/65', () => {
    // Standard normal table: Φ(-1.5) = 0.0668072, Φ(-0.5) = 0.3085375.
    expect(normalCdf(-1.5)).toBeCloseTo(0.0668072, 6);
    expect(normalCdf(-0.5)).toBeCloseTo(0.3085375, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    const [el, l, a, h, eh] = BIG_FIVE_LEVEL_PROBABILITIES as [number, number, number, number, number];
    expect(el).toBeCloseTo(0.0668072, 6);
    expect(l).toBeCloseTo(0.3085375 - 0.0668072, 6);
    expect(a).toBeCloseTo(1 - 2 * 0.3085375, 6);
    expect(h).toBeCloseTo(l, 9);
    expect(eh).toBeCloseTo(el, 9);
    expect(el + l + a + h + eh).toBeCloseTo(1, 12);
  });

  it('draws each level of each trait within sampling error of its probability', () => {
    const n = 100_000;
    const rng = new Rng('big-five-test');
    const counts = BIG_FIVE_TRAITS.map(() => BIG_FIVE_LEVELS.map(() => 0));
    for (let i = 0; i < n; i++) {
      const p = drawBigFive(rng);
      BIG_FIVE_TRAITS.forEach((t, ti) => counts[ti]![BIG_FIVE_LEVELS.indexOf(p[t])]!++);
    }
    for (const row of counts) {
      row.forEach((c, li) => {
        const p = BIG_FIVE_LEVEL_PROBABILITIES[li]!;
        const se = Math.sqrt((p * (1 - p)) / n);
        expect(Math.abs(c / n - p)).toBeLessThan(4 * se);
      });
    }
  });

  it('gives infants and toddlers none, and shifts the bands by age and sex in the published directions', () => {
    const rng = new Rng('big-five-age');
    expect(drawBigFiveFor(4, 2, rng)).toBeUndefined();
    expect(drawBigFiveFor(5, 2, rng)).toBeDefined();
    // The paper's 10-year-old keeps hers.
    expect(drawBigFiveFor(10, 2, rng)).toBeDefined();
    expect(bigFiveShift('Conscientiousness', 60, 1)).toBeGreaterThan(bigFiveShift('Conscientiousness', 15, 1));
    expect(bigFiveShift('Agreeableness', 60, 2)).toBeGreaterThan(bigFiveShift('Agreeableness', 20, 2));
    expect(bigFiveShift('Neuroticism', 30, 2)).toBeGreaterThan(bigFiveShift('Neuroticism', 30, 1));
    expect(bigFiveShift('Neuroticism', 65, 2)).toBeLessThan(bigFiveShift('Neuroticism', 25, 2));
    expect(bigFiveShift('Openness', 90, 1)).toBe(bigFiveShift('Openness', 65, 1));
    // The drawn levels follow the shifted normal: P(High or above) = 1 - Φ(0.5 - shift).
    const n = 40_000;
    const high = (age: number, sex: number) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (/High/.test(drawBigFiveFor(age, sex, rng)!.Conscientiousness)) k++;
      return k / n;
    };
    for (const [age, sex] of [
      [16, 1],
      [60, 2],
    ] as const) {
      const p = 1 - normalCdf(0.5 - bigFiveShift('Conscientiousness', age, sex));
      expect(Math.abs(high(age, sex) - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });
});
