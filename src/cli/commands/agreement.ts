/**
 * `npm run cli -- agreement`: one agreement statistic over a ratings CSV, printed as one JSON object
 * (the contract of issue #5). Bad input exits 2 with a message on stderr.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { problemLines } from '../../core/records/problems';
import { readRecords } from '../../core/records/read';
import { AgreementInputError, computeAgreement, METRICS, type AgreementReport, type Metric } from '../../core/stats/agreement';
import { numericValues } from '../../core/stats/categories';
import { ratingsFromRecords } from '../../core/stats/ratings-table';
import type { MeasurementLevel, WeightScheme } from '../../core/stats/types';
import { UsageError, type Command } from '../command';

const WEIGHTS: readonly WeightScheme[] = ['none', 'linear', 'quadratic'];
const LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

const usage = `Usage: npm run cli -- agreement --input <ratings.csv> --metric <${METRICS.join('|')}>
         [--weights none|linear|quadratic] [--level nominal|ordinal|interval|ratio]
         [--categories <c1,c2,…>] [--id-column <name>|none] [--bootstrap <B> --seed <S>]

ratings.csv: a header row naming the raters, then one row per item; each cell is a category label
and an empty cell is a missing rating. Columns named like ids (pair_id, item, id, persona_id, …)
name the items and are never counted as raters.

  --metric      cohen and scott take exactly two rater columns and drop items with a missing rating;
                fleiss, gwet (AC1) and percent take any number of raters per item; krippendorff
                takes any number and missing ratings.
  --weights     agreement weights over the category order (cohen, scott, fleiss, gwet, percent);
                default none. Distances are between category positions.
  --level       krippendorff's level of measurement; default nominal. interval and ratio need
                numeric categories.
  --categories  the category set, in order (comma-separated); default: the distinct labels, in
                numeric order when all are numbers, else lexicographic. Unused categories count
                for weights and AC1.
  --id-column   the column naming the items, when its name does not say so; "none" counts every
                column not named like an id as a rater. Needed when a column looks like item ids
                (a different value on every row); the command stops and asks otherwise.
  --bootstrap   B seeded resamples of the items; se and ci95 then come from the bootstrap
                (standard deviation and 2.5/97.5 percentiles). Needs --seed.

Prints {"metric","value","n_items","n_raters","n_dropped","observed","expected","se","ci95"}.
value is null when the statistic is undefined (e.g. both raters always choose one category);
a field that does not apply is null. For krippendorff, observed and expected are the disagreements
D_o and D_e. Without --bootstrap, ci95 is analytic: cohen as SAS PROC FREQ and statsmodels (normal,
ASE under the alternative); scott, fleiss, gwet, percent as Gwet (2014)/irrCAC (t interval, upper
limit capped at 1); krippendorff has none (null; use --bootstrap).
Exit codes: 0 ok, 2 bad input or usage.`;

/** Parsed options. */
interface Options {
  input: string;
  metric: Metric;
  weights?: WeightScheme;
  level?: MeasurementLevel;
  categories?: string[];
  /** The item id column; null: none besides columns named like ids. */
  idColumn?: string | null;
  bootstrap?: { resamples: number; seed: string };
}

/** Parses the arguments; throws UsageError on anything unknown or malformed. */
function parseAgreementArgs(args: readonly string[]): Options {
  const values = new Map<string, string>();
  const known = new Set(['--input', '--metric', '--weights', '--level', '--categories', '--id-column', '--bootstrap', '--seed']);
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    if (!known.has(name)) throw new UsageError(`unknown option "${flag}"`);
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
    if (values.has(name)) throw new UsageError(`${name} is given twice`);
    values.set(name, value);
  }
  const input = values.get('--input');
  if (!input) throw new UsageError('--input <ratings.csv> is required');
  const metric = values.get('--metric');
  if (!metric) throw new UsageError(`--metric is required (${METRICS.join(', ')})`);
  if (!(METRICS as readonly string[]).includes(metric))
    throw new UsageError(`unknown metric "${metric}"; choose one of ${METRICS.join(', ')}`);
  const opts: Options = { input, metric: metric as Metric };
  const weights = values.get('--weights');
  if (weights !== undefined) {
    if (!(WEIGHTS as readonly string[]).includes(weights))
      throw new UsageError(`unknown weights "${weights}"; choose none, linear or quadratic`);
    opts.weights = weights as WeightScheme;
  }
  const level = values.get('--level');
  if (level !== undefined) {
    if (!(LEVELS as readonly string[]).includes(level))
      throw new UsageError(`unknown level "${level}"; choose nominal, ordinal, interval or ratio`);
    opts.level = level as MeasurementLevel;
  }
  const categories = values.get('--categories');
  if (categories !== undefined) {
    const list = categories.split(',').map((c) => c.trim());
    if (list.some((c) => c === '')) throw new UsageError('--categories has an empty category');
    if (new Set(list).size !== list.length) throw new UsageError('--categories lists a category twice');
    opts.categories = list;
  }
  const idColumn = values.get('--id-column');
  if (idColumn !== undefined) opts.idColumn = idColumn === 'none' ? null : idColumn;
  const b = values.get('--bootstrap');
  const seed = values.get('--seed');
  if (b !== undefined) {
    if (!/^\d+$/.test(b) || Number(b) < 1) throw new UsageError(`--bootstrap needs a positive whole number of resamples, got "${b}"`);
    if (seed === undefined) throw new UsageError('--bootstrap needs --seed <S> so the interval can be reproduced');
    opts.bootstrap = { resamples: Number(b), seed };
  } else if (seed !== undefined) {
    throw new UsageError('--seed only applies with --bootstrap');
  }
  return opts;
}

/** The report as the contract's JSON record (snake_case keys, in order). */
function toContractJson(r: AgreementReport): Record<string, unknown> {
  return {
    metric: r.metric,
    value: r.value,
    n_items: r.nItems,
    n_raters: r.nRaters,
    n_dropped: r.nDropped,
    observed: r.observed,
    expected: r.expected,
    se: r.se,
    ci95: r.ci95 ? [r.ci95[0], r.ci95[1]] : null,
  };
}

export const agreementCommand: Command = {
  name: 'agreement',
  summary: "agreement statistics (Cohen's kappa, Fleiss, Krippendorff, Scott, Gwet's AC1, percent) over a ratings CSV",
  usage,
  async run(args) {
    const opts = parseAgreementArgs(args);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(opts.input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`agreement: cannot read ${opts.input}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}\n`);
      return 2;
    }
    const file = await readRecords(basename(opts.input), bytes, { format: 'csv' });
    const read = ratingsFromRecords(file, {
      ...(opts.categories ? { categories: opts.categories } : {}),
      ...(opts.idColumn !== undefined ? { idColumn: opts.idColumn } : {}),
    });
    if (read.kind === 'choose-id') {
      const c = read.candidates.map((x) => `"${x}"`).join(', ');
      process.stderr.write(
        `agreement: ${opts.input}: ${c} ${read.candidates.length === 1 ? 'looks' : 'look'} like item ids (a different value on every row), not a rater; ` +
          `say --id-column ${read.candidates[0]} to read it as the items, or --id-column none to count it as a rater\n`,
      );
      return 2;
    }
    if (read.kind === 'problems') {
      for (const line of problemLines(file.log.list())) process.stderr.write(`agreement: ${line}\n`);
      return 2;
    }
    const table = read.table;
    if (table.idColumns.length)
      process.stderr.write(`agreement: ${opts.input}: ${table.idColumns.map((c) => `"${c}"`).join(', ')} read as ids, not raters\n`);
    try {
      const report = computeAgreement(table.matrix, {
        metric: opts.metric,
        ...(opts.weights ? { weights: opts.weights } : {}),
        ...(opts.level ? { level: opts.level } : {}),
        values: numericValues(table.categories),
        ...(opts.bootstrap ? { bootstrap: opts.bootstrap } : {}),
      });
      process.stdout.write(JSON.stringify(toContractJson(report)) + '\n');
      return 0;
    } catch (e) {
      if (e instanceof AgreementInputError) {
        process.stderr.write(`agreement: ${opts.input}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};
