/**
 * The detailed job description, built from the census draw: the occupation group of OCCP, the
 * class of worker and the employment status, with the curated texts of ./lists/jobs.ts.
 * Children under 6 have none (null); school-age children are students of the grade their
 * education (SCHL) implies; people not working are described by why (looking for work, retired,
 * studying, at home) and their last occupation.
 */
import type { CensusCodes } from '../census/types';
import { fill } from '../pipeline/templates';
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

/**
 * The grade a student attends, from SCHL: the ACS asks for the last grade completed ("if currently
 * enrolled, mark the previous grade"), so a 14-year-old whose education reads "Grade 7" is in 8th
 * grade. 0 is kindergarten; undefined once high school is finished (a diploma or GED) or when SCHL
 * is N/A. "12th grade - no diploma" stays in 12th grade.
 */
export function currentGrade(schl: number | null | undefined): number | undefined {
  if (schl === null || schl === undefined || schl >= 16) return undefined;
  if (schl <= 2) return 0;
  return Math.min(12, schl - 2);
}

const ORDINAL = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

/** The school of a grade: "Kindergartner", "Middle school student (8th grade)", … */
export function schoolStudent(grade: number): string {
  if (grade <= 0) return 'Kindergartner';
  const school = SCHOOL_STUDENTS.find((s) => grade >= s.minGrade && grade <= s.maxGrade) ?? SCHOOL_STUDENTS[SCHOOL_STUDENTS.length - 1]!;
  return `${school.text} (${ORDINAL(grade)} grade)`;
}

/** A school description and the grade it names ("High school student (9th grade)" → 9; "Kindergartner" → 0), or undefined. */
export function parseSchool(text: string): { school: string; grade: number | undefined } | undefined {
  if (text === 'Kindergartner') return { school: 'Kindergarten', grade: 0 };
  const m = /^(Elementary school|Middle school|High school) student(?: \((\d+)(?:st|nd|rd|th) grade\))?$/.exec(text);
  return m ? { school: m[1]!, grade: m[2] === undefined ? undefined : Number(m[2]) } : undefined;
}

/** The age from which people are described as retired when out of the labour force. */
export const RETIREMENT_AGE = 60;

/** Draws the job description (text with pronoun slots) for a census draw; null under age 6. */
export function describeJob(codes: CensusCodes, rng: Rng): string | null {
  const age = codes.AGEP ?? 0;
  if (age < 6) return null;
  const group = occupationGroup(codes.OCCP);
  const esr = codes.ESR;
  const grade = currentGrade(codes.SCHL);
  if (isWorking(esr)) {
    const at = EMPLOYER_AT[codes.COW ?? 1] ?? EMPLOYER_AT[1]!;
    const text = group ? fill(rng.pick(group.descriptions), { at }, ['at']) : `Employed ${at}`;
    if (age >= 18 || grade === undefined) return text;
    const school = schoolStudent(grade);
    return `${text}; also a ${school.charAt(0).toLowerCase()}${school.slice(1)}`;
  }
  if (age < 16) return grade === undefined || (grade === 0 && age >= 7) ? 'Student' : schoolStudent(grade);
  const withNoun = (xs: readonly string[]) => fill(rng.pick(xs), { noun: group?.noun ?? '' }, ['noun']);
  if (esr === 3) return group ? withNoun(NOT_WORKING.unemployedWithJob) : rng.pick(NOT_WORKING.unemployed);
  if (age >= RETIREMENT_AGE) return group ? withNoun(NOT_WORKING.retiredWithJob) : rng.pick(NOT_WORKING.retired);
  if (age <= 19 && grade !== undefined) return age <= 18 || grade === 12 ? schoolStudent(grade) : rng.pick(NOT_WORKING.leftSchool);
  const schl = codes.SCHL ?? 0;
  if (age <= 24 && schl >= 16) return rng.pick(schl >= 21 ? NOT_WORKING.graduate : NOT_WORKING.college);
  if (group) return withNoun(NOT_WORKING.formerWorker);
  const options: string[] = [...NOT_WORKING.home];
  if (codes.DIS === 1) options.push(...NOT_WORKING.health);
  return rng.pick(options);
}
