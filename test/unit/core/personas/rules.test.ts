import { describe, expect, it } from 'vitest';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';
import { generatePersonas } from '../../../../src/core/personas/generate';
import { checkPersonaRules } from '../../../../src/core/personas/rules';
import type { Persona } from '../../../../src/core/personas/schema';
import { FIXTURE_SOURCE } from '../../../fixtures/census-fixture';

const ids = (p: Partial<Persona>) => checkPersonaRules(p).map((v) => v.rule);
const adult = generatePersonas(FIXTURE_SOURCE, { seed: 'rules-adult', count: 50, minAge: 30, maxAge: 50 }).find(
  (p) => p['employment status'] === 'Civilian employed, at work' && p.citizenship === 'Born in the United States',
)!;
const child = generatePersonas(FIXTURE_SOURCE, { seed: 'rules-child', count: 5, minAge: 8, maxAge: 8 })[0]!;

describe('persona hard rules', () => {
  it("accept the paper's ten-year-old example and generated personas", () => {
    expect(ids(adult)).toEqual([]);
    expect(ids(child)).toEqual([]);
    // The paper's examples have no core values: that is the only complaint about either.
    for (const p of EXAMPLE_PERSONAS.slice(0, 2))
      expect(checkPersonaRules(p)).toEqual([expect.objectContaining({ rule: 'required-text', key: 'core values' })]);
  });

  it('give children "Too young to have political views" and adults something else', () => {
    expect(ids({ ...child, 'political views': 'Democrat' })).toContain('minor-political-views');
    expect(ids({ ...adult, 'political views': 'Too young to have political views' })).toContain('adult-political-views');
    expect(ids({ ...child, ideology: 'Very conservative' })).toContain('minor-ideology');
  });

  it('give no job description to a 5-year-old and only school to a child', () => {
    expect(ids({ ...child, age: 5, 'detailed job description': 'Student' })).toContain('young-child-job');
    expect(ids({ ...child, age: 5, 'detailed job description': null })).not.toContain('young-child-job');
    expect(ids({ ...child, 'detailed job description': 'Manager at a private company' })).toContain('child-job');
    expect(ids({ ...adult, age: 40, 'detailed job description': 'Middle school student' })).toContain('adult-school');
  });

  it('need a job description for an employed person', () => {
    expect(ids({ ...adult, 'detailed job description': null })).toContain('worker-job');
    expect(ids({ ...adult, 'detailed job description': 'Retired' })).toContain('worker-job');
  });

  it('keep non-citizens from voting and Big Five in the paper format', () => {
    expect(
      ids({ ...adult, citizenship: 'Not a U.S. citizen', 'political views': 'Registered Democrat who votes in every election' }),
    ).toContain('non-citizen-voting');
    expect(ids({ ...adult, citizenship: 'Not a U.S. citizen', 'political views': 'Democrat' })).toEqual([]);
    expect(ids({ ...adult, 'big five scores': 'Openness: high' })).toContain('big-five-format');
    expect(ids({ ...adult, religion: '' })).toContain('required-text');
  });
});
