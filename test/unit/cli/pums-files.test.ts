/** The Node PUMS build from the shared Parquet extracts, and its weighted totals. */
import { existsSync } from 'node:fs';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { buildCensusModelFromFiles } from '../../../src/cli/census/pums-files';
import { PumsFormatError } from '../../../src/core/census/pums-format';

const DIR = '../shared/data/census/pums-2024-1yr';
const has = existsSync(`${DIR}/p_50.parquet`) && existsSync(`${DIR}/p_06_narrow_cols.parquet`);

/** Weighted count per AGEP, SEX and total, summed straight from the files. */
async function totals(paths: string[]) {
  const byAge = new Array<number>(100).fill(0);
  let male = 0,
    total = 0;
  for (const p of paths) {
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(p), compressors, columns: ['PWGTP', 'AGEP', 'SEX'] });
    for (const r of rows) {
      const w = Number(r.PWGTP);
      total += w;
      byAge[Math.min(99, Number(r.AGEP))]! += w;
      if (Number(r.SEX) === 1) male += w;
    }
  }
  return { byAge, male, total };
}

describe('Node PUMS build', () => {
  it.skipIf(!has)(
    `reproduces weighted totals of Vermont and California, California's narrow columns learned from Vermont (reads ${DIR})`,
    async () => {
      const person = [`${DIR}/p_50.parquet`, `${DIR}/p_06_narrow_cols.parquet`];
      const model = await buildCensusModelFromFiles(
        { person, housing: [`${DIR}/h_50.parquet`, `${DIR}/h_06.parquet`] },
        { base: null, marginalDraws: 20_000 },
      );
      const t = await totals(person);
      const dropped = Object.values(model.meta.dropped).reduce((a, b) => a + b, 0);
      expect(dropped).toBeLessThan(model.meta.records * 0.001);
      expect(Math.abs(model.meta.weightedTotal - t.total) / t.total).toBeLessThan(0.001);
      expect(model.meta.narrowStates).toEqual([6]);
      // The AGEP root table is the weighted age distribution itself.
      const age = model.nodes.AGEP!;
      const flat = age.levels[0]!;
      const k = flat[2]!;
      const byAge = new Array<number>(100).fill(0);
      for (let j = 0; j < k; j++) byAge[age.values[flat[3 + 2 * j]!]!] = flat[4 + 2 * j]!;
      for (let a = 0; a < 90; a += 7) expect(Math.abs(byAge[a]! - t.byAge[a]!) / t.byAge[a]!).toBeLessThan(0.01);
      // California enters ESR's tables only through Vermont's records: its floor has Vermont's record count.
      const esrRecords = (() => {
        const f = model.nodes.ESR!.levels[2]!;
        let n = 0;
        for (let i = 0; i < f.length; i += 3 + 2 * f[i + 2]!) n += f[i + 1]!;
        return n;
      })();
      expect(esrRecords).toBeLessThan(8000);
    },
    120_000,
  );

  it('refuses housing files without person files', async () => {
    await expect(buildCensusModelFromFiles({ person: [], housing: ['h.csv'] }, { base: null })).rejects.toBeInstanceOf(PumsFormatError);
  });
});
