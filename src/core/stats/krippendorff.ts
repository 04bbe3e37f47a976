/**
 * Krippendorff's alpha by the coincidence-matrix algorithm of Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability" (Annenberg School, University of Pennsylvania):
 *   o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1)   over units u with m_u ≥ 2 pairable values,
 *   n_c = Σ_k o_ck,  n = Σ_c n_c,
 *   D_o = (1/n) Σ_ck o_ck δ²_ck,   D_e = (1/(n (n − 1))) Σ_ck n_c n_k δ²_ck,   α = 1 − D_o/D_e.
 * Each unit only touches the categories it holds, so the cost is O(units · raters) plus the q × q
 * matrix, never O(n²) over pairs of values. Missing ratings are simply absent from their unit.
 */
import type { CountTable } from './count-table';
import type { MeasurementLevel } from './types';

/** Krippendorff's alpha with its ingredients. */
export interface KrippendorffResult {
  /** α; null when undefined: fewer than two pairable values (no unit with two ratings) or D_e = 0 (one value only). */
  readonly value: number | null;
  /** Observed disagreement D_o; null when no value is pairable. */
  readonly observed: number | null;
  /** Expected disagreement D_e; null when fewer than two values are pairable. */
  readonly expected: number | null;
  /** Units with at least two values (the pairable ones). */
  readonly nItems: number;
  /** Pairable values n. */
  readonly nValues: number;
  /** The coincidence matrix o_ck, row-major q × q. */
  readonly coincidences: Float64Array;
}

/** The coincidence matrix and the number of pairable units. */
function coincidenceMatrix(t: CountTable): { o: Float64Array; units: number } {
  const { q, rows, counts, perRow, mult } = t;
  const o = new Float64Array(q * q);
  const present = new Int32Array(q);
  let units = 0;
  for (let u = 0; u < rows; u++) {
    const m = perRow[u]!;
    if (m < 2) continue;
    const times = mult ? mult[u]! : 1;
    if (times === 0) continue;
    units += times;
    const base = u * q;
    let p = 0;
    for (let k = 0; k < q; k++) if (counts[base + k]! > 0) present[p++] = k;
    const f = times / (m - 1);
    for (let a = 0; a < p; a++) {
      const c = present[a]!;
      const nc = counts[base + c]!;
      for (let b = 0; b < p; b++) {
        const k = present[b]!;
        o[c * q + k]! += f * nc * (c === k ? nc - 1 : counts[base + k]!);
      }
    }
  }
  return { o, units };
}

/**
 * The difference function δ²_ck for a level of measurement (Krippendorff 2011, §E): nominal 0/1;
 * ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)² from the marginals; interval (v_c − v_k)²;
 * ratio ((v_c − v_k)/(v_c + v_k))², 0 when both are 0. Interval and ratio need numeric `values`.
 */
function differenceMatrix(level: MeasurementLevel, q: number, marginals: Float64Array, values: Float64Array | null): Float64Array {
  if ((level === 'interval' || level === 'ratio') && !values) throw new Error(`${level} alpha needs numeric categories`);
  const d = new Float64Array(q * q);
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      if (c === k) continue;
      let v: number;
      if (level === 'nominal') v = 1;
      else if (level === 'ordinal') {
        const lo = Math.min(c, k),
          hi = Math.max(c, k);
        let s = 0;
        for (let g = lo; g <= hi; g++) s += marginals[g]!;
        v = (s - (marginals[c]! + marginals[k]!) / 2) ** 2;
      } else {
        const a = values![c]!,
          b = values![k]!;
        if (level === 'interval') v = (a - b) ** 2;
        else v = a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      }
      d[c * q + k] = v;
    }
  }
  return d;
}

/**
 * Krippendorff's alpha over the rows of a count table (one row per unit, or patterns with
 * multiplicities). `values` are the numeric category values (interval and ratio); the category
 * order is the ordinal scale. Undefined when fewer than two values are pairable or D_e = 0.
 */
export function krippendorffAlpha(
  t: CountTable,
  level: MeasurementLevel = 'nominal',
  values: Float64Array | null = null,
): KrippendorffResult {
  const q = t.q;
  const { o, units } = coincidenceMatrix(t);
  const nc = new Float64Array(q);
  let n = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) nc[c]! += o[c * q + k]!;
    n += nc[c]!;
  }
  if (!(n > 0)) return { value: null, observed: null, expected: null, nItems: units, nValues: 0, coincidences: o };
  const d = differenceMatrix(level, q, nc, values);
  let dO = 0,
    dE = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const dk = d[c * q + k]!;
      if (dk === 0) continue;
      dO += o[c * q + k]! * dk;
      dE += nc[c]! * nc[k]! * dk;
    }
  }
  dO /= n;
  if (n < 2) return { value: null, observed: dO, expected: null, nItems: units, nValues: n, coincidences: o };
  dE /= n * (n - 1);
  // D_e is a sum of non-negative terms: it is 0 exactly when every pairable value is the same one.
  const value = dE > 0 ? 1 - dO / dE : null;
  return { value, observed: dO, expected: dE, nItems: units, nValues: n, coincidences: o };
}
