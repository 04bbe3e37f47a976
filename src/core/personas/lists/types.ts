/**
 * Curated lists: the entries written for this project that the free-text attributes are drawn
 * from, each with the people it suits. Text may hold pronoun slots ({they}, {them}, {their},
 * {themself}) filled from the person's sex ("they" forms are never produced: PUMS records sex
 * as male or female).
 */

/** Life stages the lists distinguish. */
export type Stage = 'infant' | 'child' | 'teen' | 'adult';

/** The stage of an age: infant 0-4, child 5-12, teen 13-17, adult 18+. */
export function stageOf(age: number): Stage {
  if (age < 5) return 'infant';
  if (age < 13) return 'child';
  if (age < 18) return 'teen';
  return 'adult';
}

/** What the list filters know about a person. */
export interface EntryContext {
  /** Age in years. */
  readonly age: number;
  /** Life stage. */
  readonly stage: Stage;
  /** Has a job (at work or temporarily absent, civilian or armed forces). */
  readonly working: boolean;
  /** Not in the labour force and 60 or older. */
  readonly retired: boolean;
  /** Currently married. */
  readonly married: boolean;
  /** A U.S. citizen (by birth or naturalisation). */
  readonly citizen: boolean;
  /** Speaks a language other than English at home (PUMS LANX 1); false when unknown. */
  readonly otherLanguage?: boolean;
  /** Born outside the United States and its territories (PUMS NATIVITY 2). */
  readonly foreignBorn?: boolean;
  /** Belongs to a religious tradition (not atheist, agnostic or "nothing in particular"). */
  readonly religious?: boolean;
  /** `contextKey(this)`, when precomputed. */
  readonly key?: number;
}

/**
 * A number identifying the person's age and the four flags lists are cached by (working, retired,
 * married, citizen). The three flags of gated entries (otherLanguage, foreignBorn, religious) are
 * checked when an entry is drawn, so they are not part of it.
 */
export function contextKey(ctx: EntryContext): number {
  return ctx.age * 16 + (ctx.working ? 8 : 0) + (ctx.retired ? 4 : 0) + (ctx.married ? 2 : 0) + (ctx.citizen ? 1 : 0);
}

/** Whether an entry is gated by a flag checked at draw time (language, birthplace, faith). */
export function isGated(e: ListEntry): boolean {
  return e.otherLanguage === true || e.foreignBorn === true || e.religious === true;
}

/** One entry of a curated list. */
export interface ListEntry {
  /** The text, possibly with pronoun slots. */
  readonly text: string;
  /** Stages it suits (default: adult only). */
  readonly stages?: readonly Stage[];
  /** Youngest suitable age. */
  readonly minAge?: number;
  /** Oldest suitable age. */
  readonly maxAge?: number;
  /** Only for people with a job. */
  readonly working?: boolean;
  /** Only for people not in a job (true) — e.g. "spends mornings volunteering". */
  readonly notWorking?: boolean;
  /** Only for retired people. */
  readonly retired?: boolean;
  /** Only for married people. */
  readonly married?: boolean;
  /** Only for U.S. citizens (entries that mention voting). */
  readonly citizen?: boolean;
  /** Only for people who speak a language other than English at home (entries about languages). */
  readonly otherLanguage?: boolean;
  /** Only for people born abroad (entries about a country of birth). */
  readonly foreignBorn?: boolean;
  /** Only for people of a religious tradition (entries about faith or worship). */
  readonly religious?: boolean;
}

/** Whether an entry suits a person: life stage (default adult only), then `fits`. */
export function suits(e: ListEntry, ctx: EntryContext): boolean {
  return (e.stages ?? ADULT).includes(ctx.stage) && fits(e, ctx);
}

/** Whether an entry's conditions other than life stage hold for a person (entries of a staged list). */
export function fits(e: ListEntry, ctx: EntryContext): boolean {
  if (e.minAge !== undefined && ctx.age < e.minAge) return false;
  if (e.maxAge !== undefined && ctx.age > e.maxAge) return false;
  if (e.working && !ctx.working) return false;
  if (e.notWorking && ctx.working) return false;
  if (e.retired && !ctx.retired) return false;
  if (e.married && !ctx.married) return false;
  if (e.citizen && !ctx.citizen) return false;
  if (e.otherLanguage && !ctx.otherLanguage) return false;
  if (e.foreignBorn && !ctx.foreignBorn) return false;
  if (e.religious && !ctx.religious) return false;
  return true;
}

/** A list with one set of entries per life stage: a person draws only from their stage's. */
export type StagedList = Readonly<Record<Stage, readonly ListEntry[]>>;

/** Builds a staged list (entries of a staged list carry no `stages`: the list they are in says it). */
export function staged(lists: StagedList): StagedList {
  for (const [stage, entries] of Object.entries(lists))
    for (const e of entries) if (e.stages) throw new Error(`"${e.text}" in the ${stage} list carries stages`);
  return lists;
}

/** Every distinct entry of a staged list (by text), for checks over the whole list. */
export function allEntries(list: StagedList): ListEntry[] {
  const seen = new Map<string, ListEntry>();
  for (const stage of STAGES) for (const e of list[stage]) if (!seen.has(e.text)) seen.set(e.text, e);
  return [...seen.values()];
}

/** The life stages, youngest first. */
export const STAGES: readonly Stage[] = ['infant', 'child', 'teen', 'adult'];

const ADULT: readonly Stage[] = ['adult'];

/** Shorthands for `stages`. */
export const KIDS: readonly Stage[] = ['child', 'teen'];
/** Children 5-12 only. */
export const CHILD: readonly Stage[] = ['child'];
/** Teenagers only. */
export const TEEN: readonly Stage[] = ['teen'];
/** Infants and toddlers only. */
export const INFANT: readonly Stage[] = ['infant'];
/** Everyone. */
export const EVERYONE: readonly Stage[] = ['infant', 'child', 'teen', 'adult'];

const PRONOUNS = {
  Female: { they: 'she', them: 'her', their: 'her', themself: 'herself' },
  Male: { they: 'he', them: 'him', their: 'his', themself: 'himself' },
} as const;

/** Fills pronoun slots for a sex label: "Female" gives she/her, "Male" he/him, anything else keeps they/them. */
export function fillPronouns(text: string, sex: unknown): string {
  if (!text.includes('{')) return text;
  const p =
    sex === 'Female'
      ? PRONOUNS.Female
      : sex === 'Male'
        ? PRONOUNS.Male
        : { they: 'they', them: 'them', their: 'their', themself: 'themself' };
  return text.replace(/\{(they|them|their|themself)\}/g, (_, k: keyof typeof p) => p[k]);
}
