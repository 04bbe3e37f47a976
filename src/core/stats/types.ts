/**
 * Shapes shared by every agreement statistic. A statistic that is undefined for the data (both raters
 * always choose one category, no item has two ratings, …) is `null`, never 0.
 */

/** A two-sided interval `[low, high]`. */
export type Interval = readonly [low: number, high: number];

/** One agreement statistic computed over a set of items. */
export interface AgreementResult {
  /** The coefficient; null when it is undefined for these data (the function's doc says when). */
  readonly value: number | null;
  /**
   * Observed agreement (kappa family, AC1, percent) or observed disagreement D_o (Krippendorff's
   * alpha); null when it cannot be computed (no usable item).
   */
  readonly observed: number | null;
  /** Chance agreement (kappa family, AC1) or expected disagreement D_e (alpha); null when not applicable. */
  readonly expected: number | null;
  /** Analytic standard error; null when undefined or when the statistic has no analytic one. */
  readonly se: number | null;
  /** Analytic 95% interval; null when undefined or when the statistic has no analytic one. */
  readonly ci95: Interval | null;
  /** The items that entered the statistic. */
  readonly nItems: number;
}

/** An undefined result over `nItems` items, with whatever agreement figures could be computed. */
export function undefinedResult(nItems: number, observed: number | null = null, expected: number | null = null): AgreementResult {
  return { value: null, observed, expected, se: null, ci95: null, nItems };
}

/** Agreement weights over ordered categories: "none" counts only exact matches. */
export type WeightScheme = 'none' | 'linear' | 'quadratic';

/** Krippendorff's levels of measurement. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Tolerance under which 1 − p_e counts as zero (the statistic is then undefined). */
export const DEGENERATE = 1e-12;
