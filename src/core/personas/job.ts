/**
 * The detailed job description, built from the census draw: the occupation group of OCCP, the
 * class of worker and the employment status, with the curated texts of ./lists/jobs.ts.
 * Children under 6 have none (null); school-age children are students; people not working are
 * described by why (looking for work, retired, studying, at home) and their last occupation.
 */
import type { CensusCodes } from '../census/types';
import type { Rng } from '../random';
import { EMPLOYER_AT, NOT_WORKING, OCCUPATION_GROUPS, SCHOOL_STUDENTS, type OccupationGroup } from './lists/jobs';

/** The occupation group of an OCCP code; undefined for none, 9920 (never worked) or an unknown code. */
export function occupationGroup(occp: number | null | undefined): OccupationGroup | undefined {
  if (occp === null || occp === undefined) return undefined;
  return OCCUPATION_GROUPS.find((g) => occp >= g.range[0] && occp <= g.range[1]);
}

/** Whether ESR says the person has a job (civilian or armed forces, at work or not). */
export function isWorking(esr: number | null | undefined): boolean {
  return esr === 1 || esr === 2 || esr === 4 || esr === 5;
}

/** The school a child of this age attends; undefined outside 6-19. */
export function schoolStudent(age: number): string | undefined {
  return SCHOOL_STUDENTS.find((s) => age >= s.minAge && age <= s.maxAge)?.text;
}

/** The age from which people are described as retired when out of the labour force. */
export const RETIREMENT_AGE = 60;

/** Draws the job description (text with pronoun slots) for a census draw; null under age 6. */
export function describeJob(codes: CensusCodes, rng: Rng): string | null {
  const age = codes.AGEP ?? 0;
  if (age < 6) return null;
  const group = occupationGroup(codes.OCCP);
  const esr = codes.ESR;
  if (isWorking(esr)) {
    const at = EMPLOYER_AT[codes.COW ?? 1] ?? EMPLOYER_AT[1]!;
    const text = group ? rng.pick(group.descriptions).replace('{at}', at) : `Employed ${at}`;
    return age < 18 ? `${text}; also a high school student` : text;
  }
  if (age < 16) return schoolStudent(age) ?? 'Student';
  const withNoun = (xs: readonly string[]) => rng.pick(xs).replace('{noun}', group?.noun ?? '');
  if (esr === 3) return group ? withNoun(NOT_WORKING.unemployedWithJob) : rng.pick(NOT_WORKING.unemployed);
  if (age >= RETIREMENT_AGE) return group ? withNoun(NOT_WORKING.retiredWithJob) : rng.pick(NOT_WORKING.retired);
  if (age <= 19 && (codes.SCHL ?? 0) < 16) return 'High school student';
  if (age <= 24) return rng.pick(NOT_WORKING.college);
  if (group) return withNoun(NOT_WORKING.formerWorker);
  const options: string[] = [...NOT_WORKING.home];
  if (codes.DIS === 1) options.push(...NOT_WORKING.health);
  return rng.pick(options);
}
