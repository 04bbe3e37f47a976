/**
 * The census network's variables and the binned features its conditional tables are keyed on.
 *
 * A person being drawn (or a record being learned) is an Int32Array of PUMS codes, one slot per
 * variable (`V`): -1 is PUMS N/A (blank), -2 means the column is absent from the source file
 * (California and Texas in the shared 2024 data lack most columns). A feature maps that vector
 * to a bin in [0, card), or -1 when an input it needs is absent.
 */

/** Absent column (never a drawn value). */
export const UNKNOWN = -2;
/** PUMS N/A (a blank field). */
export const NA = -1;

/** Slots of the code vector, in drawing order. Composite slots are documented in docs/census-model.md. */
export const V = {
  AGEP: 0,
  SEX: 1,
  ST: 2,
  HISP: 3,
  RAC1P: 4,
  CIT: 5,
  HHT: 6,
  KIDS: 7,
  HHL: 8,
  SCHL: 9,
  DIS: 10,
  MIL: 11,
  DIFF: 12,
  LANG: 13,
  MAR: 14,
  FER: 15,
  ESR: 16,
  COW: 17,
  INDP: 18,
  OCCP: 19,
  PINC: 20,
  HICOV: 21,
  HHLX: 22,
} as const;
/** Number of slots in the code vector. */
export const SLOTS = 23;

/** A binning of the code vector. */
export interface Feature {
  /** Name, for documentation and debugging. */
  readonly name: string;
  /** Number of bins. */
  readonly card: number;
  /** The bin, or -1 when an input is absent. */
  readonly f: (v: Int32Array) => number;
}

/** State FIPS codes (50 states, DC, Puerto Rico), in order; the `st` feature is the index. */
export const STATES = [
  1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
  40, 41, 42, 44, 45, 46, 47, 48, 49, 50, 51, 53, 54, 55, 56, 72,
] as const;
const ST_INDEX = new Int16Array(80).fill(-1);
STATES.forEach((s, i) => (ST_INDEX[s] = i));
const NE = [9, 23, 25, 33, 34, 36, 42, 44, 50];
const MW = [17, 18, 19, 20, 26, 27, 29, 31, 38, 39, 46, 55];
const WEST = [2, 4, 6, 8, 15, 16, 30, 32, 35, 41, 49, 53, 56];
/** Census region index of a state FIPS code: 0 Northeast, 1 Midwest, 2 South, 3 West (Puerto Rico: South). */
export function regionOf(st: number): number {
  return NE.includes(st) ? 0 : MW.includes(st) ? 1 : WEST.includes(st) ? 3 : 2;
}
const REGION = new Int8Array(80).map((_, s) => regionOf(s));

const bins = (edges: readonly number[]) => {
  const table = new Int8Array(100);
  for (let a = 0, b = 0; a < 100; a++) {
    while (b < edges.length && a >= (edges[b] as number)) b++;
    table[a] = b;
  }
  return table;
};
const ageFeature = (name: string, edges: readonly number[]): Feature => {
  const t = bins(edges);
  return { name, card: edges.length + 1, f: (v) => t[Math.min(99, v[V.AGEP] as number)] as number };
};
// Single years to 24, then five-year groups, with 50 alone (fertility is asked up to 50).
const AGE_S_EDGES = [...Array.from({ length: 24 }, (_, i) => i + 1), 25, 30, 35, 40, 45, 50, 51, 55, 60, 65, 70, 75, 80, 85];

/** Ethnicity in 11 groups: Mexican, Puerto Rican, Cuban, other Hispanic; then non-Hispanic by race. */
export function eth11(hisp: number, race: number): number {
  if (hisp < 0 || race < 0) return -1;
  if (hisp >= 2) return hisp <= 4 ? hisp - 2 : 3;
  return [4, 4, 5, 6, 6, 6, 7, 8, 9, 10][race] as number; // 1 White 4, 2 Black 5, 3–5 AIAN 6, 6 Asian 7, 7 NHPI 8, 8 Other 9, 9 Two+ 10
}
/** Ethnicity in 6 groups: Hispanic, NH White, NH Black, NH Asian, NH other single race, NH two or more. */
function eth6(hisp: number, race: number): number {
  const e = eth11(hisp, race);
  return e < 0 ? -1 : ([0, 0, 0, 0, 1, 2, 4, 3, 4, 4, 5][e] as number);
}
/** Education in 8 bands: N/A, ≤grade 8, 9–12 no diploma, HS/GED, some college, associate, bachelor, graduate. */
function edu8(schl: number): number {
  if (schl === UNKNOWN) return -1;
  if (schl < 0) return 0;
  return schl <= 11 ? 1 : schl <= 15 ? 2 : schl <= 17 ? 3 : schl <= 19 ? 4 : schl === 20 ? 5 : schl === 21 ? 6 : 7;
}
/**
 * Education in 12 levels, for the occupation, class-of-worker and income tables: N/A, grade 8 or
 * less, grades 9-12 without a diploma, high school diploma, GED, some college under a year, a year
 * or more of college, associate, bachelor's, master's, professional degree, doctorate.
 */
function eduD(schl: number): number {
  if (schl === UNKNOWN) return -1;
  if (schl < 0) return 0;
  return schl <= 11 ? 1 : schl <= 15 ? 2 : schl - 13;
}
/** Work class from ESR and COW: N/A, NILF, unemployed, private, nonprofit, government, self-unincorporated, self-incorporated, unpaid family, armed forces. */
function workClass(esr: number, cow: number): number {
  if (esr === UNKNOWN || cow === UNKNOWN) return -1;
  if (esr < 0) return 0;
  if (esr === 6) return 1;
  if (esr === 3) return 2;
  if (esr === 4 || esr === 5) return 9;
  return cow === 1 ? 3 : cow === 2 ? 4 : cow >= 3 && cow <= 5 ? 5 : cow === 6 ? 6 : cow === 7 ? 7 : cow === 8 ? 8 : 3;
}
/** Occupation super-group (10): none, management/business/finance, computing/engineering/science, education/legal/community/arts, health practitioners, service, sales/office, construction/extraction/farming, production/repair/transport, military. */
function occGroup(occp: number): number {
  if (occp === UNKNOWN) return -1;
  if (occp < 0 || occp >= 9900) return 0;
  return occp < 1000
    ? 1
    : occp < 2000
      ? 2
      : occp < 3000
        ? 3
        : occp < 3600
          ? 4
          : occp < 4700
            ? 5
            : occp < 6000
              ? 6
              : occp < 7000
                ? 7
                : occp < 9800
                  ? 8
                  : 9;
}

/** Lowest OCCP code of each of the 25 occupation groups of the data dictionary (label prefixes MGR, BUS, … MIL). */
const OCC25_STARTS = [
  10, 500, 800, 1005, 1305, 1600, 2001, 2100, 2205, 2600, 3000, 3601, 3700, 4000, 4200, 4330, 4700, 5000, 6005, 6200, 6800, 7000, 7700,
  9005, 9800,
] as const;
/** Occupation group (26): 0 none or never worked, then the dictionary's 25 label groups in code order. */
function occ25(occp: number): number {
  if (occp === UNKNOWN) return -1;
  if (occp < 0 || occp >= 9900) return 0;
  let g = 0;
  while (g < OCC25_STARTS.length && occp >= (OCC25_STARTS[g] as number)) g++;
  return g;
}

/**
 * The OCCP codes of the 2018-2021 data dictionaries (2018 SOC-based; the 2024 files use them), in
 * order: the bins of the `occp` feature (0 N/A, 1… these codes, last: any other code, as older
 * files' 2010-based codes are). A dense index keeps the tables keyed on occupation small.
 */
const OCCP_CODES: readonly number[] = [
  10, 20, 40, 51, 52, 60, 101, 102, 110, 120, 135, 136, 137, 140, 150, 160, 205, 220, 230, 300, 310, 335, 340, 350, 360, 410, 420, 425, 440,
  500, 510, 520, 530, 540, 565, 600, 630, 640, 650, 700, 705, 710, 725, 726, 735, 750, 800, 810, 820, 830, 845, 850, 860, 900, 910, 930,
  940, 960, 1005, 1006, 1007, 1010, 1021, 1022, 1031, 1032, 1050, 1065, 1105, 1106, 1108, 1200, 1220, 1240, 1305, 1306, 1310, 1320, 1340,
  1350, 1360, 1400, 1410, 1420, 1430, 1440, 1450, 1460, 1520, 1530, 1541, 1545, 1551, 1555, 1560, 1600, 1610, 1640, 1650, 1700, 1710, 1720,
  1745, 1750, 1760, 1800, 1821, 1822, 1825, 1840, 1860, 1900, 1910, 1920, 1935, 1970, 1980, 2001, 2002, 2003, 2004, 2005, 2006, 2011, 2012,
  2013, 2014, 2015, 2016, 2025, 2040, 2050, 2060, 2100, 2105, 2145, 2170, 2180, 2205, 2300, 2310, 2320, 2330, 2350, 2360, 2400, 2435, 2440,
  2545, 2555, 2600, 2631, 2632, 2633, 2634, 2635, 2636, 2640, 2700, 2710, 2721, 2722, 2723, 2740, 2751, 2752, 2755, 2770, 2805, 2810, 2825,
  2830, 2840, 2850, 2861, 2862, 2865, 2905, 2910, 2920, 3000, 3010, 3030, 3040, 3050, 3090, 3100, 3110, 3120, 3140, 3150, 3160, 3200, 3210,
  3220, 3230, 3245, 3250, 3255, 3256, 3258, 3261, 3270, 3300, 3310, 3321, 3322, 3323, 3324, 3330, 3401, 3402, 3421, 3422, 3423, 3424, 3430,
  3500, 3515, 3520, 3545, 3550, 3601, 3602, 3603, 3605, 3610, 3620, 3630, 3640, 3645, 3646, 3647, 3648, 3649, 3655, 3700, 3710, 3720, 3725,
  3740, 3750, 3801, 3802, 3820, 3840, 3870, 3900, 3910, 3930, 3940, 3945, 3946, 3960, 4000, 4010, 4020, 4030, 4040, 4055, 4110, 4120, 4130,
  4140, 4150, 4160, 4200, 4210, 4220, 4230, 4240, 4251, 4252, 4255, 4330, 4340, 4350, 4400, 4420, 4435, 4461, 4465, 4500, 4510, 4521, 4522,
  4525, 4530, 4540, 4600, 4621, 4622, 4640, 4655, 4700, 4710, 4720, 4740, 4750, 4760, 4800, 4810, 4820, 4830, 4840, 4850, 4900, 4920, 4930,
  4940, 4950, 4965, 5000, 5010, 5020, 5040, 5100, 5110, 5120, 5140, 5150, 5160, 5165, 5220, 5230, 5240, 5250, 5260, 5300, 5310, 5320, 5330,
  5340, 5350, 5360, 5400, 5410, 5420, 5500, 5510, 5521, 5522, 5530, 5540, 5550, 5560, 5600, 5610, 5630, 5710, 5720, 5730, 5740, 5810, 5820,
  5840, 5850, 5860, 5900, 5910, 5920, 5940, 6005, 6010, 6040, 6050, 6115, 6120, 6130, 6200, 6210, 6220, 6230, 6240, 6250, 6260, 6305, 6330,
  6355, 6360, 6400, 6410, 6441, 6442, 6460, 6515, 6520, 6530, 6540, 6600, 6660, 6700, 6710, 6720, 6730, 6740, 6765, 6800, 6825, 6835, 6850,
  6950, 7000, 7010, 7020, 7030, 7040, 7100, 7120, 7130, 7140, 7150, 7160, 7200, 7210, 7220, 7240, 7260, 7300, 7315, 7320, 7330, 7340, 7350,
  7360, 7410, 7420, 7430, 7510, 7540, 7560, 7610, 7640, 7700, 7720, 7730, 7740, 7750, 7800, 7810, 7830, 7840, 7850, 7855, 7905, 7925, 7950,
  8000, 8025, 8030, 8040, 8100, 8130, 8140, 8225, 8250, 8255, 8256, 8300, 8310, 8320, 8335, 8350, 8365, 8450, 8465, 8500, 8510, 8530, 8540,
  8555, 8600, 8610, 8620, 8630, 8640, 8650, 8710, 8720, 8730, 8740, 8750, 8760, 8800, 8810, 8830, 8850, 8910, 8920, 8930, 8940, 8950, 8990,
  9005, 9030, 9040, 9050, 9110, 9121, 9122, 9130, 9141, 9142, 9150, 9210, 9240, 9265, 9300, 9310, 9350, 9365, 9410, 9415, 9430, 9510, 9570,
  9600, 9610, 9620, 9630, 9640, 9645, 9650, 9720, 9760, 9800, 9810, 9825, 9830, 9920,
];
const OCCP_BIN = new Int16Array(10000).fill(OCCP_CODES.length + 1);
OCCP_CODES.forEach((c, i) => (OCCP_BIN[c] = i + 1));

const code = (name: string, slot: number, card: number, offset = 0): Feature => ({
  name,
  card,
  f: (v) => {
    const x = v[slot] as number;
    return x === UNKNOWN ? -1 : x < 0 ? 0 : x + offset;
  },
});
const derived = (name: string, card: number, g: (v: Int32Array) => number): Feature => ({ name, card, f: g });
const known = (v: Int32Array, ...slots: number[]) => slots.every((s) => v[s] !== UNKNOWN);

/** Every feature used by the network. */
export const F = {
  age5: ageFeature('age5', [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85]),
  age6: ageFeature('age6', [18, 30, 45, 65, 80]),
  age4: ageFeature('age4', [18, 35, 65]),
  age10: ageFeature('age10', [5, 18, 25, 35, 45, 55, 65, 75, 85]),
  ageS: ageFeature('ageS', AGE_S_EDGES),
  ageL: ageFeature('ageL', [5, 18, 35, 65]),
  ageC: ageFeature('ageC', [16, 20, 25, 35, 45, 55, 65]),
  ageI: ageFeature('ageI', [15, 18, 22, 25, 35, 45, 55, 65, 75]),
  ageH: ageFeature('ageH', [19, 26, 35, 45, 55, 65]),
  ageO: ageFeature('ageO', [25, 35, 45, 55, 65]),
  sex: code('sex', V.SEX, 3),
  st: derived('st', STATES.length, (v) => (known(v, V.ST) ? (ST_INDEX[v[V.ST] as number] as number) : -1)),
  region: derived('region', 4, (v) => (known(v, V.ST) ? (REGION[v[V.ST] as number] as number) : -1)),
  hisp5: derived('hisp5', 5, (v) => {
    const h = v[V.HISP] as number;
    return h === UNKNOWN ? -1 : h <= 1 ? 0 : Math.min(h - 1, 4);
  }),
  eth11: derived('eth11', 11, (v) => (known(v, V.HISP, V.RAC1P) ? eth11(v[V.HISP] as number, v[V.RAC1P] as number) : -1)),
  eth6: derived('eth6', 6, (v) => (known(v, V.HISP, V.RAC1P) ? eth6(v[V.HISP] as number, v[V.RAC1P] as number) : -1)),
  cit: code('cit', V.CIT, 6),
  nat: derived('nat', 2, (v) => {
    const c = v[V.CIT] as number;
    return c === UNKNOWN ? -1 : c >= 4 ? 1 : 0;
  }),
  hht: code('hht', V.HHT, 8),
  gq: derived('gq', 2, (v) => {
    const h = v[V.HHT] as number;
    return h === UNKNOWN ? -1 : h < 0 ? 1 : 0;
  }),
  kids: code('kids', V.KIDS, 5),
  hhl: code('hhl', V.HHL, 6),
  edu8: derived('edu8', 8, (v) => edu8(v[V.SCHL] as number)),
  eduD: derived('eduD', 12, (v) => eduD(v[V.SCHL] as number)),
  dis: code('dis', V.DIS, 3),
  milg: derived('milg', 4, (v) => {
    const m = v[V.MIL] as number;
    return m === UNKNOWN ? -1 : m < 0 ? 0 : m === 1 ? 1 : m === 3 ? 2 : 3;
  }),
  armed: derived('armed', 2, (v) => {
    const e = v[V.ESR] as number;
    return e === UNKNOWN ? -1 : e === 4 || e === 5 ? 1 : 0;
  }),
  mar2: derived('mar2', 2, (v) => {
    const m = v[V.MAR] as number;
    return m === UNKNOWN ? -1 : m === 1 ? 0 : 1;
  }),
  esr: code('esr', V.ESR, 8),
  cow: code('cow', V.COW, 11),
  work: derived('work', 10, (v) => workClass(v[V.ESR] as number, v[V.COW] as number)),
  indp: code('indp', V.INDP, 10000, 1),
  occp: derived('occp', OCCP_CODES.length + 2, (v) => {
    const x = v[V.OCCP] as number;
    return x === UNKNOWN ? -1 : x < 0 ? 0 : (OCCP_BIN[Math.min(9999, x)] as number);
  }),
  occ25: derived('occ25', 26, (v) => occ25(v[V.OCCP] as number)),
  occg: derived('occg', 10, (v) => occGroup(v[V.OCCP] as number)),
  incg: derived('incg', 5, (v) => {
    const b = v[V.PINC] as number;
    return b === UNKNOWN ? -1 : b < 0 ? 0 : b <= 1 ? 1 : b <= 9 ? 2 : b <= 17 ? 3 : 4;
  }),
  langOther: derived('langOther', 2, (v) => {
    const l = v[V.LANG] as number;
    return l === UNKNOWN ? -1 : l >= 11 && l <= 14 ? 1 : 0;
  }),
} satisfies Record<string, Feature>;
