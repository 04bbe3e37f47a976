/**
 * The ten attributes the persona side adds to a census draw: detailed job description, Big Five,
 * defining quirks, mannerisms, personal time, lifestyle, ideology, political views, religion and
 * core values. Religion, party and ideology follow the cited figures (./beliefs.ts): religion by
 * age, race, region and national origin, ideology given party identification, and the party text
 * given both. The rest are drawn uniformly from the curated list of the person's life stage among
 * the entries that fit them: an entry about languages only for someone who speaks another language
 * at home, about faith only for someone of a religious tradition, about a country of birth only for
 * someone born abroad. The fitting entries depend on age and seven facts, so they are filtered once
 * per kind of person.
 */
import type { CensusPerson } from '../census/types';
import type { Rng } from '../random';
import { cellOf, drawIdeologyGroup, drawPartyGroup, drawTradition } from './beliefs';
import { drawBigFiveText } from './big-five';
import { heritageOf, type HeritageKey } from './figures/heritage';
import { crossesParty, PARTISAN_SHARE_2014, type PartyGroup, type PartyId } from './figures/party';
import { NON_RELIGIOUS, TRADITIONS, type Tradition } from './figures/religion';
import { describeJob, isWorking, RETIREMENT_AGE } from './job';
import { CORE_VALUES } from './lists/core-values';
import { IDEOLOGIES, type IdeologyEntry } from './lists/ideology';
import { LIFESTYLE } from './lists/lifestyle';
import { MANNERISMS } from './lists/mannerisms';
import { PERSONAL_TIME } from './lists/personal-time';
import { POLITICAL_VIEWS, TOO_YOUNG, type PoliticalEntry } from './lists/political-views';
import { QUIRKS } from './lists/quirks';
import { fitsHeritage, RELIGIONS, type ReligionEntry } from './lists/religion';
import { contextKey, fillPronouns, fits, isGated, stageOf, suits, type EntryContext, type ListEntry, type StagedList } from './lists/types';
import { raceGroupOf } from './population-cells';

/** The ten added attributes. */
export interface PersonaExtras {
  readonly 'detailed job description': string | null;
  /** Null under 5 (infants and toddlers). */
  readonly 'big five scores': string | null;
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
const CORE_VALUE_COUNT = 3;

/**
 * The entries of one list that suit a kind of person: `base` always fit, `gated` fit only some
 * people of that kind (entries about languages, birthplace or faith) and are checked when drawing.
 */
interface Pool<E extends ListEntry = ListEntry> {
  readonly base: readonly E[];
  /** The gated entries that fit, by the gate flags open (1 other language, 2 foreign born, 4 religious). */
  readonly byGate: readonly (readonly E[])[];
}

/** The pools of every list for one kind of person (computed once per `contextKey`). */
interface Bundle {
  readonly quirks: Pool;
  readonly mannerisms: Pool;
  readonly personalTime: Pool;
  readonly lifestyle: Pool;
  readonly coreValues: Pool;
  /** Party texts by party, committed partisans' entries apart. */
  readonly politics: Readonly<Record<string, Pool<PoliticalEntry>>>;
  readonly committed: Readonly<Record<string, Pool<PoliticalEntry>>>;
  /** Ideology texts by group, entries naming both sides' labels apart. */
  readonly ideology: Readonly<Record<string, Pool<IdeologyEntry>>>;
  readonly nonPartisan: Readonly<Record<string, Pool<IdeologyEntry>>>;
  /** Core-value pools with the gated entries that fit, by the three gate flags. */
  readonly values: Map<number, readonly ListEntry[]>;
}

const bundles = new Map<number, Bundle>();
const EMPTY: Pool<never> = { base: [], byGate: Array.from({ length: 8 }, () => []) };

/** Splits entries that fit a kind of person (every gate open) into the base and the gated by gate flags. */
function poolOf<E extends ListEntry>(entries: readonly E[]): Pool<E> {
  const gated = entries.filter(isGated);
  const byGate = Array.from({ length: 8 }, (_, m) =>
    gated.filter((e) => (!e.otherLanguage || (m & 1) !== 0) && (!e.foreignBorn || (m & 2) !== 0) && (!e.religious || (m & 4) !== 0)),
  );
  return { base: entries.filter((e) => !isGated(e)), byGate };
}

/** The gate flags of a person, as `Pool.byGate` indexes them. */
const gatesOf = (ctx: EntryContext) => (ctx.otherLanguage ? 1 : 0) + (ctx.foreignBorn ? 2 : 0) + (ctx.religious ? 4 : 0);

function groupBy<E extends ListEntry>(
  entries: readonly E[],
  ctx: EntryContext,
  key: (e: E) => string | undefined,
): Record<string, Pool<E>> {
  const out: Record<string, E[]> = {};
  for (const e of entries) {
    const k = key(e);
    if (k !== undefined && suits(e, ctx)) (out[k] ??= []).push(e);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, poolOf(v)]));
}

/** The entries of a staged list that fit a person: their life stage's list, filtered by every other condition. */
function stageEntries(list: StagedList, ctx: EntryContext): ListEntry[] {
  return list[ctx.stage].filter((e) => fits(e, ctx));
}

/** The pools of every list for a person, cached by kind of person (age and four flags). */
function bundleFor(ctx: EntryContext): Bundle {
  const key = ctx.key ?? contextKey(ctx);
  let b = bundles.get(key);
  if (!b) {
    // The kind of person with every draw-time gate open: gated entries land in the pools' `gated` part.
    const open = { ...ctx, otherLanguage: true, foreignBorn: true, religious: true };
    const staged = (list: StagedList) => poolOf(stageEntries(list, open));
    b = {
      quirks: staged(QUIRKS),
      mannerisms: staged(MANNERISMS),
      personalTime: staged(PERSONAL_TIME),
      lifestyle: staged(LIFESTYLE),
      coreValues: staged(CORE_VALUES),
      politics: groupBy(POLITICAL_VIEWS, open, (e) => (e.committed ? undefined : e.party)),
      committed: groupBy(POLITICAL_VIEWS, open, (e) => (e.committed ? e.party : undefined)),
      ideology: groupBy(IDEOLOGIES, open, (e) => (e.nonPartisan ? undefined : e.group)),
      nonPartisan: groupBy(IDEOLOGIES, open, (e) => (e.nonPartisan ? e.group : undefined)),
      values: new Map(),
    };
    bundles.set(key, b);
  }
  return b;
}

/** One entry of one or two pools taken together, among their base entries and the gated ones that fit (no allocation). */
function pick<E extends ListEntry>(rng: Rng, a: Pool<E> | undefined, b: Pool<E> | undefined, what: string, ctx: EntryContext): E {
  const g = gatesOf(ctx);
  const pa = a ? a.base : NONE,
    pb = b ? b.base : NONE,
    ga = a ? a.byGate[g]! : NONE,
    gb = b ? b.byGate[g]! : NONE;
  const n = pa.length + pb.length + ga.length + gb.length;
  if (n === 0) throw new Error(`No ${what} entry suits age ${ctx.age}`);
  let i = rng.int(n);
  if (i < pa.length) return pa[i] as E;
  i -= pa.length;
  if (i < pb.length) return pb[i] as E;
  i -= pb.length;
  return (i < ga.length ? ga[i] : gb[i - ga.length]) as E;
}
const NONE: readonly never[] = [];

/** The core values that fit a person (the base and the gated ones that fit), cached per bundle by gate flags. */
function coreValuePool(b: Bundle, ctx: EntryContext): readonly ListEntry[] {
  const gates = gatesOf(ctx);
  let pool = b.values.get(gates);
  if (!pool) b.values.set(gates, (pool = [...b.coreValues.base, ...b.coreValues.byGate[gates]!]));
  return pool;
}

/** k distinct entries in random order (k draws, no allocation but the result; k is small). */
function pickDistinct(rng: Rng, pool: readonly ListEntry[], k: number): ListEntry[] {
  const n = pool.length;
  const taken: number[] = [];
  const out: ListEntry[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    // The j-th index not yet taken: step over the taken ones in increasing order.
    let j = rng.int(n - i);
    for (const t of taken) if (j >= t) j++;
    let at = 0;
    while (at < taken.length && (taken[at] as number) < j) at++;
    taken.splice(at, 0, j);
    out.push(pool[j] as ListEntry);
  }
  return out;
}

/** What the list filters need, from the census codes and (once drawn) the religious tradition. */
function entryContext(codes: CensusPerson['codes'], tradition?: Tradition): EntryContext {
  const age = codes.AGEP ?? 0;
  const working = isWorking(codes.ESR);
  const retired = !working && codes.ESR === 6 && age >= RETIREMENT_AGE;
  const married = codes.MAR === 1;
  const citizen = codes.CIT !== 5;
  const otherLanguage = codes.LANX === 1;
  const foreignBorn = codes.NATIVITY === 2;
  const religious = tradition !== undefined && !NON_RELIGIOUS.has(tradition);
  const key = age * 16 + (working ? 8 : 0) + (retired ? 4 : 0) + (married ? 2 : 0) + (citizen ? 1 : 0);
  return { age, stage: stageOf(age), working, retired, married, citizen, otherLanguage, foreignBorn, religious, key };
}

/** Splits a leaned-party group into partisans and leaners by Pew's 2014 shares. */
function partyId(group: PartyGroup, rng: Rng): PartyId {
  if (group === 'noLean') return 'independent';
  if (group === 'democrat') return rng.chance(PARTISAN_SHARE_2014.democrat) ? 'democrat' : 'leanDemocrat';
  return rng.chance(PARTISAN_SHARE_2014.republican) ? 'republican' : 'leanRepublican';
}

/** Religion entries by tradition and life stage (whether an entry suits depends on nothing else). */
const religionPools = new Map<number, readonly ReligionEntry[]>();
const STAGE_INDEX = { infant: 0, child: 1, teen: 2, adult: 3 } as const;

/** The religion entry: one that fits the person's heritage among their tradition's (the plain name always does). */
function pickReligion(rng: Rng, tradition: Tradition, heritage: HeritageKey | undefined, ctx: EntryContext): ReligionEntry {
  const key = TRADITIONS.indexOf(tradition) * 4 + STAGE_INDEX[ctx.stage];
  let pool = religionPools.get(key);
  if (!pool) religionPools.set(key, (pool = RELIGIONS.filter((e) => e.tradition === tradition && suits(e, ctx))));
  let n = 0;
  for (const e of pool) if (fitsHeritage(e, heritage)) n++;
  if (n === 0) throw new Error(`No religion entry (${tradition}) suits age ${ctx.age}`);
  let k = rng.int(n);
  for (const e of pool) if (fitsHeritage(e, heritage) && k-- === 0) return e;
  throw new Error('unreachable');
}

/** Ideology and political views of an adult: party identification, ideology given it, then the texts. */
function drawPolitics(b: Bundle, cell: number, rng: Rng, ctx: EntryContext): [ideology: string, political: string] {
  const party = partyId(drawPartyGroup(cell, rng), rng);
  const group = drawIdeologyGroup(party, rng);
  const partisan = party === 'democrat' || party === 'republican';
  const ideology = pick(rng, b.ideology[group], partisan ? EMPTY : b.nonPartisan[group], `ideology (${group})`, ctx);
  const committed = crossesParty(party, group) ? EMPTY : b.committed[party];
  const political = pick(rng, b.politics[party], committed, `political views (${party})`, ctx);
  return [ideology.text, political.text];
}

/** Draws the ten added attributes for a census person; every draw comes from `rng`, in a fixed order. */
export function drawExtras(person: CensusPerson, rng: Rng): PersonaExtras {
  const codes = person.codes;
  const age = codes.AGEP ?? 0;
  const sex = person.attributes.sex;
  const fill = (t: string) => fillPronouns(t, sex);
  const job = describeJob(codes, rng);
  const bigFive = drawBigFiveText(age, codes.SEX ?? 1, rng);
  const cell = cellOf(age, raceGroupOf(codes), person.region);
  const heritage = heritageOf(codes);
  const tradition = drawTradition(cell, rng, heritage, codes.NATIVITY === 2);
  const ctx = entryContext(codes, tradition);
  const b = bundleFor(ctx);
  const religion = pickReligion(rng, tradition, heritage, ctx).text;
  const [ideology, political] =
    age < 18 ? [pick(rng, b.ideology.youth, undefined, 'ideology (youth)', ctx).text, TOO_YOUNG] : drawPolitics(b, cell, rng, ctx);
  return {
    'detailed job description': job === null ? null : fill(job),
    'big five scores': bigFive,
    'defining quirks': fill(pick(rng, b.quirks, undefined, 'defining quirks', ctx).text),
    mannerisms: fill(pick(rng, b.mannerisms, undefined, 'mannerisms', ctx).text),
    'personal time': fill(pick(rng, b.personalTime, undefined, 'personal time', ctx).text),
    lifestyle: fill(pick(rng, b.lifestyle, undefined, 'lifestyle', ctx).text),
    ideology: fill(ideology),
    'political views': fill(political),
    religion: fill(religion),
    'core values': pickDistinct(rng, coreValuePool(b, ctx), CORE_VALUE_COUNT)
      .map((e, i) => (i === 0 ? e.text : e.text.charAt(0).toLowerCase() + e.text.slice(1)))
      .join(', '),
  };
}
