/**
 * Credentialed occupations: the OCCP codes of occupations whose practice requires a degree, the
 * least education a person in them can plausibly report, and the education shares used to check
 * the census model against the microdata (scripts/census/joint-shares.ts, docs/census-model.md).
 */

/** One credentialed occupation. */
export interface Credentialed {
  /** Plain name. */
  readonly name: string;
  /** Its OCCP codes. */
  readonly codes: readonly number[];
  /** Its dictionary label(s), as a persona's "occupation category" holds them. */
  readonly label: RegExp;
  /**
   * The lowest SCHL a consistent persona in it may have (practice needs this degree; PUMS has 0-2%
   * of records below it, which the persona rule "credential-education" redraws), or undefined for
   * none (physician assistants: 5% of PUMS records report less than an associate degree, older
   * certificate programs, so no rule).
   */
  readonly minSchl?: number;
}

/** The occupations #14 checks, in the order of docs/census-model.md. */
export const CREDENTIALED: readonly Credentialed[] = [
  { name: 'Physicians', codes: [3090], label: /^MED-Physicians$/, minSchl: 21 },
  { name: 'Surgeons', codes: [3100], label: /^MED-Surgeons$/, minSchl: 21 },
  { name: 'Lawyers, judges', codes: [2100], label: /^LGL-Lawyers, And Judges/, minSchl: 21 },
  { name: 'Dentists', codes: [3010], label: /^MED-Dentists$/, minSchl: 21 },
  { name: 'Pharmacists', codes: [3050], label: /^MED-Pharmacists$/, minSchl: 21 },
  { name: 'Veterinarians', codes: [3250], label: /^MED-Veterinarians$/, minSchl: 21 },
  { name: 'Psychologists', codes: [1821, 1822, 1825], label: /^SCI-.*Psychologists$/, minSchl: 21 },
  { name: 'Registered nurses', codes: [3255], label: /^MED-Registered Nurses$/, minSchl: 18 },
  { name: 'Nurse practitioners, midwives', codes: [3258], label: /^MED-Nurse Practitioners/, minSchl: 20 },
  { name: 'Physician assistants', codes: [3110], label: /^MED-Physician Assistants$/ },
  { name: 'Postsecondary teachers', codes: [2205], label: /^EDU-Postsecondary Teachers$/ },
  { name: 'Elementary and middle school teachers', codes: [2310], label: /^EDU-Elementary And Middle School Teachers$/ },
  { name: 'Secondary school teachers', codes: [2320], label: /^EDU-Secondary School Teachers$/ },
  { name: 'Engineers', codes: [1320, 1340, 1350, 1360, 1400, 1410, 1420, 1430, 1440, 1450, 1460, 1520, 1530], label: /^ENG-.*Engineers\b/ },
];

/** Educational attainment (SCHL) labels of the data dictionary, code 1 first. */
const SCHL_LABELS = [
  'No schooling completed',
  'Nursery school, preschool',
  'Kindergarten',
  ...Array.from({ length: 11 }, (_, i) => `Grade ${i + 1}`),
  '12th grade - no diploma',
  'Regular high school diploma',
  'GED or alternative credential',
  'Some college, but less than 1 year',
  '1 or more years of college credit, no degree',
  "Associate's degree",
  "Bachelor's degree",
  "Master's degree",
  "Professional degree beyond a bachelor's degree",
  'Doctorate degree',
] as const;
const SCHL_BY_LABEL = new Map(SCHL_LABELS.map((l, i) => [l, i + 1]));
const SCHL_BY_LOWER = new Map(SCHL_LABELS.map((l, i) => [l.toLowerCase(), i + 1]));

/** The SCHL code of an education label (case-insensitive), or undefined for another text. */
export function schlOfLabel(label: string): number | undefined {
  return SCHL_BY_LABEL.get(label) ?? SCHL_BY_LOWER.get(label.toLowerCase());
}

/** The credentialed occupation of an OCCP code, or undefined. */
export function credentialOf(occp: number | null | undefined): Credentialed | undefined {
  if (occp === null || occp === undefined) return undefined;
  return CREDENTIALED.find((c) => c.codes.includes(occp));
}

/** Weighted education shares of one occupation. */
export interface EducationShares {
  /** Professional degree or doctorate (SCHL 23-24). */
  readonly professional: number;
  /** Master's degree or more (SCHL 22+). */
  readonly master: number;
  /** Bachelor's degree or more (SCHL 21+). */
  readonly bachelor: number;
  /** Less than an associate degree (SCHL below 20). */
  readonly belowAssociate: number;
  /** Records (or draws) behind the shares. */
  readonly n: number;
  /** Their total weight. */
  readonly weight: number;
}

/** Education shares of every credentialed occupation among weighted (OCCP, SCHL) rows. */
export function educationShares(rows: Iterable<{ occp: number; schl: number; w: number }>): Record<string, EducationShares> {
  const acc = new Map<string, { n: number; w: number; p: number; m: number; b: number; lo: number }>();
  for (const c of CREDENTIALED) acc.set(c.name, { n: 0, w: 0, p: 0, m: 0, b: 0, lo: 0 });
  for (const r of rows) {
    const c = credentialOf(r.occp);
    if (!c) continue;
    const a = acc.get(c.name)!;
    a.n++;
    a.w += r.w;
    if (r.schl >= 23) a.p += r.w;
    if (r.schl >= 22) a.m += r.w;
    if (r.schl >= 21) a.b += r.w;
    if (r.schl < 20) a.lo += r.w;
  }
  const out: Record<string, EducationShares> = {};
  for (const [name, a] of acc) {
    const d = a.w || 1;
    out[name] = { professional: a.p / d, master: a.m / d, bachelor: a.b / d, belowAssociate: a.lo / d, n: a.n, weight: a.w };
  }
  return out;
}
