/**
 * The joint of occupation and detailed education: the model's education shares of credentialed
 * occupations (physicians, lawyers, nurses, …) against the PWGTP-weighted PUMS shares computed from
 * the microdata by scripts/census/joint-shares.ts (committed in scripts/census/credential-shares.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCensusSampler, loadDefaultCensusModel } from '../../../../src/core/census/index';
import { CREDENTIALED, credentialOf, educationShares, type EducationShares } from '../../../../src/core/census/credentials';
import { Rng } from '../../../../src/core/random';

const pums = (JSON.parse(readFileSync('scripts/census/credential-shares.json', 'utf8')) as { shares: Record<string, EducationShares> })
  .shares;
const model = await loadDefaultCensusModel();

describe('occupation by detailed education', () => {
  const sampler = createCensusSampler(model, { minAge: 25 });
  const rng = new Rng('joint');
  const rows: { occp: number; schl: number; w: number }[] = [];
  for (let i = 0; i < 300_000; i++) {
    const c = sampler.sample(rng).codes;
    if (c.OCCP !== null && c.OCCP !== undefined) rows.push({ occp: c.OCCP, schl: c.SCHL ?? 0, w: 1 });
  }
  const drawn = educationShares(rows);

  it.each(CREDENTIALED.map((c) => [c.name]))('%s: education shares within sampling error of PUMS', (name) => {
    const p = pums[name]!,
      m = drawn[name]!;
    expect(m.n).toBeGreaterThan(50);
    for (const k of ['professional', 'master', 'bachelor', 'belowAssociate'] as const) {
      const se = Math.sqrt((p[k] * (1 - p[k])) / m.n);
      expect(Math.abs(m[k] - p[k]), `${name} ${k}: model ${m[k]} vs PUMS ${p[k]}`).toBeLessThan(4.5 * se + 0.01);
    }
  });

  it('meets #14: physicians and lawyers mostly hold a professional degree or doctorate, few nurses lack an associate degree', () => {
    expect(drawn.Physicians!.professional).toBeGreaterThanOrEqual(0.85);
    expect(drawn['Lawyers, judges']!.professional).toBeGreaterThanOrEqual(0.75);
    expect(drawn['Registered nurses']!.belowAssociate).toBeLessThanOrEqual(0.1);
  });

  it('knows the credentialed occupations by code', () => {
    expect(credentialOf(3255)?.name).toBe('Registered nurses');
    expect(credentialOf(4720)).toBeUndefined();
    expect(credentialOf(null)).toBeUndefined();
  });
});
