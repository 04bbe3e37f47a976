/**
 * The census model's own marginal figures for the comparison charts (PERSONA Figures 2 and 13):
 * age, sex, race, education, income, employment, marital status, citizenship, disability and
 * veteran status. Categories are fixed (`MARGINAL_CATEGORIES`); `marginalCategory` bins a persona's
 * value the same way. Figures are stored per single year of age (a fixed-seed Monte Carlo of the
 * model at build time), so an age-restricted set is compared with the model restricted alike.
 */
import { Rng } from '../random';
import type { AttributeValue } from '../personas/schema';
import type { CensusKey, CensusPerson } from './types';
import type { CensusModelData, StoredMarginals } from './model';
import type { ModelCensusSampler } from './sampler';

/** The attributes with model marginals, in chart order. */
export const MARGINAL_KEYS = [
  'age',
  'sex',
  'race',
  'education',
  'income',
  'employment status',
  'marital status',
  'citizenship',
  'disability',
  'veteran status',
] as const satisfies readonly CensusKey[];
/** One of MARGINAL_KEYS. */
export type MarginalKey = (typeof MARGINAL_KEYS)[number];

/** Label of a null value in the charts. */
export const NOT_APPLICABLE = 'Not applicable';

const AGE_BANDS = ['0–4', '5–9', '10–14', '15–17', '18–24', '25–34', '35–44', '45–54', '55–64', '65–74', '75–84', '85+'];
const AGE_EDGES = [5, 10, 15, 18, 25, 35, 45, 55, 65, 75, 85];
const INCOME_BANDS = [
  'Loss or none',
  '$1–9,999',
  '$10,000–24,999',
  '$25,000–49,999',
  '$50,000–74,999',
  '$75,000–99,999',
  '$100,000–149,999',
  '$150,000+',
];
const INCOME_EDGES = [1, 10000, 25000, 50000, 75000, 100000, 150000];
const EDUCATION = [
  'No schooling completed',
  'Nursery school to grade 8',
  'Grade 9 to 12, no diploma',
  'High school diploma or GED',
  'Some college, no degree',
  "Associate's degree",
  "Bachelor's degree",
  'Graduate or professional degree',
];

/** Which band an ordinal value falls in, given ascending lower edges of bands 1…. */
const band = (x: number, edges: readonly number[]) => {
  let i = 0;
  while (i < edges.length && x >= (edges[i] as number)) i++;
  return i;
};

/** Category of an education code (SCHL), grouped as in ACS table S1501. */
function educationBand(schl: number): number {
  return schl <= 1 ? 0 : schl <= 11 ? 1 : schl <= 15 ? 2 : schl <= 17 ? 3 : schl <= 19 ? 4 : schl === 20 ? 5 : schl === 21 ? 6 : 7;
}

/** The categories of each marginal; text attributes use their dictionary labels from the model. */
export function marginalCategories(model: CensusModelData): Record<MarginalKey, readonly string[]> {
  const L = model.labels;
  const labels = (name: string) =>
    Object.keys(L[name] ?? {})
      .map(Number)
      .sort((a, b) => a - b)
      .map((c) => L[name]![c]!);
  return {
    age: AGE_BANDS,
    sex: labels('SEX'),
    race: labels('RAC1P'),
    education: [NOT_APPLICABLE, ...EDUCATION],
    income: [NOT_APPLICABLE, ...INCOME_BANDS],
    'employment status': [NOT_APPLICABLE, ...labels('ESR')],
    'marital status': labels('MAR'),
    citizenship: labels('CIT'),
    disability: labels('DIS'),
    'veteran status': [NOT_APPLICABLE, ...labels('MIL')],
  };
}

/**
 * The chart category of a persona's value (a dictionary label, a number for age and income, or
 * null). Education labels are grouped by their SCHL code through `schlOf` (label → code).
 */
export function marginalCategory(key: MarginalKey, value: AttributeValue, schlOf?: (label: string) => number | undefined): string {
  if (value === null) return NOT_APPLICABLE;
  if (key === 'age') return AGE_BANDS[band(Number(value), AGE_EDGES)] as string;
  if (key === 'income') return INCOME_BANDS[band(Number(value), INCOME_EDGES)] as string;
  if (key === 'education') {
    const code = typeof value === 'number' ? value : schlOf?.(value);
    return code === undefined ? String(value) : (EDUCATION[educationBand(code)] as string);
  }
  return String(value);
}

/** Category of a drawn person for one marginal (uses codes, so no label lookup). */
function personCategory(key: MarginalKey, p: CensusPerson, cats: readonly string[]): number {
  const c = p.codes;
  if (key === 'education') return c.SCHL === null || c.SCHL === undefined ? 0 : 1 + educationBand(c.SCHL);
  if (key === 'income') return c.PINCP === null || c.PINCP === undefined ? 0 : 1 + band(c.PINCP, INCOME_EDGES);
  if (key === 'age') return band(c.AGEP as number, AGE_EDGES);
  const v = p.attributes[key];
  const i = cats.indexOf(v === null ? NOT_APPLICABLE : String(v));
  return i;
}

/** Monte Carlo marginals per single year of age: `draws` persons of the model, fixed seed. */
export function computeMarginals(model: CensusModelData, sampler: ModelCensusSampler, draws: number): StoredMarginals {
  const cats = marginalCategories(model);
  const counts = Object.fromEntries(
    MARGINAL_KEYS.map((k) => [k, Array.from({ length: 100 }, () => new Float64Array(cats[k].length))]),
  ) as Record<MarginalKey, Float64Array[]>;
  const rng = new Rng('census-marginals');
  for (let i = 0; i < draws; i++) {
    const p = sampler.sample(rng);
    const a = p.codes.AGEP as number;
    for (const k of MARGINAL_KEYS) {
      const j = personCategory(k, p, cats[k]);
      if (j >= 0) counts[k][a]![j]! += 1;
    }
  }
  const byKey: Record<string, { categories: readonly string[]; byAge: number[][] }> = {};
  for (const k of MARGINAL_KEYS) {
    byKey[k] = {
      categories: cats[k],
      byAge: counts[k].map((row) => {
        const t = row.reduce((s, x) => s + x, 0);
        return Array.from(row, (x) => (t > 0 ? Math.round((x / t) * 1e5) / 1e5 : 0));
      }),
    };
  }
  return { draws, byKey };
}

/** One attribute's model figures: categories and shares (summing to 1). */
export interface MarginalFigure {
  readonly key: MarginalKey;
  readonly categories: readonly string[];
  readonly shares: readonly number[];
}

/**
 * The model's marginals for the population aged [minAge, maxAge]: the stored per-age shares
 * weighted by the model's own age distribution. Age bands outside the range get 0.
 */
export function censusMarginals(
  model: CensusModelData,
  ageWeights: ArrayLike<number>,
  options: { minAge?: number; maxAge?: number } = {},
): MarginalFigure[] {
  const min = options.minAge ?? 0,
    max = options.maxAge ?? 99;
  return MARGINAL_KEYS.map((key) => {
    const m = model.marginals.byKey[key];
    const cats = m?.categories ?? [];
    const shares = new Array<number>(cats.length).fill(0);
    let total = 0;
    for (let a = min; a <= max && m; a++) {
      const w = ageWeights[a] ?? 0;
      if (!w) continue;
      total += w;
      m.byAge[a]?.forEach((s, j) => (shares[j] = shares[j]! + s * w));
    }
    return { key, categories: cats, shares: shares.map((s) => (total > 0 ? s / total : 0)) };
  });
}
