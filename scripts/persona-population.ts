/**
 * Computes the adult population table the persona draws are raked against
 * (`src/core/personas/figures/population.ts`) from the ACS 2024 1-year PUMS person files in
 * `../shared/data/census/pums-2024-1yr`: PWGTP-weighted adults (AGEP >= 18) by age band x
 * race/Hispanic origin x census region, and adults by state. Statistics only, no records.
 *
 * Run: npx tsx scripts/persona-population.ts [dataDir]
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { AGE_BANDS, RACE_GROUPS, REGIONS, ageBandIndex, raceGroupIndex, regionOfState } from '../src/core/personas/population-cells';

const dir = process.argv[2] ?? '../shared/data/census/pums-2024-1yr';
const files = readdirSync(dir)
  .filter((f) => /^p_\d\d.*\.parquet$/.test(f))
  .sort();
const cells = new Float64Array(AGE_BANDS.length * RACE_GROUPS.length * REGIONS.length);
const states = new Map<number, number>();
let total = 0;
for (const f of files) {
  const file = await asyncBufferFromFile(join(dir, f));
  const rows = (await parquetReadObjects({ file, compressors, columns: ['STATE', 'AGEP', 'RAC1P', 'HISP', 'PWGTP'] })) as Array<
    Record<string, unknown>
  >;
  for (const r of rows) {
    const age = Number(r.AGEP);
    if (age < 18) continue;
    const st = Number(r.STATE);
    const w = Number(r.PWGTP);
    const region = regionOfState(st);
    if (region === undefined) continue;
    const i =
      (ageBandIndex(age) * RACE_GROUPS.length + raceGroupIndex(Number(r.RAC1P), Number(r.HISP))) * REGIONS.length + REGIONS.indexOf(region);
    cells[i] = (cells[i] ?? 0) + w;
    states.set(st, (states.get(st) ?? 0) + w);
    total += w;
  }
  process.stderr.write(`${f}: ${rows.length} rows\n`);
}
const out = `/**
 * US adults (18+) by age band x race/Hispanic origin x census region, and by state: PWGTP-weighted
 * counts from the ACS 2024 1-year PUMS person files (all 50 states and DC; California and Texas from
 * their narrow files, which carry every column used here). Written by scripts/persona-population.ts;
 * do not edit by hand. Index: (ageBand * ${RACE_GROUPS.length} + raceGroup) * ${REGIONS.length} + region, in the
 * orders of AGE_BANDS, RACE_GROUPS and REGIONS in ../population-cells.ts.
 */

/** Weighted adults per cell (${Math.round(total).toLocaleString('en-US')} in all). */
export const ADULT_CELLS: readonly number[] = [${Array.from(cells, (x) => Math.round(x)).join(', ')}];

/** Weighted adults per state, keyed by state FIPS code. */
export const STATE_ADULTS: Readonly<Record<number, number>> = {${[...states.entries()]
  .sort((a, b) => a[0] - b[0])
  .map(([k, v]) => `${k}: ${Math.round(v)}`)
  .join(', ')}};
`;
writeFileSync('src/core/personas/figures/population.ts', out);
process.stderr.write(`wrote ${cells.length} cells, ${states.size} states, ${Math.round(total)} adults\n`);
