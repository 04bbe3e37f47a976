/**
 * Published party-identification and ideology figures (percent of adults) the political draws are
 * fitted to. Party columns: Republican/lean Republican, no lean, Democrat/lean Democrat.
 * `checked` and `verification` as in ./religion.ts; addresses and the cell-by-cell comparison are
 * in docs/personas.md ("Where the figures come from").
 */
import type { FigureTable } from './religion';

/** Party columns. */
export const PARTY_GROUPS = ['republican', 'noLean', 'democrat'] as const;
/** One leaned-party group. */
export type PartyGroup = (typeof PARTY_GROUPS)[number];

/**
 * US adults, 2014: 39% Rep/lean Rep, 48% Dem/lean Dem; "no lean" is the remainder (13%).
 * Pew Research Center, "Party Identification Trends, 1992-2014" (companion to "A Deep Dive Into
 * Party Affiliation", Apr. 7 2015), table "Leaned Party Identification, 1992-2014", row 2014.
 */
export const PARTY_NATIONAL_2014: FigureTable = {
  source:
    'Pew Research Center, "Party Identification Trends, 1992-2014" (Apr. 7, 2015), Leaned Party Identification, 2014 row; https://www.pewresearch.org/politics/2015/04/07/party-identification-trends-1992-2014/',
  checked: true,
  verification: 'Compared with a stored copy of the page: 2014 Rep/lean Rep 39, Dem/lean Dem 48 (no lean = 100 - 39 - 48).',
  groups: ['All adults'],
  rows: [[39, 13, 48]],
};

/**
 * Among those who lean to a party, the share who call themselves partisans rather than
 * independents who lean (2014: 32% Democrats of 48% Dem/lean Dem, 23% Republicans of 39%;
 * 39% independents). Same page as PARTY_NATIONAL_2014, table "Party Identification, 1992-2014".
 */
export const PARTISAN_SHARE_2014 = {
  source:
    'Pew Research Center, "Party Identification Trends, 1992-2014" (Apr. 7, 2015), Party Identification, 2014 row (Ind 39, Rep 23, Dem 32); https://www.pewresearch.org/politics/2015/04/07/party-identification-trends-1992-2014/',
  checked: true,
  democrat: 32 / 48,
  republican: 23 / 39,
} as const;

/**
 * By generation in 2014, which fixes the age bands: Millennials 18-33, Gen X 34-49, Boomers 50-68,
 * Silent 69-86 (Pew, "A Different Look at Generations and Partisanship", Apr. 30 2015). No lean is
 * 100 minus the two leaned shares. Millennials and Silent verified; Gen X and Boomers not (the
 * stored copies only say both "favor the Democratic Party, but to a lesser extent than
 * Millennials", which these rows satisfy).
 */
export const PARTY_BY_GENERATION_2014: FigureTable = {
  source:
    'Pew Research Center, "A Different Look at Generations and Partisanship" (Apr. 30, 2015), citing "A Deep Dive Into Party Affiliation" (Apr. 7, 2015); stored copy of the summary: https://ircsofia.wordpress.com/2015/05/28/a-different-look-at-generations-and-partisanship/',
  checked: false,
  verification:
    'Millennials 35 R / 51 D and Silent 47 R / 43 D verified against a stored copy of the report summary (the address in source) and the stored Christian Examiner report of the Deep Dive (https://www.christianexaminer.com/news/pew-looks-at-political-parties.html). Gen X 38/49 and Boomers 41/47 unverified: no stored copy gives them.',
  groups: ['18-33', '34-49', '50-68', '69+'],
  rows: [
    [35, 14, 51],
    [38, 13, 49],
    [41, 12, 47],
    [47, 10, 43],
  ],
};

/**
 * By race and Hispanic origin, 2014 (Pew, "A Deep Dive Into Party Affiliation"). Asian and Latino
 * rows verified; White 49% R and Black 80% D verified; White D 40% and Black R 11% unverified.
 * Other/Mixed: Pew publishes no figure, so the national row is used.
 */
export const PARTY_BY_RACE_2014: FigureTable = {
  source:
    'Pew Research Center, "A Deep Dive Into Party Affiliation: Sharp Differences by Race, Gender, Generation, Education" (Apr. 7, 2015), section "Party ID by race, education"; https://www.pewresearch.org/politics/2015/04/07/a-deep-dive-into-party-affiliation/',
  checked: false,
  verification:
    'Latino 26 R / 56 D and Asian 23 R / 65 D verified against a stored copy of the report text (https://www.amren.com/news/2015/04/a-deep-dive-into-party-affiliation/); White 49 R and Black 80 D verified against the stored Christian Examiner summary (https://www.christianexaminer.com/news/pew-looks-at-political-parties.html). White 40 D and Black 11 R unverified (no stored copy of the chart); no lean is the remainder. Other/Mixed = national row (no published figure).',
  groups: ['White', 'Black', 'Asian', 'Latino', 'Other/Mixed'],
  rows: [
    [49, 11, 40],
    [11, 9, 80],
    [23, 12, 65],
    [26, 18, 56],
    [39, 13, 48],
  ],
};

/**
 * By state, 2014 Religious Landscape Study ("Party affiliation by state"), keyed by state FIPS.
 * Every one of the 51 rows was compared with a stored copy of the table. Aggregated to census
 * regions with ACS adult populations (./population.ts) at load time.
 */
export const PARTY_BY_STATE_2014: {
  readonly source: string;
  readonly checked: boolean;
  readonly verification: string;
  readonly rows: Readonly<Record<number, readonly [number, number, number]>>;
} = {
  source:
    'Pew Research Center 2014 Religious Landscape Study, "Party affiliation by state (2014)"; http://www.pewforum.org/religious-landscape-study/compare/party-affiliation/by/state/',
  checked: true,
  verification: 'All 51 rows (50 states and DC, three columns each) identical to a stored copy of the table.',
  rows: {
    1: [52, 13, 35],
    2: [39, 29, 32],
    4: [40, 21, 39],
    5: [46, 16, 38],
    6: [30, 21, 49],
    8: [41, 17, 42],
    9: [32, 18, 50],
    10: [29, 17, 55],
    11: [11, 15, 73],
    12: [37, 19, 44],
    13: [41, 18, 41],
    15: [28, 20, 51],
    16: [49, 19, 32],
    17: [33, 19, 48],
    18: [42, 20, 37],
    19: [41, 19, 40],
    20: [46, 23, 31],
    21: [44, 13, 43],
    22: [41, 16, 43],
    23: [36, 17, 47],
    24: [31, 14, 55],
    25: [27, 17, 56],
    26: [34, 19, 47],
    27: [39, 15, 46],
    28: [44, 14, 42],
    29: [41, 18, 42],
    30: [49, 21, 30],
    31: [47, 17, 36],
    32: [37, 18, 46],
    33: [35, 20, 44],
    34: [30, 19, 51],
    35: [37, 15, 48],
    36: [28, 19, 53],
    37: [41, 17, 43],
    38: [50, 18, 33],
    39: [42, 18, 40],
    40: [45, 15, 40],
    41: [32, 21, 47],
    42: [39, 15, 46],
    44: [30, 22, 48],
    45: [43, 18, 39],
    46: [53, 10, 37],
    47: [48, 15, 36],
    48: [39, 21, 40],
    49: [54, 16, 30],
    50: [29, 14, 57],
    51: [43, 18, 39],
    53: [33, 23, 44],
    54: [43, 16, 41],
    55: [42, 16, 42],
    56: [57, 18, 25],
  },
};

/** Ideology columns. */
export const IDEOLOGY_GROUPS = ['conservative', 'moderate', 'liberal', 'unsure'] as const;
/** One ideology group. */
export type IdeologyGroup = (typeof IDEOLOGY_GROUPS)[number];

/**
 * Ideology within each leaned-party group, 2014 RLS. The Democratic row is derived: the mean of
 * the 41 rows of "Political ideology among Democrats and Democratic leaners by state" that the
 * stored copy holds (Alabama to South Dakota; Kansas has no row), each row normalised to 100
 * ("< 1%" entered as 0.5) and weighted by the state's Democrats (ACS 2024 adults x RLS Democratic
 * share). The Republican and no-lean rows are unverified (no stored copy of either table found).
 */
export const IDEOLOGY_BY_PARTY_2014: FigureTable = {
  source:
    'Pew Research Center 2014 Religious Landscape Study; Democratic row derived from "Political ideology among democrats and Democratic leaners by state (2014)", https://legacy.pewresearch.org/religion/religious-landscape-study/compare/political-ideology/by/state/among/party-affiliation/democrat-lean-dem',
  checked: false,
  verification:
    'Democratic row: derived from the 41 stored state rows (was 19.6/36.5/40.0/3.8, an adult-weighted, unnormalised mean; now Democrat-weighted and normalised). Republican 67/25/5/3 and no-lean 26/38/18/18: unverified, no stored copy of "Political ideology by political party" found.',
  groups: ['republican', 'noLean', 'democrat'],
  rows: [
    [67, 25, 5, 3],
    [26, 38, 18, 18],
    [19.3, 36.4, 40.5, 3.8],
  ],
};

/** Party identification with leaners apart, in the rows of IDEOLOGY_BY_PARTY_ID. */
export const PARTY_IDS = ['democrat', 'leanDemocrat', 'independent', 'leanRepublican', 'republican'] as const;
/** One party identification. */
export type PartyId = (typeof PARTY_IDS)[number];

/**
 * Ideology within each party identification, leaners apart (columns IDEOLOGY_GROUPS). Partisans
 * (people who call themselves Democrats or Republicans) are far more sorted than the leaned groups
 * of IDEOLOGY_BY_PARTY_2014: Gallup's yearly averages give 10% conservatives among Democrats
 * (2022, the lowest on record) and 4% liberals among Republicans (2024). Leaners and the no-lean
 * group keep the 2014 RLS rows of their leaned group (an approximation: leaners are somewhat less
 * sorted than the leaned groups, which also hold the partisans). Drawn in this order, the joint of
 * party and ideology also fixes the reverse conditional (party within ideology, docs/personas.md).
 */
export const IDEOLOGY_BY_PARTY_ID: FigureTable = {
  source:
    'Democrats: Gallup, "Democrats grew more likely to identify as liberal in 2022" (Jan. 2023), 2022 yearly average; stored copy: https://understandingdeeppolitics.org/poll-democrats-grew-more-likely-to-identify-as-liberal-in-2022/. Republicans: Gallup, "U.S. Political Parties Historically Polarized Ideologically" (Jan. 16, 2025), 2024 yearly average; stored copies: https://news.gallup.com/poll/655190/political-parties-historically-polarized-ideologically.aspx?version=print, http://bessettepitney.net/2025/01/polarization-update.html. Leaners and no lean: IDEOLOGY_BY_PARTY_2014.',
  checked: false,
  verification:
    'Democrats 54 liberal / 36 moderate / 10 conservative and Republicans 77 conservative / 18 moderate / 4 liberal compared with the stored copies (the remaining 1% of Republicans is entered as unsure; Gallup reports no unsure Democrats). The leaner rows are those of IDEOLOGY_BY_PARTY_2014 (Democratic row derived from stored state rows; Republican and no-lean rows unverified).',
  groups: ['democrat', 'leanDemocrat', 'independent', 'leanRepublican', 'republican'],
  rows: [
    [10, 36, 54, 0],
    [19.3, 36.4, 40.5, 3.8],
    [26, 38, 18, 18],
    [67, 25, 5, 3],
    [77, 18, 4, 1],
  ],
};

/** Whether an ideology group is the other party's for a party identification (conservative Democrats, liberal Republicans, leaners included). */
export function crossesParty(party: PartyId, ideology: IdeologyGroup | 'youth'): boolean {
  return (
    ((party === 'democrat' || party === 'leanDemocrat') && ideology === 'conservative') ||
    ((party === 'republican' || party === 'leanRepublican') && ideology === 'liberal')
  );
}
