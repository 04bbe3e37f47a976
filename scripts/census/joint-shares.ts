/**
 * Education of credentialed occupations, from the microdata and from the census model: for each
 * occupation of `CREDENTIALED` (OCCP codes), the PWGTP-weighted share of workers aged 25+ with a
 * professional degree or doctorate (SCHL 23-24), a master's or more (22+), a bachelor's or more (21+)
 * and less than an associate degree (SCHL < 20), computed from the ACS 2024 1-year PUMS person
 * files (49 states + DC: California and Texas have no OCCP in the shared extract), and the same
 * shares among 1,000,000 people aged 25+ drawn from the embedded census model.
 *
 * Writes the PUMS figures to scripts/census/credential-shares.json (statistics only; the unit test
 * test/unit/core/census/joint.test.ts compares the model with them) and prints a Markdown table for
 * docs/census-model.md. Run: npx tsx scripts/census/joint-shares.ts [dataDir] [--model-only]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { createCensusSampler, loadDefaultCensusModel } from '../../src/core/census/index';
import { Rng } from '../../src/core/random';
import { CREDENTIALED, educationShares, type EducationShares } from '../../src/core/census/credentials';

const OUT = 'scripts/census/credential-shares.json';
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/data/census/pums-2024-1yr';
const modelOnly = args.includes('--model-only');

/** PWGTP-weighted education shares by occupation group, workers 25+. */
async function fromPums(): Promise<Record<string, EducationShares>> {
  const files = readdirSync(dir)
    .filter((f) => /^p_\d\d\.parquet$/.test(f))
    .sort();
  const rows: { occp: number; schl: number; w: number }[] = [];
  for (const f of files) {
    const file = await asyncBufferFromFile(join(dir, f));
    const data = (await parquetReadObjects({ file, compressors, columns: ['PWGTP', 'AGEP', 'SCHL', 'OCCP'] })) as Record<string, unknown>[];
    for (const r of data) {
      if (Number(r.AGEP) < 25 || r.OCCP === null || r.OCCP === undefined || r.OCCP === '') continue;
      rows.push({ occp: Number(r.OCCP), schl: Number(r.SCHL), w: Number(r.PWGTP) });
    }
    process.stderr.write(`${f}\n`);
  }
  return educationShares(rows);
}

/** The same shares among 1,000,000 people aged 25+ drawn from the embedded model. */
async function fromModel(): Promise<Record<string, EducationShares>> {
  const sampler = createCensusSampler(await loadDefaultCensusModel(), { minAge: 25 });
  const rng = new Rng('joint-shares');
  const rows: { occp: number; schl: number; w: number }[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const c = sampler.sample(rng).codes;
    if (c.OCCP !== null && c.OCCP !== undefined) rows.push({ occp: c.OCCP, schl: c.SCHL ?? 0, w: 1 });
  }
  return educationShares(rows);
}

const pums: Record<string, EducationShares> = modelOnly
  ? (JSON.parse(readFileSync(OUT, 'utf8')) as { shares: Record<string, EducationShares> }).shares
  : existsSync(dir)
    ? await fromPums()
    : (process.stderr.write(`${dir} is absent: give the PUMS directory, or --model-only\n`), process.exit(2));
if (!modelOnly) {
  const source = 'ACS 2024 1-year PUMS, persons aged 25+ with an occupation, 49 states + DC (CA and TX lack OCCP), PWGTP-weighted';
  writeFileSync(OUT, JSON.stringify({ source, shares: pums }, null, 2) + '\n');
}
const model = await fromModel();
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  '| occupation (OCCP) | professional or doctorate, PUMS / model | master’s or more | bachelor’s or more | below associate | model draws |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const c of CREDENTIALED) {
  const p = pums[c.name]!,
    m = model[c.name]!;
  console.log(
    `| ${c.name} (${c.codes.join(', ')}) | ${pct(p.professional)} / ${pct(m.professional)} | ${pct(p.master)} / ${pct(m.master)} | ` +
      `${pct(p.bachelor)} / ${pct(m.bachelor)} | ${pct(p.belowAssociate)} / ${pct(m.belowAssociate)} | ${m.n.toLocaleString('en-US')} |`,
  );
}
