/**
 * The procedural-fill figures against their sources: the born-in-state shares against the stored
 * copy of ACS 2017 B06001, the cohabiting-couple probabilities against their derivation from the
 * ACS 2024 PUMS household counts (when ../shared/data is present), and the sampler against both.
 */
import { existsSync, readdirSync } from 'node:fs';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/random';
import { createCensusSampler, loadDefaultCensusModel } from '../../../../src/core/census/index';
import { BORN_IN_STATE_BY_AGE, COHABITING } from '../../../../src/core/census/data/fill-tables';

/**
 * ACS 2017 1-year, table B06001 "Place of birth by age in the United States", United States
 * (census.gov API export, stored copy: github.com/gabrieljohndusing/NCNW-Project-Datasets,
 * data-sets/census/us/acs-acs1/data/2017/acs-acs1-2017-GROUP_B06001_DATA.csv). Age groups: under 5,
 * 5-17, 18-24, 25-34, 35-44, 45-54, 55-59, 60-61, 62-64, 65-74, 75+.
 */
const B06001_2017 = {
  total: [19795159, 53853524, 30820412, 44965735, 41117905, 42330955, 21765184, 8533950, 11720642, 29731876, 21083836],
  bornInState: [17523857, 42810005, 20208567, 24802216, 19850275, 20004575, 10699693, 4234156, 5742643, 13968807, 9834810],
  bornInOtherState: [1774522, 8042636, 7084944, 11800140, 11134632, 12951412, 7194529, 2872252, 4099403, 11328777, 8063739],
  /** B06001_013E and B06001_025E, the two totals. */
  bornInStateTotal: 189679604,
  bornInOtherStateTotal: 86346986,
};
/** The fill's age bands as ranges of B06001 age groups: 0-17, 18-34, 35-64, 65+. */
const BANDS = [
  [0, 2],
  [2, 4],
  [4, 9],
  [9, 11],
] as const;
const sum = (xs: readonly number[], a = 0, b = xs.length) => xs.slice(a, b).reduce((s, x) => s + x, 0);

describe('procedural-fill figures', () => {
  it('born-in-state shares are those of ACS 2017 B06001 among people born in the 50 states and DC', () => {
    expect(sum(B06001_2017.total)).toBe(325719178); // B06001_001E
    expect(sum(B06001_2017.bornInState)).toBe(B06001_2017.bornInStateTotal);
    expect(sum(B06001_2017.bornInOtherState)).toBe(B06001_2017.bornInOtherStateTotal);
    BANDS.forEach(([a, b], i) => {
      const inState = sum(B06001_2017.bornInState, a, b);
      const share = inState / (inState + sum(B06001_2017.bornInOtherState, a, b));
      expect(Math.abs((BORN_IN_STATE_BY_AGE[i] as number) - share), `band ${i}`).toBeLessThan(0.005);
    });
  });

  it('the sampler places the US-born in their state of residence at those rates', async () => {
    const model = await loadDefaultCensusModel();
    const sampler = createCensusSampler(model);
    const rng = new Rng('fills');
    const n = [0, 0, 0, 0],
      k = [0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) {
      const c = sampler.sample(rng).codes;
      if (c.CIT !== 1) continue;
      const age = c.AGEP as number;
      const band = age < 18 ? 0 : age < 35 ? 1 : age < 65 ? 2 : 3;
      n[band]!++;
      if (c.POBP === c.ST) k[band]!++;
    }
    BANDS.forEach((_, i) => {
      const p = BORN_IN_STATE_BY_AGE[i] as number;
      expect(Math.abs(k[i]! / n[i]! - p), `band ${i}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n[i]!) + 1e-9);
    });
    // Overall: B06001 2017 gives 68.7% of the US-born; the 2024 population is older, so a little less.
    const overall = sum(k) / sum(n);
    expect(overall).toBeGreaterThan(0.66);
    expect(overall).toBeLessThan(0.7);
  });

  const DIR = '../shared/data/census/pums-2024-1yr';
  it.skipIf(!existsSync(DIR))(
    `cohabiting-couple probabilities follow from the PUMS household counts (reads ${DIR})`,
    async () => {
      // Weighted households by HHT, whether anyone under 18 other than the householder is present,
      // and (other family households) whether anyone unrelated to the householder is present (NP > NPF).
      const hh = { married: 0, famKids: 0, famNoKids: 0, famNoKidsUnrelated: 0, famKidsUnrelated: 0, nonfamShared: 0 };
      for (const f of readdirSync(DIR).filter((x) => x.startsWith('h_'))) {
        const st = f.slice(2, 4);
        const pf = readdirSync(DIR).find((x) => x.startsWith(`p_${st}`)) as string;
        const persons = await parquetReadObjects({
          file: await asyncBufferFromFile(`${DIR}/${pf}`),
          compressors,
          columns: ['SERIALNO', 'SPORDER', 'AGEP'],
        });
        const kids = new Set<unknown>();
        for (const p of persons) if (Number(p.SPORDER) > 1 && Number(p.AGEP) < 18) kids.add(p.SERIALNO);
        const houses = await parquetReadObjects({
          file: await asyncBufferFromFile(`${DIR}/${f}`),
          compressors,
          columns: ['SERIALNO', 'WGTP', 'HHT', 'NP', 'NPF'],
        });
        for (const h of houses) {
          if (h.HHT == null) continue;
          const w = Number(h.WGTP),
            t = Number(h.HHT),
            k = kids.has(h.SERIALNO),
            unrelated = Number(h.NP) > Number(h.NPF ?? 0);
          if (t === 1) hh.married += w;
          else if (t === 2 || t === 3) {
            if (k) ((hh.famKids += w), unrelated && (hh.famKidsUnrelated += w));
            else ((hh.famNoKids += w), unrelated && (hh.famNoKidsUnrelated += w));
          } else if (t === 5 || t === 7) hh.nonfamShared += w;
        }
      }
      // Published shares (docs/census-fills.md): cohabiting couples are 12.2% of coupled households
      // (ACS 2017-2021: 11.6% opposite-sex + 0.6% same-sex); 34% of opposite-sex and 10% of same-sex
      // cohabiting households have children (ACS 2023).
      const cohabiting = (hh.married * 0.122) / 0.878;
      const withChildren = cohabiting * ((11.6 * 0.34 + 0.6 * 0.1) / 12.2);
      expect(Math.abs(COHABITING.familyWithChildren - withChildren / hh.famKids)).toBeLessThan(0.01);
      expect(COHABITING.familyWithChildren).toBeLessThan(hh.famKidsUnrelated / hh.famKids);
      expect(COHABITING.familyNoChildren).toBeLessThan(hh.famNoKidsUnrelated / hh.famNoKids);
      const nonfamily = cohabiting - withChildren - COHABITING.familyNoChildren * hh.famNoKids;
      expect(Math.abs(COHABITING.nonfamilyShared - nonfamily / hh.nonfamShared)).toBeLessThan(0.01);
    },
    120_000,
  );
});
