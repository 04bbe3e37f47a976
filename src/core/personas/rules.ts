/**
 * Hard rules for the attributes the persona side adds and for their agreement with the census
 * attributes (./coherence.ts), checked on every persona (the census hard rules are the census
 * side's, `CensusRuleChecker`). The rules read the persona's own values, so they apply to imported
 * personas as well as generated ones; `checkHeritageRules` needs the draw's codes.
 */
import { BIG_FIVE_MIN_AGE, parseBigFive } from './big-five';
import { checkCoherence } from './coherence';
import { heritageOf } from './figures/heritage';
import { parseSchool } from './job';
import { fitsHeritage, RELIGIONS } from './lists/religion';
import { IDEOLOGIES } from './lists/ideology';
import { POLITICAL_VIEWS, TOO_YOUNG } from './lists/political-views';
import { fillPronouns } from './lists/types';
import type { PersonaAttributes, PersonaKey } from './schema';
import type { CensusCodes } from '../census/types';

/** One broken rule. */
export interface PersonaRuleViolation {
  /** A stable rule id, such as "minor-political-views". */
  readonly rule: string;
  /** The attribute at fault. */
  readonly key: PersonaKey | string;
  /** What is wrong, for a person. */
  readonly message: string;
}

/** The census side's checker, over a draw's PUMS codes (`checkCensusCodes`). */
export type CensusRuleChecker = (codes: CensusCodes) => readonly { readonly rule: string; readonly message: string }[];

/** The free-text attributes every persona must carry. */
const REQUIRED_TEXT_KEYS = [
  'big five scores',
  'defining quirks',
  'mannerisms',
  'personal time',
  'lifestyle',
  'ideology',
  'political views',
  'religion',
  'core values',
] as const satisfies readonly PersonaKey[];

const bothSexes = (t: string) => [fillPronouns(t, 'Female'), fillPronouns(t, 'Male')];
const YOUTH_IDEOLOGY = new Set(IDEOLOGIES.filter((e) => e.group === 'youth').flatMap((e) => bothSexes(e.text)));
const VOTER_VIEWS = new Set(POLITICAL_VIEWS.filter((e) => e.citizen).flatMap((e) => bothSexes(e.text)));
const isStudent = (job: string) => job === 'Student' || parseSchool(job) !== undefined;
const RELIGION_ENTRY = new Map(RELIGIONS.flatMap((e) => bothSexes(e.text).map((t) => [t, e] as const)));

/** True when an employment-status label says the person has a job ("Civilian employed, at work", "Armed forces, …"). */
function labelSaysWorking(label: unknown): boolean {
  return typeof label === 'string' && /employed|armed forces/i.test(label) && !/unemployed/i.test(label);
}

/** True when a citizenship label says the person is not a U.S. citizen. */
function labelSaysNonCitizen(label: unknown): boolean {
  return typeof label === 'string' && /not a u\.?\s?s\.? citizen/i.test(label);
}

/** The persona side's rule violations for one persona (empty when it keeps every rule). */
export function checkPersonaRules(p: Readonly<Partial<PersonaAttributes>>): PersonaRuleViolation[] {
  const out: PersonaRuleViolation[] = [];
  const bad = (rule: string, key: string, message: string): void => void out.push({ rule, key, message });
  const age = typeof p.age === 'number' ? p.age : undefined;
  for (const key of REQUIRED_TEXT_KEYS) {
    if (key === 'big five scores' && age !== undefined && age < BIG_FIVE_MIN_AGE) continue;
    const v = p[key];
    if (typeof v !== 'string' || v.trim() === '') bad('required-text', key, `"${key}" must be a non-empty text`);
  }
  const bigFive = p['big five scores'];
  if (typeof bigFive === 'string' && !parseBigFive(bigFive))
    bad('big-five-format', 'big five scores', `"${bigFive}" is not in the form "Openness: High, Conscientiousness: …"`);
  if (age !== undefined && age < BIG_FIVE_MIN_AGE && bigFive !== null && bigFive !== undefined)
    bad('infant-big-five', 'big five scores', `a ${age}-year-old has no measured personality`);
  const job = p['detailed job description'];
  const political = p['political views'];
  const ideology = p.ideology;
  if (age !== undefined) {
    if (age < 18 && political !== TOO_YOUNG) bad('minor-political-views', 'political views', `a ${age}-year-old must have "${TOO_YOUNG}"`);
    if (age >= 18 && political === TOO_YOUNG)
      bad('adult-political-views', 'political views', `a ${age}-year-old is not too young to have political views`);
    if (age < 18 && typeof ideology === 'string' && !YOUTH_IDEOLOGY.has(ideology))
      bad('minor-ideology', 'ideology', `a ${age}-year-old gets a value-based outlook, not "${ideology}"`);
    if (age < 6 && job !== null && job !== undefined)
      bad('young-child-job', 'detailed job description', `a ${age}-year-old has no job description`);
    if (age >= 6 && age < 16 && typeof job === 'string' && !isStudent(job))
      bad('child-job', 'detailed job description', `a ${age}-year-old can only be a student, not "${job}"`);
    if (age >= 20 && typeof job === 'string' && /^(elementary|middle) school student/i.test(job))
      bad('adult-school', 'detailed job description', `a ${age}-year-old is not in ${job.toLowerCase()}`);
  }
  if (labelSaysWorking(p['employment status']) && (typeof job !== 'string' || /^(retired|looking for work)/i.test(job))) {
    bad('worker-job', 'detailed job description', 'an employed person needs a description of the job they hold');
  }
  if (labelSaysNonCitizen(p.citizenship) && typeof political === 'string' && VOTER_VIEWS.has(political)) {
    bad('non-citizen-voting', 'political views', `a non-citizen cannot vote: "${political}"`);
  }
  checkCoherence(p, bad);
  return out;
}

/** The rules that need a draw's census codes: a denomination of a national church only for its heritage. */
export function checkHeritageRules(p: Readonly<Partial<PersonaAttributes>>, codes: CensusCodes): PersonaRuleViolation[] {
  const entry = typeof p.religion === 'string' ? RELIGION_ENTRY.get(p.religion) : undefined;
  if (!entry || fitsHeritage(entry, heritageOf(codes))) return [];
  return [
    { rule: 'denomination-heritage', key: 'religion', message: `"${p.religion}" for someone of ${p.ancestry ?? 'another'} ancestry` },
  ];
}
