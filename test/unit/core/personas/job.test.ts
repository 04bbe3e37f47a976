import { describe, expect, it } from 'vitest';
import { currentGrade, describeJob, occupationGroup, parseSchool } from '../../../../src/core/personas/job';
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

  it('gives young children no description and school-age children the school of the grade after the last one completed', () => {
    expect(describeJob({ AGEP: 5 }, new Rng(1))).toBeNull();
    expect(describeJob({ AGEP: 0 }, new Rng(1))).toBeNull();
    expect(describeJob({ AGEP: 6, SCHL: 2 }, new Rng(1))).toBe('Kindergartner');
    expect(describeJob({ AGEP: 7, SCHL: 4 }, new Rng(1))).toBe('Elementary school student (2nd grade)');
    expect(describeJob({ AGEP: 12, SCHL: 9 }, new Rng(1))).toBe('Middle school student (7th grade)');
    // The 14-year-old: "Grade 7" completed is 8th grade, middle school, not high school.
    expect(describeJob({ AGEP: 14, SCHL: 10 }, new Rng(1))).toBe('Middle school student (8th grade)');
    expect(describeJob({ AGEP: 15, SCHL: 12 }, new Rng(1))).toBe('High school student (10th grade)');
    expect(describeJob({ AGEP: 17, ESR: 1, COW: 1, OCCP: 4020, SCHL: 14 }, new Rng(1))).toMatch(
      /also a high school student \(12th grade\)$/,
    );
    expect(describeJob({ AGEP: 17, ESR: 1, COW: 1, OCCP: 4020, SCHL: 16 }, new Rng(1))).not.toMatch(/student/);
    expect(describeJob({ AGEP: 19, ESR: 6, SCHL: 13 }, new Rng(1))).toMatch(/^Left high school/);
    expect(describeJob({ AGEP: 22, ESR: 6, SCHL: 13, DIS: 2 }, new Rng(1))).not.toMatch(/student/i);
    expect(currentGrade(3)).toBe(1);
    expect(currentGrade(15)).toBe(12);
    expect(currentGrade(16)).toBeUndefined();
    expect(parseSchool('High school student (9th grade)')).toEqual({ school: 'High school', grade: 9 });
    expect(parseSchool('Kindergartner')).toEqual({ school: 'Kindergarten', grade: 0 });
    expect(parseSchool('College student')).toBeUndefined();
  });

  it('describes people out of work by why, with their last occupation', () => {
    expect(describeJob({ AGEP: 70, ESR: 6, OCCP: 20, COW: 1 }, new Rng(1))).toMatch(/^Retired.*managerial/);
    expect(describeJob({ AGEP: 70, ESR: 6, OCCP: null }, new Rng(1))).toMatch(/^Retired/);
    expect(describeJob({ AGEP: 35, ESR: 3, OCCP: 4700 }, new Rng(1))).toMatch(/sales/);
    expect(describeJob({ AGEP: 21, ESR: 6, OCCP: null, SCHL: 19 }, new Rng(1))).toMatch(/student/i);
  });
});
