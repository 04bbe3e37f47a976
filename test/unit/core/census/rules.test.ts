import { describe, expect, it } from 'vitest';
import { checkCensusCodes, CENSUS_RULES } from '../../../../src/core/census/rules';

/** A consistent adult: 40-year-old employed woman, bachelor's degree, US-born, married-couple household. */
const adult = {
  AGEP: 40,
  SEX: 2,
  RAC1P: 1,
  HISP: 1,
  ST: 6,
  SCHL: 21,
  ESR: 1,
  COW: 1,
  OCCP: 2310,
  INDP: 7860,
  PINCP: 65000,
  MAR: 1,
  MIL: 4,
  CIT: 1,
  NATIVITY: 1,
  DIS: 2,
  HICOV: 1,
  ENG: null,
  LANX: 2,
  FER: 2,
  DEAR: 2,
  DEYE: 2,
  DREM: 2,
  HHT: 1,
  HHL: 1,
  HHT2: 1,
  FPARC: 2,
  POBP: 6,
  ANC1P: 32,
};
const child = {
  ...adult,
  AGEP: 8,
  SCHL: 6,
  ESR: null,
  COW: null,
  OCCP: null,
  INDP: null,
  PINCP: null,
  MAR: 5,
  MIL: null,
  FER: null,
};

const rulesOf = (c: Record<string, number | null>) => checkCensusCodes(c).map((v) => v.rule);

describe('census hard rules', () => {
  it('pass consistent persons', () => {
    expect(rulesOf(adult)).toEqual([]);
    expect(rulesOf(child)).toEqual([]);
  });

  it.each([
    ['schl-age', { ...child, SCHL: 21 }],
    ['schl-age', { ...child, AGEP: 2 }],
    ['mar-age', { ...child, MAR: 1 }],
    ['esr-age', { ...child, ESR: 1, COW: 1, OCCP: 2310, INDP: 7860 }],
    ['cow-esr', { ...adult, COW: null, OCCP: null, INDP: null }],
    ['cow-esr', { ...adult, ESR: 4, MIL: 1, INDP: 9670, OCCP: 9800 }],
    ['job-cow', { ...adult, OCCP: null }],
    ['armed-forces-job', { ...adult, ESR: 4, COW: 5, MIL: 1 }],
    ['income-age', { ...child, PINCP: 120000 }],
    ['fer-sex-age', { ...adult, SEX: 1 }],
    ['fer-sex-age', { ...adult, AGEP: 60, FER: 1 }],
    ['mil-age', { ...child, MIL: 2 }],
    ['mil-age', { ...adult, MIL: 1 }],
    ['drem-age', { ...child, AGEP: 3, SCHL: 2, DREM: 2 }],
    ['disability-difficulties', { ...adult, DEAR: 1 }],
    ['language-age', { ...adult, LANX: 1, ENG: null }],
    ['citizenship-nativity', { ...adult, CIT: 5 }],
    ['household-child', { ...child, HHT: 6, HHT2: 5, FPARC: null }],
    ['family-children', { ...child, FPARC: 1 }],
    ['family-children', { ...adult, HHT: 4, HHT2: 9 }],
    ['household-type-detail', { ...adult, HHT2: 9 }],
    ['household-type-detail', { ...adult, HHT2: 1, FPARC: 4 }],
    ['place-of-birth', { ...adult, POBP: 210 }],
  ])('catch %s', (rule, codes) => {
    expect(rulesOf(codes as Record<string, number | null>)).toContain(rule);
  });

  it('skip codes that are absent (undefined), as for columns a file lacks', () => {
    expect(rulesOf({ AGEP: 10, SEX: 1 })).toEqual([]);
  });

  it('have unique ids and a text each', () => {
    expect(new Set(CENSUS_RULES.map((r) => r.id)).size).toBe(CENSUS_RULES.length);
    for (const r of CENSUS_RULES) expect(r.text.length).toBeGreaterThan(10);
  });
});
