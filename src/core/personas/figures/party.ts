/**
 * Published party-identification and ideology figures (percent of adults) the political draws are
 * fitted to. Party columns: Republican/lean Republican, no lean, Democrat/lean Democrat.
 * `checked` as in ./religion.ts.
 */
import type { FigureTable } from './religion';

/** Party columns. */
export const PARTY_GROUPS = ['republican', 'noLean', 'democrat'] as const;
/** One leaned-party group. */
export type PartyGroup = (typeof PARTY_GROUPS)[number];

/** US adults, 2014: 39% Rep/lean Rep, 48% Dem/lean Dem (Pew, "A Deep Dive Into Party Affiliation", Apr. 7 2015). */
export const PARTY_NATIONAL_2014: FigureTable = {
  source: 'Pew Research Center, "A Deep Dive Into Party Affiliation" (April 7, 2015), 2014 annual totals',
  checked: true,
  groups: ['All adults'],
  rows: [[39, 13, 48]],
};

/**
 * Among those who lean to a party, the share who call themselves partisans rather than
 * independents who lean (2014: 32% Democrats of 48% Dem/lean Dem, 23% Republicans of 39%).
 */
export const PARTISAN_SHARE_2014 = {
  source: 'Pew Research Center, "A Deep Dive Into Party Affiliation" (April 7, 2015): 32% Dem, 23% Rep, 39% independent',
  checked: true,
  democrat: 32 / 48,
  republican: 23 / 39,
} as const;

/**
 * By generation in 2014, which fixes the age bands: Millennials 18-33, Gen X 34-49, Boomers 50-68,
 * Silent 69-86 (Pew, "A Different Look at Generations and Partisanship", Apr. 30 2015).
 */
export const PARTY_BY_GENERATION_2014: FigureTable = {
  source: 'Pew Research Center, "A Different Look at Generations and Partisanship" (April 30, 2015); Millennials 51% D / 35% R and Silent 47% R / 43% D checked, Gen X and Boomers not',
  checked: false,
  groups: ['18-33', '34-49', '50-68', '69+'],
  rows: [
    [35, 14, 51],
    [38, 13, 49],
    [41, 12, 47],
    [47, 10, 43],
  ],
};

/** By race and Hispanic origin, 2014 (Pew, "A Deep Dive Into Party Affiliation"). Other/Mixed: no figure, national used. */
export const PARTY_BY_RACE_2014: FigureTable = {
  source: 'Pew Research Center, "A Deep Dive Into Party Affiliation" (April 7, 2015); Hispanic 26/56 and Asian 23/65 checked, White and Black not; Other/Mixed set to the national figure',
  checked: false,
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
 * Aggregated to census regions with ACS adult populations (./population.ts) at load time.
 */
export const PARTY_BY_STATE_2014: { readonly source: string; readonly checked: boolean; readonly rows: Readonly<Record<number, readonly [number, number, number]>> } = {
  source: 'Pew Research Center 2014 Religious Landscape Study, "Party affiliation by state"',
  checked: true,
  rows: {
    1: [52, 13, 35], 2: [39, 29, 32], 4: [40, 21, 39], 5: [46, 16, 38], 6: [30, 21, 49], 8: [41, 17, 42],
    9: [32, 18, 50], 10: [29, 17, 55], 11: [11, 15, 73], 12: [37, 19, 44], 13: [41, 18, 41], 15: [28, 20, 51],
    16: [49, 19, 32], 17: [33, 19, 48], 18: [42, 20, 37], 19: [41, 19, 40], 20: [46, 23, 31], 21: [44, 13, 43],
    22: [41, 16, 43], 23: [36, 17, 47], 24: [31, 14, 55], 25: [27, 17, 56], 26: [34, 19, 47], 27: [39, 15, 46],
    28: [44, 14, 42], 29: [41, 18, 42], 30: [49, 21, 30], 31: [47, 17, 36], 32: [37, 18, 46], 33: [35, 20, 44],
    34: [30, 19, 51], 35: [37, 15, 48], 36: [28, 19, 53], 37: [41, 17, 43], 38: [50, 18, 33], 39: [42, 18, 40],
    40: [45, 15, 40], 41: [32, 21, 47], 42: [39, 15, 46], 44: [30, 22, 48], 45: [43, 18, 39], 46: [53, 10, 37],
    47: [48, 15, 36], 48: [39, 21, 40], 49: [54, 16, 30], 50: [29, 14, 57], 51: [43, 18, 39], 53: [33, 23, 44],
    54: [43, 16, 41], 55: [42, 16, 42], 56: [57, 18, 25],
  },
};

/** Ideology columns. */
export const IDEOLOGY_GROUPS = ['conservative', 'moderate', 'liberal', 'unsure'] as const;
/** One ideology group. */
export type IdeologyGroup = (typeof IDEOLOGY_GROUPS)[number];

/**
 * Ideology within each leaned-party group, 2014 RLS. The Democratic row is the adult-weighted
 * mean of the checked "Political ideology among Democrats and Democratic leaners by state" rows
 * (Alabama to South Dakota, the part at hand); the other two rows are unchecked.
 */
export const IDEOLOGY_BY_PARTY_2014: FigureTable = {
  source: 'Pew Research Center 2014 Religious Landscape Study, political ideology by party affiliation',
  checked: false,
  groups: ['republican', 'noLean', 'democrat'],
  rows: [
    [67, 25, 5, 3],
    [26, 38, 18, 18],
    [19.6, 36.5, 40.0, 3.8],
  ],
};
