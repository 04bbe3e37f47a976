/**
 * The ten attributes the persona side adds to a census draw: detailed job description, Big Five,
 * defining quirks, mannerisms, personal time, lifestyle, ideology, political views, religion and
 * core values. Religion, party and ideology follow the cited figures (./beliefs.ts); the rest are
 * drawn uniformly from the curated lists among the entries that suit the person. The suitable
 * entries depend only on age and four facts, so they are filtered once per kind of person.
 */
import type { CensusPerson } from '../census/types';
import type { Rng } from '../random';
import { cellOf, drawIdeologyGroup, drawPartyGroup, drawTradition } from './beliefs';
import { drawBigFive, formatBigFive } from './big-five';
import { PARTISAN_SHARE_2014 } from './figures/party';
import { describeJob, isWorking, RETIREMENT_AGE } from './job';
import { CORE_VALUES } from './lists/core-values';
import { IDEOLOGIES } from './lists/ideology';
import { LIFESTYLE } from './lists/lifestyle';
import { MANNERISMS } from './lists/mannerisms';
import { PERSONAL_TIME } from './lists/personal-time';
import { POLITICAL_VIEWS, TOO_YOUNG, type PartyId } from './lists/political-views';
import { QUIRKS } from './lists/quirks';
import { RELIGIONS } from './lists/religion';
import { contextKey, fillPronouns, stageOf, suits, type EntryContext, type ListEntry } from './lists/types';
import { raceGroupOf } from './population-cells';

/** The ten added attributes. */
export interface PersonaExtras {
  readonly 'detailed job description': string | null;
  readonly 'big five scores': string;
  readonly 'defining quirks': string;
  readonly mannerisms: string;
  readonly 'personal time': string;
  readonly lifestyle: string;
  readonly ideology: string;
  readonly 'political views': string;
  readonly religion: string;
  readonly 'core values': string;
}

/** How many core values a persona gets. */
export const CORE_VALUE_COUNT = 3;

/** The entries of every list that suit one kind of person (computed once per `contextKey`). */
interface Bundle {
  readonly quirks: readonly ListEntry[];
  readonly mannerisms: readonly ListEntry[];
  readonly personalTime: readonly ListEntry[];
  readonly lifestyle: readonly ListEntry[];
  readonly coreValues: readonly ListEntry[];
  readonly religion: Readonly<Record<string, readonly ListEntry[]>>;
  readonly politics: Readonly<Record<string, readonly ListEntry[]>>;
  readonly ideology: Readonly<Record<string, readonly ListEntry[]>>;
}

const bundles = new Map<number, Bundle>();

function groupBy<E extends ListEntry>(entries: readonly E[], ctx: EntryContext, key: (e: E) => string): Record<string, E[]> {
  const out: Record<string, E[]> = {};
  for (const e of entries) if (suits(e, ctx)) (out[key(e)] ??= []).push(e);
  return out;
}

/** The suitable entries of every list for a person, cached by kind of person. */
export function bundleFor(ctx: EntryContext): Bundle {
  const key = ctx.key ?? contextKey(ctx);
  let b = bundles.get(key);
  if (!b) {
    const ok = (list: readonly ListEntry[]) => list.filter((e) => suits(e, ctx));
    b = {
      quirks: ok(QUIRKS),
      mannerisms: ok(MANNERISMS),
      personalTime: ok(PERSONAL_TIME),
      lifestyle: ok(LIFESTYLE),
      coreValues: ok(CORE_VALUES),
      religion: groupBy(RELIGIONS, ctx, (e) => e.tradition),
      politics: groupBy(POLITICAL_VIEWS, ctx, (e) => e.party),
      ideology: groupBy(IDEOLOGIES, ctx, (e) => e.group),
    };
    bundles.set(key, b);
  }
  return b;
}

/** One entry of a non-empty pool; throws naming the gap when the pool is empty (a bug in the lists). */
function pick(rng: Rng, pool: readonly ListEntry[] | undefined, what: string, ctx: EntryContext): string {
  if (!pool || pool.length === 0) throw new Error(`No ${what} entry suits age ${ctx.age}`);
  return (pool[rng.int(pool.length)] as ListEntry).text;
}

/** k distinct entries in random order (partial Fisher-Yates: k draws). */
function pickDistinct(rng: Rng, pool: readonly ListEntry[], k: number): ListEntry[] {
  const idx = Array.from({ length: pool.length }, (_, i) => i);
  const out: ListEntry[] = [];
  for (let i = 0; i < Math.min(k, pool.length); i++) {
    const j = i + rng.int(pool.length - i);
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
    out.push(pool[idx[i] as number] as ListEntry);
  }
  return out;
}

/** What the list filters need, from the census codes. */
export function entryContext(codes: CensusPerson['codes']): EntryContext {
  const age = codes.AGEP ?? 0;
  const working = isWorking(codes.ESR);
  const retired = !working && codes.ESR === 6 && age >= RETIREMENT_AGE;
  const married = codes.MAR === 1;
  const citizen = codes.CIT !== 5;
  const key = age * 16 + (working ? 8 : 0) + (retired ? 4 : 0) + (married ? 2 : 0) + (citizen ? 1 : 0);
  return { age, stage: stageOf(age), working, retired, married, citizen, key };
}

/** Splits a leaned-party group into partisans and leaners by Pew's 2014 shares. */
function partyId(group: 'republican' | 'noLean' | 'democrat', rng: Rng): PartyId {
  if (group === 'noLean') return 'independent';
  if (group === 'democrat') return rng.chance(PARTISAN_SHARE_2014.democrat) ? 'democrat' : 'leanDemocrat';
  return rng.chance(PARTISAN_SHARE_2014.republican) ? 'republican' : 'leanRepublican';
}

/** Draws the ten added attributes for a census person; every draw comes from `rng`, in a fixed order. */
export function drawExtras(person: CensusPerson, rng: Rng): PersonaExtras {
  const ctx = entryContext(person.codes);
  const b = bundleFor(ctx);
  const sex = person.attributes.sex;
  const fill = (t: string) => fillPronouns(t, sex);
  const job = describeJob(person.codes, rng);
  const bigFive = formatBigFive(drawBigFive(rng));
  const cell = cellOf(ctx.age, raceGroupOf(person.codes), person.region);
  const tradition = drawTradition(cell, rng);
  const religion = pick(rng, b.religion[tradition], `religion (${tradition})`, ctx);
  let ideology: string;
  let political: string;
  if (ctx.age < 18) {
    ideology = pick(rng, b.ideology.youth, 'ideology (youth)', ctx);
    political = TOO_YOUNG;
  } else {
    const group = drawPartyGroup(cell, rng);
    const id = partyId(group, rng);
    political = pick(rng, b.politics[id], `political views (${id})`, ctx);
    const ideologyGroup = drawIdeologyGroup(group, rng);
    ideology = pick(rng, b.ideology[ideologyGroup], `ideology (${ideologyGroup})`, ctx);
  }
  return {
    'detailed job description': job === null ? null : fill(job),
    'big five scores': bigFive,
    'defining quirks': fill(pick(rng, b.quirks, 'defining quirks', ctx)),
    mannerisms: fill(pick(rng, b.mannerisms, 'mannerisms', ctx)),
    'personal time': fill(pick(rng, b.personalTime, 'personal time', ctx)),
    lifestyle: fill(pick(rng, b.lifestyle, 'lifestyle', ctx)),
    ideology: fill(ideology),
    'political views': fill(political),
    religion: fill(religion),
    'core values': pickDistinct(rng, b.coreValues, CORE_VALUE_COUNT)
      .map((e, i) => (i === 0 ? e.text : e.text.charAt(0).toLowerCase() + e.text.slice(1)))
      .join(', '),
  };
}
