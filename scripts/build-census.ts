/**
 * `npm run build:census -- [files…] [--out <file>]`: builds the census model from PUMS files
 * (census.gov CSV psam_p*.csv / psam_h*.csv, or the shared Parquet extracts p_*.parquet /
 * h_*.parquet; the kind is read from each file's header). Without files it builds the embedded
 * default from ../shared/data/census/pums-2024-1yr into src/core/census/data/default-model.json.
 */
import { readdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildCensusModelFromFiles } from '../src/cli/census/pums-files';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1]! : 'src/core/census/data/default-model.json';
let files = args.filter((a, i) => !a.startsWith('--') && i !== outAt + 1);
const DEFAULT_DIR = '../shared/data/census/pums-2024-1yr';
let source: string | undefined;
if (files.length === 0) {
  if (!existsSync(DEFAULT_DIR)) {
    process.stderr.write(`build:census: no files given and ${DEFAULT_DIR} is absent.\n`);
    process.exit(2);
  }
  files = readdirSync(DEFAULT_DIR)
    .filter((f) => f.endsWith('.parquet'))
    .sort()
    .map((f) => join(DEFAULT_DIR, f));
  source = 'ACS 2024 1-year PUMS (U.S. Census Bureau), 50 states and DC; California and Texas person records with 12 columns';
}
const isHousing = (f: string) => /(^|\/)(psam_h|h_)[^/]*$/.test(f);
const t0 = performance.now();
const model = await buildCensusModelFromFiles(
  { person: files.filter((f) => !isHousing(f)), housing: files.filter(isHousing) },
  {
    ...(source ? { source } : {}),
    base: source || !existsSync('src/core/census/data/default-model.json') ? null : undefined,
    log: (m) => process.stderr.write(`  ${m}\n`),
  },
);
const json = JSON.stringify(model);
writeFileSync(out, json + '\n');
const s = (performance.now() - t0) / 1000;
process.stderr.write(
  `build:census: ${model.meta.records.toLocaleString('en-US')} persons, weight ${model.meta.weightedTotal.toLocaleString('en-US')}, ` +
    `${(statSync(out).size / 1e6).toFixed(2)} MB (${(gzipSync(json).length / 1e6).toFixed(2)} MB gzipped) → ${out} in ${s.toFixed(1)} s\n` +
    `  dropped by rule: ${JSON.stringify(model.meta.dropped)}; borrowed: ${model.meta.borrowed.join(', ') || 'none'}\n`,
);
