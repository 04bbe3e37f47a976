/**
 * One entry point over every statistic, as the CLI `agreement` command and the compute worker use
 * it: a rating matrix and a metric in, the report of the CLI contract out.
 */
import { bootstrap, type BootstrapResult, type Resamplable } from './bootstrap';
import { cohenFromTable, contingencyTable } from './cohen';
import { countTable, toPatterns, withMultiplicities, type CountTable } from './count-table';
import { krippendorffAlpha } from './krippendorff';
import { multiRater, multiRaterValue, type MultiRaterCoefficient } from './multi-rater';
import { raterColumn, type RatingMatrix } from './ratings';
import { scottFromTable } from './scott';
import type { AgreementResult, Interval, MeasurementLevel, WeightScheme } from './types';
import { weightMatrix } from './weights';

/** The metrics of `agreement --metric`. */
export const METRICS = ['cohen', 'fleiss', 'krippendorff', 'scott', 'gwet', 'percent'] as const;

/** One of the metrics. */
export type Metric = (typeof METRICS)[number];

/** Metrics defined for exactly two raters. */
export const TWO_RATER_METRICS: ReadonlySet<Metric> = new Set<Metric>(['cohen', 'scott']);

/** What to compute. */
export interface AgreementRequest {
  /** The statistic. */
  readonly metric: Metric;
  /** Agreement weights over the category order (not for krippendorff); default "none". */
  readonly weights?: WeightScheme;
  /** Level of measurement (krippendorff only); default "nominal". */
  readonly level?: MeasurementLevel;
  /** Numeric category values, needed by interval and ratio alpha; null when a label is not a number. */
  readonly values?: Float64Array | null;
  /** Bootstrap over items instead of the analytic interval. */
  readonly bootstrap?: { readonly resamples: number; readonly seed: string | number };
}

/** The CLI contract's report, in camelCase. */
export interface AgreementReport {
  /** The metric asked for. */
  readonly metric: Metric;
  /** The statistic; null when undefined for these data. */
  readonly value: number | null;
  /** Items that entered the statistic. */
  readonly nItems: number;
  /** Rater columns. */
  readonly nRaters: number;
  /** Items that did not enter (cohen/scott: a missing rating; krippendorff: fewer than 2 ratings; others: no rating). */
  readonly nDropped: number;
  /** Observed agreement (D_o for krippendorff); null when not computable. */
  readonly observed: number | null;
  /** Chance agreement (D_e for krippendorff); null when not applicable (percent) or not computable. */
  readonly expected: number | null;
  /** Analytic SE, or the bootstrap SD when a bootstrap was asked for; null when neither exists. */
  readonly se: number | null;
  /** Analytic 95% interval, or the bootstrap percentile interval; null when neither exists. */
  readonly ci95: Interval | null;
  /** The bootstrap summary when one was run. */
  readonly bootstrap?: BootstrapResult;
}

/** A request that does not fit the data (wrong number of raters, a weight on alpha, …). */
export class AgreementInputError extends Error {
  override readonly name = 'AgreementInputError';
}

/** Checks a request against a matrix; throws AgreementInputError naming the problem. */
function validateRequest(m: RatingMatrix, req: AgreementRequest): void {
  if (TWO_RATER_METRICS.has(req.metric) && m.nRaters !== 2) {
    throw new AgreementInputError(
      `${req.metric} takes exactly two rater columns, the ratings have ${m.nRaters}${req.metric === 'scott' ? ' (fleiss generalises it to any number)' : ''}`,
    );
  }
  if (m.nRaters < 2) throw new AgreementInputError(`agreement needs at least two rater columns, the ratings have ${m.nRaters}`);
  if (req.metric === 'krippendorff' && req.weights && req.weights !== 'none') {
    throw new AgreementInputError('--weights does not apply to krippendorff; choose a --level instead');
  }
  if (req.metric !== 'krippendorff' && req.level && req.level !== 'nominal') {
    throw new AgreementInputError(`--level applies to krippendorff only, not to ${req.metric}`);
  }
  if (req.metric === 'krippendorff' && (req.level === 'interval' || req.level === 'ratio') && !req.values) {
    throw new AgreementInputError(`${req.level} alpha needs every category to be a number`);
  }
  if (req.metric === 'krippendorff' && req.level === 'ratio' && req.values?.some((v) => v < 0)) {
    throw new AgreementInputError('ratio alpha needs non-negative category values');
  }
}

/** Items of a count table with at least `min` ratings, as a table of their own. */
function keepRows(t: CountTable, min: number): { table: CountTable; dropped: number } {
  const keep: number[] = [];
  for (let i = 0; i < t.rows; i++) if (t.perRow[i]! >= min) keep.push(i);
  const q = t.q;
  const counts = new Int32Array(keep.length * q);
  const perRow = new Int32Array(keep.length);
  keep.forEach((row, j) => {
    counts.set(t.counts.subarray(row * q, (row + 1) * q), j * q);
    perRow[j] = t.perRow[row]!;
  });
  return { table: { q, rows: keep.length, counts, perRow, mult: null }, dropped: t.rows - keep.length };
}

/**
 * The statistic, its items, and how to resample it: the resamplable's statistic of the full sample's pattern counts
 * (each item drawn once) is the point estimate.
 */
export function analyseAgreement(
  m: RatingMatrix,
  req: AgreementRequest,
): { result: AgreementResult; dropped: number; resamplable: Resamplable } {
  const q = m.nCategories;
  if (req.metric === 'cohen' || req.metric === 'scott') {
    const w = weightMatrix(req.weights ?? 'none', q);
    const a = raterColumn(m, 0),
      b = raterColumn(m, 1);
    const { table, dropped } = contingencyTable(a, b, q);
    const cells: number[] = [];
    for (let i = 0; i < m.nItems; i++) if (a[i]! >= 0 && b[i]! >= 0) cells.push(a[i]! * q + b[i]!);
    const of = req.metric === 'cohen' ? cohenFromTable : scottFromTable;
    return {
      result: of(table, q, w),
      dropped,
      resamplable: { patternOfItem: Int32Array.from(cells), nPatterns: q * q, statistic: (c) => of(c, q, w).value },
    };
  }
  const all = countTable(m);
  if (req.metric === 'krippendorff') {
    const { table, dropped } = keepRows(all, 2);
    const level = req.level ?? 'nominal';
    const values = req.values ?? null;
    const k = krippendorffAlpha(table, level, values);
    const p = toPatterns(table);
    return {
      result: { value: k.value, observed: k.observed, expected: k.expected, se: null, ci95: null, nItems: k.nItems },
      dropped,
      resamplable: {
        patternOfItem: p.patternOfRow,
        nPatterns: p.table.rows,
        statistic: (c) => krippendorffAlpha(withMultiplicities(p.table, c), level, values).value,
      },
    };
  }
  const coefficient: MultiRaterCoefficient = req.metric;
  const w = weightMatrix(req.weights ?? 'none', q);
  const { table, dropped } = keepRows(all, 1);
  const p = toPatterns(table);
  return {
    result: multiRater(coefficient, table, w),
    dropped,
    resamplable: {
      patternOfItem: p.patternOfRow,
      nPatterns: p.table.rows,
      statistic: (c) => multiRaterValue(coefficient, withMultiplicities(p.table, c), w),
    },
  };
}

/**
 * Computes the report. Throws AgreementInputError when the request does not fit the matrix.
 * With `bootstrap`, se and ci95 come from the bootstrap over the items that entered the statistic
 * (the SD and percentile interval of the defined resamples); otherwise they are analytic where an
 * analytic form exists (cohen: SAS/statsmodels ASE and normal interval; scott, fleiss, gwet,
 * percent: Gwet's linearised SE and t interval) and null for krippendorff.
 */
export function computeAgreement(m: RatingMatrix, req: AgreementRequest, onProgress?: (done: number) => void): AgreementReport {
  validateRequest(m, req);
  const { result, dropped, resamplable } = analyseAgreement(m, req);
  const base = {
    metric: req.metric,
    value: result.value,
    nItems: result.nItems,
    nRaters: m.nRaters,
    nDropped: dropped,
    observed: result.observed,
    expected: result.expected,
  };
  if (!req.bootstrap) return { ...base, se: result.value === null ? null : result.se, ci95: result.value === null ? null : result.ci95 };
  const b = bootstrap(resamplable, { ...req.bootstrap, ...(onProgress ? { onProgress } : {}) });
  return { ...base, se: result.value === null ? null : b.se, ci95: result.value === null ? null : b.ci, bootstrap: b };
}
