/**
 * Religion by national origin: how a person's ancestry, Hispanic origin and place of birth shift
 * the religious traditions of their population cell (age band x race group x region, ../beliefs.ts),
 * and which heritages a named denomination belongs to (the religion list's `heritage` entries).
 *
 * A tilt multiplies the cell's tradition shares: a tradition with a target gets
 * target / reference (the same survey's share for the whole race group), every other tradition
 * (1 - sum of targets) / (1 - sum of references), then the row is renormalised. A cell that looks
 * like the survey's race group therefore ends at the target, and the race group's mix of origins
 * keeps its overall shares. Rows marked `checked: false` are ASSUMPTIONS (no stored copy of a
 * survey of that origin was found); docs/personas.md lists each with its status.
 */
import type { CensusCodes } from '../../census/types';
import type { Tradition } from './religion';

/** National-origin groups the religion draw distinguishes. */
export type HeritageKey =
  | 'mexicanImmigrant'
  | 'mexicanUsBorn'
  | 'puertoRican'
  | 'cuban'
  | 'dominican'
  | 'salvadoran'
  | 'chinese'
  | 'filipino'
  | 'indian'
  | 'korean'
  | 'vietnamese'
  | 'japanese'
  | 'theravada'
  | 'muslimMajority'
  | 'iranian'
  | 'levantIraq'
  | 'egyptian'
  | 'greek'
  | 'eastSlavic'
  | 'balkanOrthodox'
  | 'armenian'
  | 'ethiopian'
  | 'israeli'
  | 'nativeAmerican';

/** One heritage's shift of the tradition shares (percent). */
export interface HeritageTilt {
  /** The shares the heritage is known to have. */
  readonly targets: Partial<Record<Tradition, number>>;
  /** The same survey's shares for the whole race group (omitted: the targets are absolute). */
  readonly reference?: Partial<Record<Tradition, number>>;
  /** Where the numbers come from. */
  readonly source: string;
  /** Whether the targets were compared with a stored copy of the source. */
  readonly checked: boolean;
  /** Applies only to people born abroad (the assumptions: an immigrant keeps the homeland's usual tradition more often). */
  readonly foreignBornOnly?: boolean;
}

const PEW_LATINOS_2014 =
  'Pew Research Center, "The Shifting Religious Identity of Latinos in the United States" (May 7, 2014), 2013 National Survey of Latinos and Religion; stored copies: https://eldiariony.com/?p=460204, https://aldianews.com/en/thought-leaders/thought-leaders/mexicans-and-dominicans, http://academicresearchresources.blogspot.com/2014/05/the-shifting-religious-identities-of.html';
const PEW_ASIANS_2012 =
  'Pew Research Center, "Asian Americans: A Mosaic of Faiths" (July 19, 2012); stored copies: https://www.patheos.com/blogs/jesuscreed/2012/07/25/asian-american-faiths, https://www.pewresearch.org/short-reads/2012/07/25/about-four-in-ten-asian-americans-are-christian/';
const ASSUMPTION =
  'ASSUMPTION: no survey of this origin was found in the stored sources; the share is a round figure marking the tradition as the usual one, for people born abroad only';
/**
 * Hindus and Muslims among the East Asian and Filipino groups: the stored copies give no figure (the
 * report's tables show them under 1%), so they are entered as 0 against the whole group's 10% and 4%:
 * those traditions of Asian cells belong to the South Asian and Muslim-majority origins.
 */
const NOT_EAST_ASIAN = { hindu: 0, muslim: 0 };
const NOT_EAST_ASIAN_REF = { hindu: 10, muslim: 4 };

/** All Latino adults in the 2013 survey: 55% Catholic, 22% Protestant (16% evangelical), 18% unaffiliated. */
const LATINO_REF: Partial<Record<Tradition, number>> = { catholic: 55, evangelical: 16 };
/** All Asian American adults in the 2012 survey: 22% Protestant, 19% Catholic, 14% Buddhist, 10% Hindu, 4% Muslim, 26% unaffiliated. */
const ASIAN_REF = { catholic: 19, buddhist: 14, hindu: 10, muslim: 4 };
const ASIAN_UNAFFILIATED = 26;
const ASIAN_PROTESTANT = 22;

/**
 * An unaffiliated share against the Asian reference's 26%, over the three unaffiliated traditions
 * (each scaled alike). The Protestant shares of Koreans and Japanese are likewise split evenly
 * between evangelical and mainline against the reference's 22% (the split is not in the copies).
 */
const unaffiliated = (pct: number) => ({
  targets: { atheist: pct / 3, agnostic: pct / 3, nothingInParticular: pct / 3 },
  reference: { atheist: ASIAN_UNAFFILIATED / 3, agnostic: ASIAN_UNAFFILIATED / 3, nothingInParticular: ASIAN_UNAFFILIATED / 3 },
});

/** The tilts by heritage. */
export const HERITAGE_TILTS: Readonly<Partial<Record<HeritageKey, HeritageTilt>>> = {
  mexicanImmigrant: { targets: { catholic: 68 }, reference: LATINO_REF, source: PEW_LATINOS_2014, checked: true },
  mexicanUsBorn: { targets: { catholic: 51 }, reference: LATINO_REF, source: PEW_LATINOS_2014, checked: true },
  dominican: { targets: { catholic: 59 }, reference: LATINO_REF, source: PEW_LATINOS_2014, checked: true },
  cuban: { targets: { catholic: 49 }, reference: LATINO_REF, source: PEW_LATINOS_2014, checked: true },
  puertoRican: { targets: { catholic: 45 }, reference: LATINO_REF, source: PEW_LATINOS_2014, checked: true },
  salvadoran: { targets: { catholic: 42, evangelical: 33 }, reference: LATINO_REF, source: PEW_LATINOS_2014, checked: true },
  chinese: {
    targets: { ...unaffiliated(52).targets, ...NOT_EAST_ASIAN },
    reference: { ...unaffiliated(52).reference, ...NOT_EAST_ASIAN_REF },
    source: PEW_ASIANS_2012,
    checked: true,
  },
  filipino: { targets: { catholic: 65, ...NOT_EAST_ASIAN }, reference: ASIAN_REF, source: PEW_ASIANS_2012, checked: true },
  indian: { targets: { hindu: 51 }, reference: ASIAN_REF, source: PEW_ASIANS_2012, checked: true },
  korean: {
    targets: { evangelical: 40, mainline: 21, ...NOT_EAST_ASIAN },
    reference: { evangelical: ASIAN_PROTESTANT / 2, mainline: ASIAN_PROTESTANT / 2, ...NOT_EAST_ASIAN_REF },
    source: PEW_ASIANS_2012,
    checked: true,
  },
  vietnamese: { targets: { buddhist: 43, ...NOT_EAST_ASIAN }, reference: ASIAN_REF, source: PEW_ASIANS_2012, checked: true },
  japanese: {
    targets: { buddhist: 25, evangelical: 16.5, mainline: 16.5, ...unaffiliated(32).targets, ...NOT_EAST_ASIAN },
    reference: {
      buddhist: 14,
      evangelical: ASIAN_PROTESTANT / 2,
      mainline: ASIAN_PROTESTANT / 2,
      ...unaffiliated(32).reference,
      ...NOT_EAST_ASIAN_REF,
    },
    source: PEW_ASIANS_2012,
    checked: true,
  },
  theravada: { targets: { buddhist: 50 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  muslimMajority: { targets: { muslim: 60 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  greek: { targets: { orthodox: 40 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  eastSlavic: { targets: { orthodox: 25 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  balkanOrthodox: { targets: { orthodox: 40 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  armenian: { targets: { orthodox: 50 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  ethiopian: { targets: { orthodox: 40, muslim: 20 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
  israeli: { targets: { jewish: 60 }, source: ASSUMPTION, checked: false, foreignBornOnly: true },
};

const ANCESTRY_HERITAGE: ReadonlyMap<number, HeritageKey> = new Map<number, HeritageKey>([
  ...([706, 782, 716] as const).map((a) => [a, 'chinese'] as const),
  [720, 'filipino'],
  [615, 'indian'],
  [750, 'korean'],
  [785, 'vietnamese'],
  [740, 'japanese'],
  ...([776, 703, 765, 700, 690] as const).map((a) => [a, 'theravada'] as const),
  ...([680, 603, 600, 421, 435, 406, 568, 576, 564, 434, 169, 730] as const).map((a) => [a, 'muslimMajority'] as const),
  [416, 'iranian'],
  ...([417, 425] as const).map((a) => [a, 'levantIraq'] as const),
  [402, 'egyptian'],
  [46, 'greek'],
  ...([148, 171, 102] as const).map((a) => [a, 'eastSlavic'] as const),
  ...([144, 146] as const).map((a) => [a, 'balkanOrthodox'] as const),
  [431, 'armenian'],
  ...([522, 523] as const).map((a) => [a, 'ethiopian'] as const),
  [419, 'israeli'],
  ...([920, 919, 917, 922, 913, 914, 219] as const).map((a) => [a, 'nativeAmerican'] as const),
]);

/** The heritage of a census draw: Hispanic origin first (Mexicans by nativity), then the ancestry, then an American Indian race. */
export function heritageOf(codes: CensusCodes): HeritageKey | undefined {
  const hisp = codes.HISP ?? 1;
  if (hisp === 2) return (codes.CIT ?? 1) >= 4 ? 'mexicanImmigrant' : 'mexicanUsBorn';
  if (hisp === 3) return 'puertoRican';
  if (hisp === 4) return 'cuban';
  if (hisp === 5) return 'dominican';
  if (hisp === 11) return 'salvadoran';
  const byAncestry = codes.ANC1P === null || codes.ANC1P === undefined ? undefined : ANCESTRY_HERITAGE.get(codes.ANC1P);
  if (byAncestry) return byAncestry;
  const race = codes.RAC1P;
  return race !== null && race !== undefined && race >= 3 && race <= 5 ? 'nativeAmerican' : undefined;
}
