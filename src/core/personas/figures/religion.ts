/**
 * Published religious-composition figures the religion draw is fitted to (percent of adults).
 * Traditions are the Pew Research Center Religious Landscape Study's; "other faiths" merges its
 * "other world religions" and "other faiths", "nothing in particular" includes "don't know".
 * `checked` says whether every number was compared with a stored copy of the source; `verification`
 * says which cells were, against what, and why the rest could not be (docs/personas.md, "Where the
 * figures come from", has the addresses). Unchecked tables were entered from the publication by
 * the first engineer without a copy at hand and are kept, flagged, until a copy can be compared.
 */

/** Religious traditions, in table column order. */
export const TRADITIONS = [
  'evangelical',
  'mainline',
  'historicallyBlack',
  'catholic',
  'latterDaySaint',
  'orthodox',
  'jehovahsWitness',
  'otherChristian',
  'jewish',
  'muslim',
  'buddhist',
  'hindu',
  'otherFaith',
  'atheist',
  'agnostic',
  'nothingInParticular',
] as const;
/** One tradition. */
export type Tradition = (typeof TRADITIONS)[number];

/** Traditions without a faith: entries about faith or worship do not fit them. */
export const NON_RELIGIOUS: ReadonlySet<Tradition> = new Set<Tradition>(['atheist', 'agnostic', 'nothingInParticular']);

/** A published table: a row of percentages per group, columns in TRADITIONS order. */
export interface FigureTable {
  /** Where the numbers come from. */
  readonly source: string;
  /** Whether every number was compared with a stored copy of the source. */
  readonly checked: boolean;
  /** Which cells were compared with what, and why the rest were not. */
  readonly verification: string;
  /** Group labels, in row order. */
  readonly groups: readonly string[];
  /** Percentages; "<1%" / "<0.5%" entered as 0.3. */
  readonly rows: readonly (readonly number[])[];
}

/** US adults, 2014 (Pew Research Center, "America's Changing Religious Landscape", May 12 2015). */
export const RELIGION_NATIONAL_2014: FigureTable = {
  source:
    'Pew Research Center, "America\'s Changing Religious Landscape" (May 12, 2015), 2014 Religious Landscape Study summary table; stored copy of the report: https://docslib.org/doc/11317683/for-release-may-12-2015-for-further',
  checked: true,
  verification:
    'Checked by the first engineer against the report; re-checked here against a stored copy of the RLS summary (https://churchinfluence.com/tag/today, which reproduces it): evangelical 25.4, mainline 14.7, historically Black 6.5, Catholic 20.8, Mormon 1.6, Orthodox 0.5, JW 0.8, other Christian 0.4, Jewish 1.9, Muslim 0.9, Buddhist 0.7, Hindu 0.7, atheist 3.1, agnostic 4.0 all agree; "other faiths" 1.8 = other world religions 0.3 + other faiths 1.5; "nothing in particular" 16.4 = 15.8 + don\'t know 0.6.',
  groups: ['All adults'],
  rows: [[25.4, 14.7, 6.5, 20.8, 1.6, 0.5, 0.8, 0.4, 1.9, 0.9, 0.7, 0.7, 1.8, 3.1, 4.0, 16.4]],
};

/**
 * By generation in 2014 (Millennials 18-33, Gen X 34-49, Boomers 50-68, Silent and Greatest 69+;
 * the same bands as PARTY_BY_GENERATION_2014), derived by Bayes' rule from the stored RLS table
 * "Generational cohort by religious group" (the share of each tradition in each generation) and
 * the verified national row: P(tradition | generation) is proportional to P(generation |
 * tradition) x P(tradition). Other Christian and other faiths (no row in the table) take the
 * generation mix of the other traditions; atheists, agnostics and "nothing in particular" take that
 * of the unaffiliated. Replaces the unverified "religious composition by age group" table
 * (18-29, 30-49, 50-64, 65+) entered from memory, whose figures it is close to (docs/personas.md).
 */
export const RELIGION_BY_GENERATION_2014: FigureTable = {
  source:
    'Derived from Pew Research Center 2014 Religious Landscape Study, "Generational cohort by religious group" (https://legacy.pewresearch.org/religion/religious-landscape-study/generational-cohort) and RELIGION_NATIONAL_2014',
  checked: true,
  verification:
    'Derived from a stored copy of the whole-population table (12 traditions x 6 generations, "< 1%" = 0.5); test figures.test.ts recomputes every cell. Assumptions: other Christian and other faiths (2.2% of adults, no row) follow the overall generation mix; the three unaffiliated columns share the unaffiliated row.',
  groups: ['18-33', '34-49', '50-68', '69+'],
  rows: [
    [20.4, 10.3, 5.9, 16.1, 1.7, 0.6, 0.6, 0.4, 1.7, 1.6, 1.0, 1.2, 1.8, 4.8, 6.2, 25.5],
    [25.4, 13.2, 7.0, 21.0, 1.8, 0.6, 0.8, 0.4, 1.6, 1.0, 0.6, 1.0, 1.8, 3.1, 4.1, 16.6],
    [28.2, 16.9, 6.9, 23.3, 1.3, 0.4, 0.8, 0.4, 2.0, 0.4, 0.7, 0.2, 1.8, 2.2, 2.8, 11.6],
    [29.5, 21.8, 5.6, 24.4, 1.5, 0.4, 1.1, 0.4, 2.7, 0.3, 0.4, 0.1, 1.8, 1.3, 1.7, 7.1],
  ],
};

/** By race and Hispanic origin, 2014 RLS ("Religious composition by race/ethnicity"). */
export const RELIGION_BY_RACE_2014: FigureTable = {
  source:
    'Pew Research Center 2014 Religious Landscape Study, religious composition by race/ethnicity (RLS database, "Religious tradition by race/ethnicity"); https://www.pewresearch.org/religion/religious-landscape-study/',
  checked: false,
  verification:
    'No stored copy of the whole-population table was found. Corroborated instead by a derivation from stored RLS 2014 subgroup tables, "Religious tradition among whites / blacks / Latinos by political ideology" and "Religious tradition among Asians by generational group" (legacy.pewresearch.org/religion/religious-landscape-study/compare/religious-tradition/by/political-ideology/among/racial-and-ethnic-composition/{white,black,latino}; .../by/generational-cohort/among/racial-and-ethnic-composition/asian), rows mixed by their sample sizes: every Black, Asian and Latino cell within 1.7 points of the derivation; White within 1 point except Catholic, entered as 16 (row summing to 96) against a derived 17.9, corrected to 18. Other/Mixed: unverified (only the moderates subgroup is stored).',
  groups: ['White', 'Black', 'Asian', 'Latino', 'Other/Mixed'],
  rows: [
    [29, 19, 0.3, 18, 2, 0.3, 0.3, 0.3, 2, 0.3, 0.3, 0.3, 2, 4, 5, 15],
    [14, 4, 53, 5, 0.3, 0.3, 2, 0.3, 0.3, 2, 0.3, 0.3, 1, 1, 1, 16],
    [11, 5, 0.3, 17, 1, 0.3, 0.3, 0.3, 0.3, 6, 6, 16, 3, 5, 5, 21],
    [19, 5, 0.3, 48, 1, 0.3, 2, 0.3, 0.3, 0.3, 0.3, 0.3, 1, 2, 2, 16],
    [26, 15, 2, 13, 3, 1, 1, 1, 1, 1, 1, 0.5, 5, 3, 4, 21],
  ],
};

/**
 * By census region, 2007 (no copy of the 2014 regional table was found). Verified against a stored
 * copy of the 2008 report. The fit harmonises it to the 2014 national distribution, so only its
 * regional contrasts are used.
 */
export const RELIGION_BY_REGION_2007: FigureTable = {
  source:
    'Pew Forum, U.S. Religious Landscape Survey 2007, "Religious Affiliation of Geographic Regions" (Religious Affiliation: Diverse and Dynamic, Feb. 2008, ch. 3); stored copy: https://docplayer.net/12159889-U-s-religious-landscape-survey.html',
  checked: true,
  verification:
    'Every cell compared with the table as stored at https://docslib.org/download/2412848/u-s-religious-landscape-survey (report p. 69): all agree ("<0.5" entered as 0.3; other faiths = other faiths + other world religions "<0.5"; nothing in particular = secular unaffiliated + religious unaffiliated + don\'t know). The unaffiliated totals also match Pew\'s 2026 short read (2007: 83/83/86/77% affiliated in NE/MW/S/W).',
  groups: ['Northeast', 'Midwest', 'South', 'West'],
  rows: [
    [13, 19, 5, 37, 0.3, 1, 1, 0.3, 4, 1, 1, 1, 1.3, 2, 3, 12],
    [26, 22, 6, 24, 1, 0.3, 1, 0.3, 1, 0.3, 0.3, 0.3, 1.3, 1, 2, 14],
    [37, 17, 11, 16, 1, 0.3, 1, 0.3, 1, 0.3, 0.3, 0.3, 1.3, 1, 2, 11],
    [20, 15, 3, 25, 6, 1, 1, 1, 2, 0.3, 2, 0.3, 2.3, 3, 4, 16],
  ],
};
