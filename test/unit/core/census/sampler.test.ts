import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/random';
import { CENSUS_KEYS, checkCensusCodes, createCensusSampler, loadDefaultCensusModel } from '../../../../src/core/census/index';

const model = await loadDefaultCensusModel();

describe('census sampler', () => {
  it('is reproducible: same seed, same persons; another seed, other persons', () => {
    const draw = (seed: string) => {
      const s = createCensusSampler(model);
      const rng = new Rng(seed);
      return JSON.stringify(Array.from({ length: 200 }, () => s.sample(rng)));
    };
    expect(draw('a')).toBe(draw('a'));
    expect(draw('a')).not.toBe(draw('b'));
  });

  it('gives the 24 census keys in order, dictionary labels, integers for age and income', () => {
    const s = createCensusSampler(model);
    const rng = new Rng('keys');
    for (let i = 0; i < 500; i++) {
      const p = s.sample(rng);
      expect(Object.keys(p.attributes)).toEqual([...CENSUS_KEYS]);
      expect(Number.isInteger(p.attributes.age)).toBe(true);
      const inc = p.attributes.income;
      expect(inc === null || Number.isInteger(inc)).toBe(true);
      expect(p.attributes.sex === 'Male' || p.attributes.sex === 'Female').toBe(true);
      expect(p.attributes.citizenship).toBe(model.labels.CIT![p.codes.CIT!]);
      if (p.codes.SCHL !== null) expect(p.attributes.education).toBe(model.labels.SCHL![p.codes.SCHL!]);
      expect(['Northeast', 'Midwest', 'South', 'West']).toContain(p.region);
    }
  });

  it('breaks no hard rule in 100,000 draws', () => {
    const s = createCensusSampler(model);
    const rng = new Rng('rules');
    const broken: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) {
      for (const v of checkCensusCodes(s.sample(rng).codes)) broken[v.rule] = (broken[v.rule] ?? 0) + 1;
    }
    expect(broken).toEqual({});
    // The network's structural floors keep redraws rare: under 0.5% of draws.
    expect(s.stats.rejected).toBeLessThan(500);
  });

  it('keeps an age-restricted population census-true: ages in range, in the model proportions', () => {
    const s = createCensusSampler(model, { minAge: 18, maxAge: 30 });
    const rng = new Rng('ages');
    const counts = new Array<number>(100).fill(0);
    const n = 40_000;
    for (let i = 0; i < n; i++) counts[s.sample(rng).attributes.age as number]!++;
    const full = createCensusSampler(model);
    const rng2 = new Rng('ages-full');
    const ref = new Array<number>(100).fill(0);
    let inRange = 0;
    for (let i = 0; i < 400_000; i++) {
      const a = full.sample(rng2).attributes.age as number;
      if (a >= 18 && a <= 30) (ref[a]!++, inRange++);
    }
    for (let a = 0; a < 100; a++) {
      if (a < 18 || a > 30) expect(counts[a]).toBe(0);
      else {
        const p = ref[a]! / inRange;
        const se = Math.sqrt((p * (1 - p)) / n) + Math.sqrt((p * (1 - p)) / inRange);
        expect(Math.abs(counts[a]! / n - p)).toBeLessThan(4 * se);
      }
    }
  });

  it('refuses an age range nobody is in', () => {
    expect(() => createCensusSampler(model, { minAge: 120, maxAge: 130 })).toThrow(/nobody aged/);
  });
});
