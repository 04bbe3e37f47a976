/**
 * The census model against itself, the PUMS records, and published ACS figures.
 * National figures of the ACS 2024 1-year estimates (rounded; the table is named beside each) are
 * checked with a tolerance that covers the PUMS subsample and the model's smoothing. No stored copy
 * of the 2024 tables was found (docs/census-model.md, "Validation"): the figures for Hispanic origin,
 * sex and age are weighting controls, so the published values equal the PUMS-weighted ones (whose
 * total, 340,110,990, matches the published 340,110,988); foreign born and bachelor's degrees are
 * the PUMS-weighted values of all 51 files; veterans, disability, insurance and unemployment are
 * approximate and unverified. The PUMS-weighted figure is the closer check and is computed here
 * when the shared data is present.
 */
import { existsSync, readdirSync } from 'node:fs';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/random';
import {
  createCensusSampler,
  loadDefaultCensusModel,
  MARGINAL_KEYS,
  modelMarginals,
  marginalCategory,
  schlCodeOf,
} from '../../../../src/core/census/index';
import type { CensusPerson } from '../../../../src/core/census/types';

const model = await loadDefaultCensusModel();
const N = 200_000;
const people: CensusPerson[] = [];
beforeAll(() => {
  const s = createCensusSampler(model);
  const rng = new Rng('distribution');
  for (let i = 0; i < N; i++) people.push(s.sample(rng));
});
const share = (pred: (p: CensusPerson) => boolean, among: (p: CensusPerson) => boolean = () => true) => {
  let n = 0,
    k = 0;
  for (const p of people) if (among(p)) (n++, pred(p) && k++);
  return { p: k / n, n };
};
const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

describe('census model distributions', () => {
  it("match the model's own marginal figures within sampling error, attribute by attribute", () => {
    for (const f of modelMarginals(model)) {
      const counts = new Map<string, number>();
      for (const p of people) {
        const c = marginalCategory(f.key, p.attributes[f.key], (l) => schlCodeOf(model, l));
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      f.categories.forEach((c, i) => {
        const expected = f.shares[i]!;
        // The stored figures are themselves a 400,000-draw Monte Carlo: both errors count.
        const tol = 4.5 * (se(expected, N) + se(expected, model.marginals.draws)) + 1e-4;
        expect(Math.abs((counts.get(c) ?? 0) / N - expected), `${f.key}: ${c}`).toBeLessThan(tol);
      });
    }
    expect(MARGINAL_KEYS.length).toBe(10);
  });

  it.each([
    // [what, published share, tolerance, predicate, population]
    ['Hispanic or Latino (DP05)', 0.2, 0.01, (p: CensusPerson) => p.codes.HISP! > 1, () => true],
    ['foreign born (DP02)', 0.148, 0.01, (p: CensusPerson) => p.codes.NATIVITY === 2, () => true],
    ['male (DP05)', 0.495, 0.006, (p: CensusPerson) => p.codes.SEX === 1, () => true],
    ['aged 65 and over (DP05)', 0.18, 0.008, (p: CensusPerson) => p.codes.AGEP! >= 65, () => true],
    [
      "bachelor's degree or higher, 25+ (S1501)",
      0.369,
      0.012,
      (p: CensusPerson) => p.codes.SCHL! >= 21,
      (p: CensusPerson) => p.codes.AGEP! >= 25,
    ],
    ['civilian veterans, 18+ (S2101)', 0.06, 0.006, (p: CensusPerson) => p.codes.MIL === 2, (p: CensusPerson) => p.codes.AGEP! >= 18],
    [
      'with a disability, all persons (PUMS; S1810 counts only the civilian noninstitutionalized: 13.7%)',
      0.141,
      0.01,
      (p: CensusPerson) => p.codes.DIS === 1,
      () => true,
    ],
    ['without health insurance (S2701)', 0.082, 0.008, (p: CensusPerson) => p.codes.HICOV === 2, () => true],
    [
      'unemployment rate, 16+ (S2301)',
      0.047,
      0.008,
      (p: CensusPerson) => p.codes.ESR === 3,
      (p: CensusPerson) => p.codes.ESR !== null && p.codes.ESR !== 6,
    ],
  ])('%s is near the published national figure', (_what, published, tol, pred, among) => {
    expect(Math.abs(share(pred, among).p - published)).toBeLessThan(tol);
  });

  it('keeps the intersections: degrees by age band, income by education, language by nativity', () => {
    const ba = (lo: number, hi: number) =>
      share(
        (p) => p.codes.SCHL! >= 21,
        (p) => p.codes.AGEP! >= lo && p.codes.AGEP! <= hi,
      ).p;
    // S1501 (ACS 2024): about 41% of 25–34 and 32% of 65+ hold a bachelor's degree or higher.
    expect(ba(25, 34)).toBeGreaterThan(0.37);
    expect(ba(65, 99)).toBeLessThan(0.35);
    expect(ba(25, 34) - ba(65, 99)).toBeGreaterThan(0.05);
    const inc = (edu: (s: number) => boolean) =>
      median(people.filter((p) => p.codes.AGEP! >= 25 && edu(p.codes.SCHL!)).map((p) => p.codes.PINCP!));
    const hs = inc((s) => s === 16 || s === 17),
      baPlus = inc((s) => s >= 21);
    // Median income of bachelor's-plus adults is about twice that of high-school graduates (S2001 earnings ratio ≈ 1.8–2.0).
    expect(baPlus / hs).toBeGreaterThan(1.7);
    expect(baPlus / hs).toBeLessThan(2.8);
    // Nobody under 15 has income; children are never married.
    expect(people.every((p) => p.codes.AGEP! < 15 === (p.codes.PINCP === null))).toBe(true);
    // Limited English is concentrated among the foreign born (S1601: ~45% of foreign born vs ~2–3% of natives).
    const lep = (nat: number) =>
      share(
        (p) => p.codes.ENG !== null && p.codes.ENG! >= 2,
        (p) => p.codes.NATIVITY === nat && p.codes.AGEP! >= 5,
      ).p;
    expect(lep(2)).toBeGreaterThan(0.35);
    expect(lep(1)).toBeLessThan(0.05);
  });

  const DIR = '../shared/data/census/pums-2024-1yr';
  it.skipIf(!existsSync(DIR))(
    `reproduces the PUMS-weighted national figures (reads ${DIR})`,
    async () => {
      let total = 0,
        hisp = 0,
        fb = 0,
        age65 = 0,
        ba25 = 0,
        pop25 = 0,
        male = 0,
        dis = 0;
      for (const f of readdirSync(DIR).filter((x) => x.startsWith('p_'))) {
        const file = await asyncBufferFromFile(`${DIR}/${f}`);
        const rows = await parquetReadObjects({ file, compressors, columns: ['PWGTP', 'AGEP', 'HISP', 'CIT', 'SCHL', 'SEX', 'DIS'] });
        for (const r of rows) {
          const w = Number(r.PWGTP),
            a = Number(r.AGEP);
          total += w;
          if (Number(r.HISP) > 1) hisp += w;
          if (Number(r.CIT) >= 4) fb += w;
          if (a >= 65) age65 += w;
          if (Number(r.SEX) === 1) male += w;
          if (Number(r.DIS) === 1) dis += w;
          if (a >= 25) ((pop25 += w), Number(r.SCHL) >= 21 && (ba25 += w));
        }
      }
      // The model keeps all but a few hundred records that break a hard rule.
      expect(Math.abs(model.meta.weightedTotal - total) / total).toBeLessThan(0.0005);
      const check = (model: number, data: number, n: number) => expect(Math.abs(model - data)).toBeLessThan(4.5 * se(data, n) + 0.002);
      check(share((p) => p.codes.HISP! > 1).p, hisp / total, N);
      check(share((p) => p.codes.NATIVITY === 2).p, fb / total, N);
      check(share((p) => p.codes.AGEP! >= 65).p, age65 / total, N);
      check(share((p) => p.codes.SEX === 1).p, male / total, N);
      check(share((p) => p.codes.DIS === 1).p, dis / total, N);
      const b = share(
        (p) => p.codes.SCHL! >= 21,
        (p) => p.codes.AGEP! >= 25,
      );
      check(b.p, ba25 / pop25, b.n);
    },
    120_000,
  );
});
