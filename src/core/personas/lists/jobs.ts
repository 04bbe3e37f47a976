/**
 * Detailed job descriptions, written for this project: for each of the 25 occupation groups of the
 * PUMS occupation codes (OCCP, 2018 SOC-based codes, grouped as the data dictionary's label
 * prefixes MGR, BUS, …, MIL), a noun phrase and general descriptions with an `{at}` slot for the
 * employer (from the class of worker). The optional LLM enrichment (../enrich.ts) makes them
 * specific, as the paper's second stage did.
 */

/** One occupation group. */
export interface OccupationGroup {
  /** The dictionary label prefix, e.g. "MED". */
  readonly code: string;
  /** Lowest and highest OCCP code of the group, inclusive. */
  readonly range: readonly [number, number];
  /** What the group works in, for "previously worked in …". */
  readonly noun: string;
  /** Descriptions; `{at}` is replaced by the employer phrase. */
  readonly descriptions: readonly string[];
}

/** Every occupation group, in OCCP order. */
export const OCCUPATION_GROUPS: readonly OccupationGroup[] = [
  {
    code: 'MGR',
    range: [10, 440],
    noun: 'a managerial position',
    descriptions: [
      'Manager {at}, responsible for budgets and a team',
      'Oversees day-to-day operations {at}',
      'Leads a department {at} and plans its work',
    ],
  },
  {
    code: 'BUS',
    range: [500, 750],
    noun: 'business operations',
    descriptions: [
      'Business operations specialist {at}, handling contracts and planning',
      'Coordinates projects and purchasing {at}',
      'Analyzes business processes {at}',
    ],
  },
  {
    code: 'FIN',
    range: [800, 960],
    noun: 'finance',
    descriptions: [
      'Works in finance {at}, preparing reports and reviewing accounts',
      'Handles budgets, audits or loans {at}',
      'Financial specialist {at} who keeps the numbers in order',
    ],
  },
  {
    code: 'CMM',
    range: [1005, 1240],
    noun: 'computing and mathematics',
    descriptions: [
      'Works with computers and data {at}',
      'Writes and maintains software {at}',
      'Solves technical and analytical problems {at}',
    ],
  },
  {
    code: 'ENG',
    range: [1305, 1560],
    noun: 'architecture and engineering',
    descriptions: [
      'Engineer or technician {at}, designing and testing systems',
      'Works on technical drawings and plans {at}',
      'Designs and inspects structures or products {at}',
    ],
  },
  {
    code: 'SCI',
    range: [1600, 1980],
    noun: 'the sciences',
    descriptions: [
      'Works in the sciences {at}, running studies and analyzing results',
      'Laboratory or field scientist {at}',
      'Research work {at}, collecting and interpreting data',
    ],
  },
  {
    code: 'CMS',
    range: [2001, 2060],
    noun: 'community and social services',
    descriptions: [
      'Works in community and social services {at}, helping people find support',
      'Counsels and assists clients {at}',
      'Supports families and individuals through social programs {at}',
    ],
  },
  {
    code: 'LGL',
    range: [2100, 2180],
    noun: 'law',
    descriptions: [
      'Works in law {at}, preparing documents and advising clients',
      'Legal work {at}, researching cases and handling paperwork',
      'Helps resolve legal matters {at}',
    ],
  },
  {
    code: 'EDU',
    range: [2205, 2555],
    noun: 'education',
    descriptions: [
      'Works in education {at}, teaching and preparing lessons',
      'Educator {at} who works with students every day',
      'Supports learning {at}, in classrooms, libraries or training',
    ],
  },
  {
    code: 'ENT',
    range: [2600, 2920],
    noun: 'arts, design, entertainment, sports and media',
    descriptions: [
      'Works in arts, design, media or sports {at}',
      'Creates, performs or produces work for audiences {at}',
      'Creative professional {at}, juggling several projects',
    ],
  },
  {
    code: 'MED',
    range: [3000, 3550],
    noun: 'health care',
    descriptions: [
      'Health care practitioner {at}, caring for patients',
      'Diagnoses and treats patients {at}',
      'Licensed health professional {at} working with patients daily',
    ],
  },
  {
    code: 'HLS',
    range: [3601, 3655],
    noun: 'health care support',
    descriptions: [
      'Health care support worker {at}, assisting patients and staff',
      'Provides hands-on care and assistance {at}',
      'Helps nurses and therapists care for patients {at}',
    ],
  },
  {
    code: 'PRT',
    range: [3700, 3960],
    noun: 'protective services',
    descriptions: [
      'Works in protective services {at}, keeping people safe',
      'Responds to emergencies and patrols {at}',
      'Security or public-safety work {at}, often on shifts',
    ],
  },
  {
    code: 'EAT',
    range: [4000, 4160],
    noun: 'food preparation and serving',
    descriptions: [
      'Works in food preparation and serving {at}',
      'Cooks or serves meals {at}, often on evening shifts',
      'Keeps a kitchen or dining room running {at}',
    ],
  },
  {
    code: 'CLN',
    range: [4200, 4255],
    noun: 'building and grounds maintenance',
    descriptions: [
      'Works in building and grounds maintenance {at}',
      'Keeps buildings clean and in good repair {at}',
      'Landscaping or janitorial work {at}',
    ],
  },
  {
    code: 'PRS',
    range: [4330, 4655],
    noun: 'personal care and service',
    descriptions: [
      'Works in personal care and service {at}',
      'Helps clients with personal care, fitness or recreation {at}',
      'Service work {at} that involves a lot of time with people',
    ],
  },
  {
    code: 'SAL',
    range: [4700, 4965],
    noun: 'sales',
    descriptions: [
      'Works in sales {at}, meeting customers every day',
      'Sells products or services {at}',
      'Handles customers and the register {at}',
    ],
  },
  {
    code: 'OFF',
    range: [5000, 5940],
    noun: 'office and administrative support',
    descriptions: [
      'Office and administrative support worker {at}',
      'Keeps records, schedules and correspondence in order {at}',
      'Handles customer inquiries and paperwork {at}',
    ],
  },
  {
    code: 'FFF',
    range: [6005, 6130],
    noun: 'farming, fishing and forestry',
    descriptions: [
      'Works in farming, fishing or forestry {at}',
      'Outdoor work with crops, animals or timber {at}',
      'Seasonal agricultural work {at}',
    ],
  },
  {
    code: 'CON',
    range: [6200, 6765],
    noun: 'construction',
    descriptions: [
      'Works in construction {at}, on building sites',
      'Skilled trades work on construction projects {at}',
      'Builds and renovates homes and buildings {at}',
    ],
  },
  {
    code: 'EXT',
    range: [6800, 6950],
    noun: 'mining and extraction',
    descriptions: [
      'Works in mining, oil or gas extraction {at}',
      'Operates extraction equipment {at}, often on long rotations',
      'Field work in extraction {at}',
    ],
  },
  {
    code: 'RPR',
    range: [7000, 7640],
    noun: 'installation, maintenance and repair',
    descriptions: [
      'Installs, maintains and repairs equipment {at}',
      'Mechanic or repair technician {at}',
      'Keeps machines and systems running {at}',
    ],
  },
  {
    code: 'PRD',
    range: [7700, 8990],
    noun: 'production',
    descriptions: [
      'Works in production {at}, operating machines on a factory floor',
      'Assembles, inspects or processes products {at}',
      'Production worker {at}, often on shifts',
    ],
  },
  {
    code: 'TRN',
    range: [9005, 9760],
    noun: 'transportation and material moving',
    descriptions: [
      'Works in transportation and material moving {at}',
      'Drives, loads or delivers goods {at}',
      'Moves people or freight {at}, keeping to tight schedules',
    ],
  },
  {
    code: 'MIL',
    range: [9800, 9830],
    noun: 'the military',
    descriptions: [
      'Serves in the armed forces',
      'Member of the military on active duty',
      'Military service member working in {their} specialty',
    ],
  },
];

/** Employer phrases by class of worker (COW 1-8). */
export const EMPLOYER_AT: Readonly<Record<number, string>> = {
  1: 'at a private company',
  2: 'at a nonprofit organization',
  3: 'in local government',
  4: 'in state government',
  5: 'for the federal government',
  6: 'in {their} own business',
  7: 'in {their} own incorporated business',
  8: 'in a family business, without pay',
};

/** Schools by the grade attended (1-12; kindergarten apart), as most US school districts split them. */
export const SCHOOL_STUDENTS: readonly { readonly text: string; readonly minGrade: number; readonly maxGrade: number }[] = [
  { text: 'Elementary school student', minGrade: 1, maxGrade: 5 },
  { text: 'Middle school student', minGrade: 6, maxGrade: 8 },
  { text: 'High school student', minGrade: 9, maxGrade: 12 },
];

/** Descriptions for people out of work or out of the labour force. `{noun}` is the last occupation group. */
export const NOT_WORKING = {
  unemployedWithJob: ['Looking for work; last worked in {noun}', 'Between jobs, searching for a new position in {noun}'],
  unemployed: ['Looking for work', 'Searching for a first steady job'],
  retiredWithJob: ['Retired, previously worked in {noun}', 'Retired after a career in {noun}'],
  retired: ['Retired', 'Retired, enjoying time with family'],
  formerWorker: ['Not working at the moment; previously worked in {noun}', 'Taking time away from work; last worked in {noun}'],
  college: ['College student', 'Full-time student at a community college', 'University student'],
  graduate: ['Graduate student', 'Recent college graduate, studying for a professional exam'],
  leftSchool: ['Left high school without a diploma; looking into a GED program', 'Left high school before graduating'],
  home: ['Homemaker', 'Full-time caregiver for family members', 'Not currently working'],
  health: ['Not working for health reasons'],
} as const;
