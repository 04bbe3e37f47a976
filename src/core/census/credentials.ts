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
  /**
   * The lowest SCHL a consistent persona in it may have (licensure needs this degree; the PUMS
   * records below it are a few tenths of a percent, mostly misreports), or undefined for none.
   */
  readonly minSchl?: number;
}

/** The occupations #14 checks, in the order of docs/census-model.md. */
export const CREDENTIALED: readonly Credentialed[] = [
  { name: 'Physicians', codes: [3090], minSchl: 21 },
  { name: 'Surgeons', codes: [3100], minSchl: 21 },
  { name: 'Lawyers, judges', codes: [2100], minSchl: 21 },
  { name: 'Dentists', codes: [3010], minSchl: 21 },
  { name: 'Pharmacists', codes: [3050], minSchl: 21 },
  { name: 'Veterinarians', codes: [3250], minSchl: 21 },
  { name: 'Psychologists', codes: [1821, 1822, 1825], minSchl: 21 },
  { name: 'Registered nurses', codes: [3255], minSchl: 18 },
  { name: 'Nurse practitioners, midwives', codes: [3258], minSchl: 20 },
  { name: 'Physician assistants', codes: [3110], minSchl: 20 },
  { name: 'Postsecondary teachers', codes: [2205] },
  { name: 'Elementary and middle school teachers', codes: [2310] },
  { name: 'Secondary school teachers', codes: [2320] },
  { name: 'Engineers', codes: [1320, 1340, 1350, 1360, 1400, 1410, 1420, 1430, 1440, 1450, 1460, 1520, 1530] },
];

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
