import { describe, expect, it } from 'vitest';
import {
  BIG_FIVE_LEVEL_PROBABILITIES,
  BIG_FIVE_LEVELS,
  BIG_FIVE_TRAITS,
  drawBigFive,
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
});
