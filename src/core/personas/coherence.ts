/**
 * Consistency rules across attributes (issue #14): the contradictions a reader stops believing a
 * persona over. They read the persona's own values (labels and list texts), so they apply to
 * imported sets as well; the generator checks them on every draw and redraws a persona that breaks
 * one, as PERSONA's consistency filter removed implausible configurations (§3.1). The rate at which
 * each fires on first drafts is measured by scripts/persona-rule-rates.ts (docs/personas.md).
 */
import { CREDENTIALED, schlOfLabel } from '../census/credentials';
import { crossesParty, type IdeologyGroup, type PartyId } from './figures/party';
import { NON_RELIGIOUS } from './figures/religion';
import { parseSchool, schoolStudent } from './job';
import { CORE_VALUES } from './lists/core-values';
import { IDEOLOGIES } from './lists/ideology';
import { LIFESTYLE } from './lists/lifestyle';
import { MANNERISMS } from './lists/mannerisms';
import { PERSONAL_TIME } from './lists/personal-time';
import { POLITICAL_VIEWS } from './lists/political-views';
import { QUIRKS } from './lists/quirks';
import { RELIGIONS } from './lists/religion';
import { allEntries, fillPronouns, type ListEntry } from './lists/types';
import type { PersonaAttributes, PersonaKey } from './schema';

/** A broken coherence rule, as `checkPersonaRules` reports it. */
type Bad = (rule: string, key: PersonaKey, message: string) => void;

const bothSexes = (t: string) => [fillPronouns(t, 'Female'), fillPronouns(t, 'Male')];
const textsOf = (entries: readonly ListEntry[], flag: (e: ListEntry) => boolean | undefined) =>
  new Set(entries.filter((e) => flag(e)).flatMap((e) => bothSexes(e.text)));

/** The list-drawn attributes whose entries may be gated, with every entry they can hold. */
const GATED: readonly (readonly [PersonaKey, readonly ListEntry[]])[] = [
  ['defining quirks', allEntries(QUIRKS)],
  ['mannerisms', allEntries(MANNERISMS)],
  ['personal time', allEntries(PERSONAL_TIME)],
  ['lifestyle', allEntries(LIFESTYLE)],
  ['ideology', IDEOLOGIES],
];
const LANGUAGE = new Map(GATED.map(([k, list]) => [k, textsOf(list, (e) => e.otherLanguage)]));
const FOREIGN = new Map(GATED.map(([k, list]) => [k, textsOf(list, (e) => e.foreignBorn)]));
const FAITH = new Map(GATED.map(([k, list]) => [k, textsOf(list, (e) => e.religious)]));
const FAITH_VALUES = new Set(
  allEntries(CORE_VALUES)
    .filter((e) => e.religious)
    .map((e) => e.text.toLowerCase()),
);
const NON_RELIGIOUS_TEXTS = new Set(RELIGIONS.filter((e) => NON_RELIGIOUS.has(e.tradition)).flatMap((e) => bothSexes(e.text)));
const POLITICAL = new Map(POLITICAL_VIEWS.flatMap((e) => bothSexes(e.text).map((t) => [t, e] as const)));
const IDEOLOGY = new Map(IDEOLOGIES.flatMap((e) => bothSexes(e.text).map((t) => [t, e] as const)));

/** The credentialed occupation of an occupation label (memoised: a set holds a few hundred labels). */
const credentialCache = new Map<string, (typeof CREDENTIALED)[number] | null>();
function credentialOfLabel(label: string): (typeof CREDENTIALED)[number] | undefined {
  let c = credentialCache.get(label);
  if (c === undefined) credentialCache.set(label, (c = CREDENTIALED.find((x) => x.label.test(label)) ?? null));
  return c ?? undefined;
}

/** Speaks only English at home, as the persona says: an English-only household, or no English-ability answer from age 5. */
function englishOnly(p: Readonly<Partial<PersonaAttributes>>): boolean {
  if (p['household language'] === 'English only') return true;
  return typeof p.age === 'number' && p.age >= 5 && p['ability to speak english'] === null;
}

/** Born in the United States or its territories, as the citizenship label says. */
function nativeBorn(p: Readonly<Partial<PersonaAttributes>>): boolean {
  return typeof p.citizenship === 'string' && /^Born in|^Born abroad of American parent/i.test(p.citizenship);
}

/** The checks, in the order they are reported. */
export function checkCoherence(p: Readonly<Partial<PersonaAttributes>>, bad: Bad): void {
  // A credentialed occupation needs its degree (physicians, lawyers, pharmacists, nurses, …).
  const occupation = text(p['occupation category']);
  const education = text(p.education);
  const schl = education === undefined ? undefined : schlOfLabel(education);
  const credential = occupation === undefined ? undefined : credentialOfLabel(occupation);
  if (credential?.minSchl !== undefined && schl !== undefined && schl < credential.minSchl)
    bad('credential-education', 'education', `${credential.name.toLowerCase()} need more than "${education}"`);
  // A student is in the grade after the last one completed, at the school of that grade.
  const job = text(p['detailed job description']);
  if (job !== undefined && schl !== undefined && /student|Kindergartner/.test(job)) checkSchool(job, schl, education!, bad);
  // Entries about other languages, faith or a country of birth go only where they fit.
  const englishHome = englishOnly(p);
  const native = nativeBorn(p);
  const religion = text(p.religion);
  const faithless = religion !== undefined && NON_RELIGIOUS_TEXTS.has(religion);
  for (const [key] of GATED) {
    const v = text(p[key]);
    if (v === undefined) continue;
    if (englishHome && LANGUAGE.get(key)!.has(v)) bad('language-habit', key, `"${v}" in a home that speaks only English`);
    if (native && FOREIGN.get(key)!.has(v)) bad('birthplace-habit', key, `"${v}" for someone born in the United States`);
    if (faithless && FAITH.get(key)!.has(v)) bad('faith-habit', key, `"${v}" with religion "${religion}"`);
  }
  const values = text(p['core values']);
  if (values && faithless && values.split(', ').some((x) => FAITH_VALUES.has(x.toLowerCase())))
    bad('faith-habit', 'core values', `"${values}" with religion "${religion}"`);
  // A committed partisan does not hold the other party's ideology; no partisan names both sides' labels.
  const political = POLITICAL.get(text(p['political views']) ?? '');
  const ideology = IDEOLOGY.get(text(p.ideology) ?? '');
  if (political && ideology && ideology.group !== 'youth') {
    if (political.committed && crossesParty(political.party as PartyId, ideology.group as IdeologyGroup))
      bad('partisan-ideology', 'ideology', `"${ideology.text}" for a "${political.text}"`);
    if (ideology.nonPartisan && (political.party === 'democrat' || political.party === 'republican'))
      bad('partisan-ideology', 'ideology', `"${ideology.text}" for a partisan "${political.text}"`);
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The school of a job description (or of its "; also a …" part) against the grade the education implies. */
function checkSchool(job: string, schl: number, education: string, bad: Bad): void {
  const part = job.includes('; also a ') ? job.slice(job.indexOf('; also a ') + 9) : job;
  const school = parseSchool(part.charAt(0).toUpperCase() + part.slice(1));
  if (!school) return;
  const expected = schl >= 16 ? undefined : schl <= 2 ? 0 : Math.min(12, schl - 2);
  if (expected === undefined) bad('school-grade', 'detailed job description', `"${job}" with a finished "${education}"`);
  else if ((school.grade !== undefined && school.grade !== expected) || school.school !== parseSchool(schoolStudent(expected))!.school)
    bad('school-grade', 'detailed job description', `"${job}" after completing "${education}" (grade ${expected} expected)`);
}
