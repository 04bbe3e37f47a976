/**
 * Published figures behind the procedural fills (place of birth, ancestry, detailed household
 * type). Sources, how each number was derived and how far it was verified: docs/census-fills.md
 * ("Where the figures come from"). Counts are in thousands of people and rounded; only their
 * proportions within a table matter. Codes are PUMS POBP and ANC1P codes.
 *
 * Verification status, table by table:
 * - BORN_IN_STATE_BY_AGE, COHABITING: derived from a stored copy of a census.gov table (ACS 2017
 *   B06001) and from the ACS 2024 PUMS with two published shares; the derivations are recomputed
 *   by test/unit/core/census/fills.test.ts.
 * - FOREIGN_BORN, HISP_COUNTRY, NATIVE_ANCESTRY, BORN_ABROAD_TO_US_PARENTS, BORN_IN_TERRITORIES:
 *   UNVERIFIED. Entered from ACS 2023 B05006 / B04006 / B05002 without a copy at hand; no stored
 *   copy of those tables was found. Corroborated only in magnitude (leading countries and
 *   ancestries against older published tabulations, group totals against the 2024 PUMS; see docs).
 */

/** [POBP country code, ANC1P code of that national origin, foreign-born people (thousands)]. */
export type CountryRow = readonly [pobp: number, anc1p: number, thousands: number];

/**
 * Foreign-born population by country of birth (ACS 2023 1-year, table B05006, rounded; UNVERIFIED,
 * see the file comment), split by the race/Hispanic group that predominates among each country's
 * immigrants (docs/census-fills.md).
 */
export const FOREIGN_BORN: Readonly<
  Record<'white' | 'black' | 'asian' | 'aian' | 'nhpi' | 'other' | 'hispanicOther', readonly CountryRow[]>
> = {
  white: [
    [301, 931, 800],
    [139, 22, 420],
    [138, 11, 200],
    [140, 88, 60],
    [110, 32, 540],
    [128, 142, 390],
    [163, 148, 400],
    [164, 171, 480],
    [120, 51, 300],
    [212, 416, 390],
    [213, 417, 240],
    [362, 360, 250],
    [214, 419, 130],
    [224, 425, 130],
    [414, 402, 200],
    [239, 429, 100],
    [119, 50, 120],
    [109, 26, 190],
    [150, 177, 100],
    [132, 144, 160],
    [116, 46, 120],
    [158, 431, 100],
    [129, 84, 150],
    [126, 21, 90],
    [243, 434, 130],
    [501, 800, 100],
    [449, 570, 100],
    [100, 100, 100],
    [117, 125, 60],
    [160, 102, 70],
    [162, 146, 60],
    [246, 169, 70],
    [200, 600, 200],
    [216, 421, 80],
    [248, 435, 60],
    [436, 406, 80],
    [134, 200, 120],
    [136, 89, 50],
    [137, 91, 40],
    [102, 3, 40],
    [515, 803, 40],
  ],
  black: [
    [333, 308, 750],
    [332, 336, 700],
    [440, 553, 450],
    [416, 522, 330],
    [421, 529, 250],
    [427, 534, 160],
    [341, 314, 200],
    [368, 370, 140],
    [448, 568, 130],
    [429, 541, 100],
    [407, 508, 90],
    [417, 523, 50],
    [447, 566, 60],
    [324, 301, 50],
    [451, 576, 50],
    [444, 564, 40],
    [459, 515, 80],
    [408, 510, 40],
    [323, 300, 30],
    [330, 329, 30],
    [339, 331, 30],
    [340, 330, 25],
    [321, 325, 20],
    [328, 335, 25],
    [423, 530, 30],
    [454, 586, 20],
    [457, 588, 30],
    [461, 593, 25],
  ],
  asian: [
    [210, 615, 2900],
    [207, 706, 2200],
    [233, 720, 2000],
    [247, 785, 1400],
    [217, 750, 1000],
    [231, 680, 420],
    [202, 603, 300],
    [240, 782, 400],
    [215, 740, 340],
    [209, 716, 230],
    [229, 609, 200],
    [205, 700, 150],
    [242, 776, 260],
    [206, 703, 150],
    [223, 765, 180],
    [238, 690, 60],
    [211, 730, 110],
    [226, 770, 80],
    [203, 607, 30],
    [228, 712, 30],
    [368, 370, 140],
    [508, 841, 30],
    [236, 799, 40],
  ],
  aian: [
    [303, 219, 60],
    [301, 920, 30],
    [313, 913, 30],
    [364, 914, 10],
  ],
  nhpi: [
    [527, 814, 30],
    [523, 815, 30],
    [508, 841, 20],
    [511, 825, 30],
    [512, 820, 20],
  ],
  other: [
    [362, 360, 250],
    [368, 370, 60],
    [341, 314, 40],
    [200, 600, 30],
    [213, 417, 20],
  ],
  // Hispanic origins the HISP code does not name a country for ("All other Spanish/Hispanic/Latino").
  hispanicOther: [
    [303, 290, 200],
    [364, 290, 60],
    [329, 290, 60],
    [373, 290, 40],
    [134, 291, 30],
  ],
};

/** Country of birth (POBP) of a foreign-born Hispanic person by detailed Hispanic origin (HISP code). */
export const HISP_COUNTRY: Readonly<Record<number, readonly CountryRow[]>> = {
  2: [
    [303, 210, 970],
    [313, 210, 10],
    [312, 210, 10],
    [301, 210, 10],
  ],
  3: [
    [303, 261, 50],
    [329, 261, 50],
  ], // Puerto Ricans born outside the US and its territories
  4: [[327, 271, 1]],
  5: [[329, 275, 1]],
  6: [[311, 221, 1]],
  7: [[313, 222, 1]],
  8: [[314, 223, 1]],
  9: [[315, 224, 1]],
  10: [[316, 225, 1]],
  11: [[312, 226, 1]],
  12: [
    [310, 227, 60],
    [316, 227, 40],
  ],
  13: [[360, 231, 1]],
  14: [[361, 232, 1]],
  15: [[363, 233, 1]],
  16: [[364, 234, 1]],
  17: [[365, 235, 1]],
  18: [[369, 236, 1]],
  19: [[370, 237, 1]],
  20: [[372, 238, 1]],
  21: [[373, 239, 1]],
  22: [
    [374, 249, 60],
    [368, 249, 40],
  ],
  23: [[134, 200, 1]],
};

/** ANC1P of a Hispanic person by detailed Hispanic origin (HISP code): the origin itself. */
export const HISP_ANCESTRY: Readonly<Record<number, number>> = {
  2: 210,
  3: 261,
  4: 271,
  5: 275,
  6: 221,
  7: 222,
  8: 223,
  9: 224,
  10: 225,
  11: 226,
  12: 227,
  13: 231,
  14: 232,
  15: 233,
  16: 234,
  17: 235,
  18: 236,
  19: 237,
  20: 238,
  21: 239,
  22: 249,
  23: 200,
  24: 290,
};

/** [ANC1P code, people (thousands) reporting it as first ancestry] for the US-born by race (docs/census-fills.md). */
export type AncestryRow = readonly [anc1p: number, thousands: number];

/** First-reported ancestry of US-born people by race, shaped on ACS 2023 B04006/B04004 (UNVERIFIED; see docs). */
export const NATIVE_ANCESTRY: Readonly<Record<'white' | 'black' | 'asian' | 'aian' | 'nhpi' | 'other' | 'two', readonly AncestryRow[]>> = {
  white: [
    [32, 30000],
    [22, 22000],
    [50, 19500],
    [939, 15500],
    [51, 13000],
    [142, 6000],
    [26, 4200],
    [88, 3100],
    [87, 1700],
    [82, 3000],
    [21, 2000],
    [89, 2500],
    [195, 2800],
    [148, 1600],
    [940, 1000],
    [111, 900],
    [935, 900],
    [125, 800],
    [97, 700],
    [11, 800],
    [20, 500],
    [91, 450],
    [46, 900],
    [84, 800],
    [171, 600],
    [153, 450],
    [144, 300],
    [24, 400],
    [425, 300],
    [431, 250],
    [937, 150],
    [929, 150],
  ],
  black: [
    [902, 33000],
    [599, 2500],
    [308, 700],
    [336, 600],
    [553, 400],
    [335, 300],
    [903, 800],
    [522, 150],
    [939, 400],
  ],
  asian: [
    [706, 1500],
    [615, 1400],
    [720, 1500],
    [785, 800],
    [750, 700],
    [740, 800],
    [768, 200],
    [680, 150],
    [782, 200],
    [703, 130],
    [765, 130],
    [795, 100],
  ],
  aian: [
    [920, 900],
    [919, 250],
    [917, 200],
    [922, 60],
    [939, 150],
  ],
  nhpi: [
    [811, 250],
    [814, 100],
    [822, 60],
    [815, 40],
    [825, 20],
    [850, 40],
  ],
  other: [
    [939, 300],
    [995, 200],
    [495, 150],
    [360, 50],
    [997, 100],
  ],
  two: [
    [995, 3000],
    [32, 1500],
    [50, 1300],
    [22, 1200],
    [902, 1400],
    [939, 800],
    [51, 600],
    [920, 700],
    [720, 300],
    [706, 200],
  ],
};

/** Born abroad to US-citizen parents (CIT 3): [POBP, people (thousands)] (ACS 2023 B05002/B05006 pattern; UNVERIFIED, see docs). */
export const BORN_ABROAD_TO_US_PARENTS: readonly (readonly [number, number])[] = [
  [110, 300],
  [303, 350],
  [301, 200],
  [215, 90],
  [139, 90],
  [217, 80],
  [233, 80],
  [120, 50],
  [134, 30],
  [214, 40],
  [119, 20],
  [362, 20],
  [210, 20],
  [207, 20],
  [109, 20],
  [364, 20],
  [243, 10],
];

/** Born in Puerto Rico or a US Island Area (CIT 2): [POBP, people (thousands)] (ACS 2023 B05002; UNVERIFIED, see docs). */
export const BORN_IN_TERRITORIES: readonly (readonly [number, number])[] = [
  [72, 1900],
  [66, 90],
  [78, 60],
  [60, 25],
  [69, 10],
];

/**
 * Share of the US-born (born in one of the 50 states or DC) living in their state of birth, by
 * age group (0-17, 18-34, 35-64, 65+): ACS 2017 1-year, table B06001 (Place of birth by age in the
 * United States), national, from a stored copy of the census.gov API export. Born in state of
 * residence / (born in state + born in other state), summed over the table's age groups:
 * 0-17: 60,333,862 / 70,151,020 -> 0.86; 18-34: 45,010,783 / 63,895,867 -> 0.70;
 * 35-64: 60,531,342 / 98,783,570 -> 0.61; 65+: 23,803,617 / 43,196,133 -> 0.55 (counts in
 * test/unit/core/census/fills.test.ts). Was 0.80 / 0.66 / 0.62 / 0.60, an assumption fitted to
 * an overall share; 2017 is the most recent year of which a copy was found.
 */
export const BORN_IN_STATE_BY_AGE = [0.86, 0.7, 0.61, 0.55] as const;

/**
 * Probability that a household is a cohabiting-couple household, given its HHT class and whether
 * children under 18 are present. Derived (docs/census-fills.md) from the ACS 2024 PUMS household
 * counts and two published shares: cohabiting couples are 12.2% of coupled households (ACS
 * 2017-2021) and 34% of opposite-sex cohabiting households have children (ACS 2023).
 */
export const COHABITING = {
  /** Other family household (HHT 2 or 3) with children under 18: 2.84 M / 12.84 M (was 0.23). */
  familyWithChildren: 0.22,
  /** Other family household (HHT 2 or 3) without children: at most 0.128 of them hold anyone unrelated to the householder (PUMS); most such persons are partners. */
  familyNoChildren: 0.12,
  /** Nonfamily household, not living alone (HHT 5 or 7): 4.57 M / 9.42 M (was 0.55). */
  nonfamilyShared: 0.49,
} as const;
