/**
 * Cohen's kappa for two raters (Cohen 1960), weighted kappa (Cohen 1968), with the large-sample
 * variance of Fleiss, Cohen & Everitt (1969), exactly as SAS PROC FREQ (AGREE option) prints it
 * and statsmodels' `cohens_kappa` computes it: the reported "ASE" and the 95% limits
 * κ ± Φ⁻¹(0.975)·ASE use the variance under the alternative (κ as estimated), and the "ASE under
 * H0" (κ = 0) is the one for the z test. See statsmodels/stats/inter_rater.py (`var_kappa` feeds
 * `std_kappa`, which feeds `kappa_low`/`kappa_upp`; `var_kappa0` feeds only `z_value`) and the
 * SAS/STAT User's Guide, "Tests and Measures of Agreement".
 */
import { Z975 } from './distributions';
import { DEGENERATE, undefinedResult, type AgreementResult } from './types';
import { weightMatrix } from './weights';
import type { WeightScheme } from './types';

/** Cohen's kappa with the figures SAS prints. */
export interface CohenResult extends AgreementResult {
  /** Standard error under H0: κ = 0 (SAS "ASE under H0"); null when κ is undefined. */
  readonly se0: number | null;
  /** z = κ / se0 for the test of κ = 0; null when undefined or se0 is 0. */
  readonly z: number | null;
}

/**
 * The q × q contingency table of two raters' codes (row = rater a, column = rater b); items where
 * either code is missing (< 0) are skipped and counted in `dropped`.
 */
export function contingencyTable(a: ArrayLike<number>, b: ArrayLike<number>, q: number): { table: Float64Array; dropped: number } {
  if (a.length !== b.length) throw new RangeError(`the two raters rate ${a.length} and ${b.length} items`);
  const table = new Float64Array(q * q);
  let dropped = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!,
      y = b[i]!;
    if (x < 0 || y < 0) dropped++;
    else table[x * q + y]!++;
  }
  return { table, dropped };
}

/**
 * Cohen's kappa from a q × q table of counts (row-major) with agreement weights w (identity for
 * the unweighted kappa): p_o = Σ w_ij p_ij, p_e = Σ w_ij p_i· p_·j, κ = (p_o − p_e)/(1 − p_e).
 * Undefined (value null) when the table is empty or p_e = 1, which happens when both raters put
 * every item in one and the same category (or, weighted, only in cells of weight 1).
 * Variance (Fleiss, Cohen & Everitt 1969), with w̄_i· = Σ_j p_·j w_ij and w̄_·j = Σ_i p_i· w_ij:
 *   var(κ) = [Σ_ij p_ij (w_ij − (w̄_i· + w̄_·j)(1 − κ))² − (κ − p_e(1 − κ))²] / ((1 − p_e)² n)
 *   var₀(κ) = [Σ_ij p_i· p_·j (w_ij − (w̄_i· + w̄_·j))² − p_e²] / ((1 − p_e)² n)
 */
export function cohenFromTable(table: ArrayLike<number>, q: number, w: ArrayLike<number> = weightMatrix('none', q)): CohenResult {
  let n = 0;
  for (let k = 0; k < q * q; k++) n += table[k]!;
  if (!(n > 0)) return { ...undefinedResult(0), se0: null, z: null };
  const row = new Float64Array(q),
    col = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const p = table[i * q + j]! / n;
      row[i]! += p;
      col[j]! += p;
    }
  }
  let po = 0,
    pe = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      po += w[i * q + j]! * (table[i * q + j]! / n);
      pe += w[i * q + j]! * row[i]! * col[j]!;
    }
  }
  if (1 - pe <= DEGENERATE) return { ...undefinedResult(n, po, pe), se0: null, z: null };
  const kappa = (po - pe) / (1 - pe);
  const wRow = new Float64Array(q),
    wCol = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      wRow[i]! += col[j]! * w[i * q + j]!;
      wCol[j]! += row[i]! * w[i * q + j]!;
    }
  }
  let a = 0,
    a0 = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const wij = w[i * q + j]!,
        s = wRow[i]! + wCol[j]!;
      a += (table[i * q + j]! / n) * (wij - s * (1 - kappa)) ** 2;
      a0 += row[i]! * col[j]! * (wij - s) ** 2;
    }
  }
  const scale = (1 - pe) ** 2 * n;
  const variance = (a - (kappa - pe * (1 - kappa)) ** 2) / scale;
  const variance0 = (a0 - pe * pe) / scale;
  const se = Math.sqrt(Math.max(0, variance));
  const se0 = Math.sqrt(Math.max(0, variance0));
  return {
    value: kappa,
    observed: po,
    expected: pe,
    se,
    ci95: [kappa - Z975 * se, kappa + Z975 * se],
    nItems: n,
    se0,
    z: se0 > 0 ? kappa / se0 : null,
  };
}

/** Cohen's kappa of two raters' codes (−1 = missing; such items are dropped) over q categories. */
export function cohenKappa(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  q: number,
  weights: WeightScheme = 'none',
): CohenResult & { dropped: number } {
  const { table, dropped } = contingencyTable(a, b, q);
  return { ...cohenFromTable(table, q, weightMatrix(weights, q)), dropped };
}
