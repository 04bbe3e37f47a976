/**
 * Religion, written for this project: for each Religious Landscape Study tradition, the plain
 * tradition name and a few variants naming a denomination or a practice. The tradition is drawn
 * from the cited figures (../beliefs.ts), shifted by the person's national origin; the variant
 * within it is drawn uniformly among the entries that fit the person (no published figure is
 * claimed for that choice). A denomination tied to a national church or tradition (Greek or
 * Russian Orthodox, Theravada or Mahayana Buddhism, Sikh, Native American spirituality) goes only
 * to people of that heritage. Children get their family's tradition.
 */
import type { HeritageKey } from '../figures/heritage';
import type { Tradition } from '../figures/religion';
import { EVERYONE, type ListEntry } from './types';

/** A religion entry with its tradition. */
export interface ReligionEntry extends ListEntry {
  /** The tradition it belongs to. */
  readonly tradition: Tradition;
  /** Only for people of these heritages (a national church or tradition). */
  readonly heritage?: readonly HeritageKey[];
  /** Not for people of these heritages. */
  readonly exceptHeritage?: readonly HeritageKey[];
}

const r = (tradition: Tradition, text: string, adultOnly = false): ReligionEntry =>
  adultOnly ? { tradition, text } : { tradition, text, stages: EVERYONE };
const of = (heritage: readonly HeritageKey[], e: ReligionEntry): ReligionEntry => ({ ...e, heritage });
const EAST_ASIAN: readonly HeritageKey[] = ['chinese', 'korean', 'japanese', 'vietnamese'];

/** Whether an entry fits a person's heritage. */
export function fitsHeritage(e: ReligionEntry, heritage: HeritageKey | undefined): boolean {
  if (e.heritage && (heritage === undefined || !e.heritage.includes(heritage))) return false;
  return !(e.exceptHeritage && heritage !== undefined && e.exceptHeritage.includes(heritage));
}

/** Every religion entry. */
export const RELIGIONS: readonly ReligionEntry[] = [
  r('evangelical', 'Evangelical Protestant'),
  r('evangelical', 'Protestant (Southern Baptist)'),
  r('evangelical', 'Protestant (nondenominational evangelical church)'),
  r('evangelical', 'Protestant (Pentecostal)'),
  r('evangelical', 'Protestant (Assemblies of God)'),
  r('evangelical', 'Protestant (Church of Christ)'),
  r('evangelical', 'Protestant (Lutheran Church-Missouri Synod)'),
  r('evangelical', 'Protestant (Seventh-day Adventist)'),
  r('evangelical', 'Evangelical Protestant, attends church weekly'),
  r('mainline', 'Mainline Protestant'),
  r('mainline', 'Protestant (United Methodist)'),
  r('mainline', 'Protestant (Evangelical Lutheran Church in America)'),
  r('mainline', 'Protestant (Presbyterian Church USA)'),
  r('mainline', 'Protestant (Episcopal Church)'),
  r('mainline', 'Protestant (American Baptist Churches USA)'),
  r('mainline', 'Protestant (United Church of Christ)'),
  r('mainline', 'Mainline Protestant, attends mainly on holidays'),
  r('historicallyBlack', 'Protestant (historically Black church)'),
  r('historicallyBlack', 'Protestant (National Baptist Convention)'),
  r('historicallyBlack', 'Protestant (African Methodist Episcopal Church)'),
  r('historicallyBlack', 'Protestant (Church of God in Christ)'),
  r('historicallyBlack', 'Protestant (Progressive National Baptist Convention)'),
  r('catholic', 'Catholic'),
  r('catholic', 'Roman Catholic, attends Mass weekly'),
  r('catholic', 'Roman Catholic, attends Mass on holidays'),
  r('catholic', 'Catholic, active in the parish community'),
  r('catholic', 'Catholic, raised in the faith and still identifies with it', true),
  r('latterDaySaint', 'Latter-day Saint (The Church of Jesus Christ of Latter-day Saints)'),
  r('latterDaySaint', 'Latter-day Saint, active in the local ward'),
  r('orthodox', 'Orthodox Christian'),
  of(['greek'], r('orthodox', 'Greek Orthodox')),
  of(['eastSlavic'], r('orthodox', 'Russian Orthodox')),
  of(['eastSlavic'], r('orthodox', 'Ukrainian Orthodox')),
  of(['balkanOrthodox'], r('orthodox', 'Romanian Orthodox')),
  of(['armenian'], r('orthodox', 'Armenian Apostolic')),
  of(['ethiopian'], r('orthodox', 'Ethiopian Orthodox Tewahedo')),
  of(['egyptian'], r('orthodox', 'Coptic Orthodox')),
  r('jehovahsWitness', "Jehovah's Witness"),
  r('otherChristian', 'Other Christian'),
  r('otherChristian', 'Christian Scientist'),
  r('otherChristian', 'Unitarian Christian'),
  r('jewish', 'Jewish'),
  r('jewish', 'Jewish (Reform)'),
  r('jewish', 'Jewish (Conservative)'),
  r('jewish', 'Jewish (Orthodox)'),
  r('jewish', 'Jewish, culturally rather than religiously', true),
  r('muslim', 'Muslim'),
  { ...r('muslim', 'Muslim (Sunni)'), exceptHeritage: ['iranian'] },
  of(['iranian', 'levantIraq'], r('muslim', 'Muslim (Shia)')),
  r('buddhist', 'Buddhist'),
  of(EAST_ASIAN, r('buddhist', 'Buddhist (Mahayana)')),
  of(['chinese', 'japanese', 'vietnamese'], r('buddhist', 'Buddhist (Pure Land)')),
  of(['theravada'], r('buddhist', 'Buddhist (Theravada)')),
  { ...r('buddhist', 'Buddhist, meditates at a local Zen or insight center', true), exceptHeritage: [...EAST_ASIAN, 'theravada'] },
  r('hindu', 'Hindu'),
  r('hindu', 'Hindu, celebrates festivals with extended family'),
  r('otherFaith', 'Unitarian Universalist'),
  of(['indian'], r('otherFaith', 'Sikh')),
  r('otherFaith', "Baha'i"),
  of(['nativeAmerican'], r('otherFaith', 'Native American spiritual traditions')),
  r('otherFaith', 'Pagan or Wiccan', true),
  r('otherFaith', 'Spiritual practice of {their} own', true),
  r('atheist', 'Atheist'),
  r('atheist', 'Atheist, secular humanist', true),
  r('agnostic', 'Agnostic'),
  r('agnostic', 'Agnostic, open to questions of faith', true),
  r('nothingInParticular', 'Nothing in particular'),
  r('nothingInParticular', 'No religion'),
  r('nothingInParticular', 'Spiritual but not religious', true),
  r('nothingInParticular', 'Not religious, though raised in a church', true),
  r('nothingInParticular', 'No religious affiliation; believes in God'),
];
