import { describe, expect, it } from 'vitest';
import { describeJob, occupationGroup } from '../../../../src/core/personas/job';
import { Rng } from '../../../../src/core/random';

const base = { AGEP: 40, ESR: 1, COW: 1, OCCP: 3255, SCHL: 21, DIS: 2 };

describe('detailed job description', () => {
  it("maps OCCP codes to the dictionary's occupation groups", () => {
    expect(occupationGroup(3255)?.code).toBe('MED'); // Registered Nurses
    expect(occupationGroup(10)?.code).toBe('MGR'); // Chief Executives
    expect(occupationGroup(9830)?.code).toBe('MIL');
    expect(occupationGroup(9920)).toBeUndefined(); // never worked
    expect(occupationGroup(null)).toBeUndefined();
  });

  it('describes a worker by occupation group and employer', () => {
    const text = describeJob({ ...base, COW: 4 }, new Rng(1))!;
    expect(text).toMatch(/in state government|patients/);
    expect(describeJob({ ...base, COW: 6, OCCP: 6200 }, new Rng(2))).toMatch(/\{their\} own business|construction|building/i);
  });

  it('gives young children no description and school-age children a school', () => {
    expect(describeJob({ AGEP: 5 }, new Rng(1))).toBeNull();
    expect(describeJob({ AGEP: 0 }, new Rng(1))).toBeNull();
    expect(describeJob({ AGEP: 7 }, new Rng(1))).toBe('Elementary school student');
    expect(describeJob({ AGEP: 12 }, new Rng(1))).toBe('Middle school student');
    expect(describeJob({ AGEP: 15 }, new Rng(1))).toBe('High school student');
    expect(describeJob({ AGEP: 17, ESR: 1, COW: 1, OCCP: 4020 }, new Rng(1))).toMatch(/also a high school student$/);
  });

  it('describes people out of work by why, with their last occupation', () => {
    expect(describeJob({ AGEP: 70, ESR: 6, OCCP: 20, COW: 1 }, new Rng(1))).toMatch(/^Retired.*managerial/);
    expect(describeJob({ AGEP: 70, ESR: 6, OCCP: null }, new Rng(1))).toMatch(/^Retired/);
    expect(describeJob({ AGEP: 35, ESR: 3, OCCP: 4700 }, new Rng(1))).toMatch(/sales/);
    expect(describeJob({ AGEP: 21, ESR: 6, OCCP: null, SCHL: 19 }, new Rng(1))).toMatch(/student/i);
  });
});
