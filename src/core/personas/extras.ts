/**
 * The ten attributes the persona side adds to a census draw: detailed job description, Big Five,
 * defining quirks, mannerisms, personal time, lifestyle, ideology, political views, religion and
 * core values. Religion, party and ideology follow the cited figures (./beliefs.ts); the rest are
 * drawn uniformly from the curated lists among the entries that suit the person.
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
import { contextKey, fillPronouns, stageOf, type EntryContext } from './lists/types';
import { ListPicker } from './pick';
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

const quirks = new ListPicker(QUIRKS);
const mannerisms = new ListPicker(MANNERISMS);
const personalTime = new ListPicker(PERSONAL_TIME);
const lifestyle = new ListPicker(LIFESTYLE);
const coreValues = new ListPicker(CORE_VALUES);
const ideologies = new ListPicker(IDEOLOGIES);
const politics = new ListPicker(POLITICAL_VIEWS);
const religions = new ListPicker(RELIGIONS);

/** What the list filters need, from the census codes. */
export function entryContext(codes: CensusPerson['codes']): EntryContext {
  const age = codes.AGEP ?? 0;
  const working = isWorking(codes.ESR);
  const ctx = {
    age,
    stage: stageOf(age),
    working,
    retired: !working && codes.ESR === 6 && age >= RETIREMENT_AGE,
    married: codes.MAR === 1,
    citizen: codes.CIT !== 5,
  };
  return { ...ctx, key: contextKey(ctx) };
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
  const sex = person.attributes.sex;
  const fill = (t: string) => fillPronouns(t, sex);
  const job = describeJob(person.codes, rng);
  const bigFive = formatBigFive(drawBigFive(rng));
  const cell = cellOf(ctx.age, raceGroupOf(person.codes), person.region);
  const tradition = drawTradition(cell, rng);
  const religion = religions.pick(rng, ctx, (e) => e.tradition === tradition, tradition).text;
  let ideology: string;
  let political: string;
  if (ctx.age < 18) {
    ideology = ideologies.pick(rng, ctx, (e) => e.group === 'youth', 'youth').text;
    political = TOO_YOUNG;
  } else {
    const group = drawPartyGroup(cell, rng);
    const id = partyId(group, rng);
    political = politics.pick(rng, ctx, (e) => e.party === id, id).text;
    const ideologyGroup = drawIdeologyGroup(group, rng);
    ideology = ideologies.pick(rng, ctx, (e) => e.group === ideologyGroup, ideologyGroup).text;
  }
  return {
    'detailed job description': job === null ? null : fill(job),
    'big five scores': bigFive,
    'defining quirks': fill(quirks.pick(rng, ctx).text),
    mannerisms: fill(mannerisms.pick(rng, ctx).text),
    'personal time': fill(personalTime.pick(rng, ctx).text),
    lifestyle: fill(lifestyle.pick(rng, ctx).text),
    ideology: fill(ideology),
    'political views': fill(political),
    religion: fill(religion),
    'core values': coreValues.sample(rng, ctx, CORE_VALUE_COUNT).map((e, i) => (i === 0 ? e.text : e.text.charAt(0).toLowerCase() + e.text.slice(1))).join(', '),
  };
}
