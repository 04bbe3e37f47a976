/**
 * Multi-rater agreement in Gwet's framework (Handbook of Inter-Rater Reliability, 4th ed., 2014,
 * ch. 2–5), which his R package irrCAC implements (`fleiss.kappa.raw`, `gwet.ac1.raw`,
 * `pa.coeff.raw`): any number of raters per item, missing ratings allowed, optional agreement
 * weights. With r_i ratings on item i, r_ik of them in category k, and r*_ik = Σ_l w_kl r_il:
 *   per-item agreement  p_a|i = Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))   (items with r_i ≥ 2)
 *   p_a = mean of p_a|i over the n₂ items with r_i ≥ 2
 *   π_k = (1/n) Σ_i r_ik / r_i over the n items with at least one rating.
 * Items without any rating are left out. Standard errors are Gwet's linearisation
 * var = Σ_i (c*_i − c)² / (n (n − 1)) with the t(n − 1) interval, upper limit capped at 1.
 */
import { studentTQuantile } from './distributions';
import type { CountTable } from './count-table';
import { DEGENERATE, undefinedResult, type AgreementResult } from './types';
import { weightMatrix } from './weights';

/** Which coefficient. */
export type MultiRaterCoefficient = 'fleiss' | 'gwet' | 'percent';

interface Sums {
  n: number;
  n2: number;
  pa: number;
  pi: Float64Array;
}

/** Gwet's sums: n, n₂, p_a and π over the rows of a count table. */
function sums(t: CountTable, w: Float64Array): Sums {
  const { q, rows, counts, perRow, mult } = t;
  const pi = new Float64Array(q);
  let n = 0,
    n2 = 0,
    paSum = 0;
  for (let i = 0; i < rows; i++) {
    const r = perRow[i]!;
    if (r === 0) continue;
    const m = mult ? mult[i]! : 1;
    if (m === 0) continue;
    n += m;
    const o = i * q;
    for (let k = 0; k < q; k++) pi[k]! += (m * counts[o + k]!) / r;
    if (r >= 2) {
      n2 += m;
      paSum += m * itemAgreement(counts, o, q, r, w);
    }
  }
  for (let k = 0; k < q; k++) pi[k]! /= n;
  return { n, n2, pa: n2 > 0 ? paSum / n2 : NaN, pi };
}

/** p_a|i of one row (r ≥ 2). */
function itemAgreement(counts: Int32Array, o: number, q: number, r: number, w: Float64Array): number {
  let s = 0;
  for (let k = 0; k < q; k++) {
    const rk = counts[o + k]!;
    if (rk === 0) continue;
    let rw = 0;
    for (let l = 0; l < q; l++) rw += w[k * q + l]! * counts[o + l]!;
    s += rk * (rw - 1);
  }
  return s / (r * (r - 1));
}

/** Chance agreement of the coefficient; null when undefined (AC1 with fewer than 2 categories). */
function chance(c: MultiRaterCoefficient, pi: Float64Array, q: number, w: Float64Array): number | null {
  if (c === 'percent') return 0;
  let pe = 0;
  if (c === 'fleiss') {
    for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) pe += w[k * q + l]! * pi[k]! * pi[l]!;
    return pe;
  }
  if (q < 2) return null;
  let tw = 0;
  for (let k = 0; k < q * q; k++) tw += w[k]!;
  for (let k = 0; k < q; k++) pe += pi[k]! * (1 - pi[k]!);
  return (tw * pe) / (q * (q - 1));
}

/** The point estimate only (no variance): what a bootstrap resample needs. Null when undefined. */
export function multiRaterValue(c: MultiRaterCoefficient, t: CountTable, w: Float64Array = weightMatrix('none', t.q)): number | null {
  const s = sums(t, w);
  if (s.n2 === 0) return null;
  if (c === 'percent') return s.pa;
  const pe = chance(c, s.pi, t.q, w);
  if (pe === null || 1 - pe <= DEGENERATE) return null;
  return (s.pa - pe) / (1 - pe);
}

/**
 * Fleiss' kappa (Fleiss 1971; generalised to any number of raters per item and to weights by
 * Gwet 2014): p_e = Σ_kl w_kl π_k π_l. With complete data it is exactly Fleiss' (1971) statistic.
 * Gwet's AC1/AC2 (Gwet 2008): p_e = T_w Σ_k π_k (1 − π_k) / (q (q − 1)), T_w = Σ_kl w_kl.
 * Percent agreement: p_a itself (p_e = 0, reported as expected = null).
 * Undefined (value null) when no item has two ratings, when p_e = 1 (Fleiss: every rating in one
 * category), or for AC1 when there are fewer than two categories.
 */
export function multiRater(c: MultiRaterCoefficient, t: CountTable, w: Float64Array = weightMatrix('none', t.q)): AgreementResult {
  const { q, rows, counts, perRow, mult } = t;
  const s = sums(t, w);
  if (s.n === 0) return undefinedResult(0);
  if (s.n2 === 0) return undefinedResult(s.n);
  const pe = chance(c, s.pi, q, w);
  const expected = c === 'percent' ? null : pe;
  if (pe === null || 1 - pe <= DEGENERATE) return undefinedResult(s.n, s.pa, expected);
  const value = (s.pa - pe) / (1 - pe);
  if (s.n < 2) return { value, observed: s.pa, expected, se: null, ci95: null, nItems: s.n };

  // Per-item linearised terms c*_i (Gwet 2014, §5.4; irrCAC's *.ivec.x vectors).
  let tw = 0;
  for (let k = 0; k < q * q; k++) tw += w[k]!;
  const piSym = new Float64Array(q);
  for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) piSym[k]! += (w[k * q + l]! * s.pi[l]! + w[l * q + k]! * s.pi[l]!) / 2;
  let ss = 0;
  for (let i = 0; i < rows; i++) {
    const r = perRow[i]!;
    if (r === 0) continue;
    const m = mult ? mult[i]! : 1;
    if (m === 0) continue;
    const o = i * q;
    const paI = r >= 2 ? itemAgreement(counts, o, q, r, w) : 0;
    let term: number;
    if (c === 'percent') {
      term = (s.n / s.n2) * paI;
    } else {
      const raw = ((s.n / s.n2) * (paI - (r >= 2 ? pe : 0))) / (1 - pe);
      let peI = 0;
      if (c === 'fleiss') {
        for (let k = 0; k < q; k++) peI += counts[o + k]! * piSym[k]!;
        peI /= r;
      } else {
        for (let k = 0; k < q; k++) peI += counts[o + k]! * (1 - s.pi[k]!);
        peI = (tw / (q * (q - 1))) * (peI / r);
      }
      term = raw - (2 * (1 - value) * (peI - pe)) / (1 - pe);
    }
    ss += m * (term - value) ** 2;
  }
  const se = Math.sqrt(ss / (s.n * (s.n - 1)));
  const tq = studentTQuantile(0.975, s.n - 1);
  return { value, observed: s.pa, expected, se, ci95: [value - tq * se, Math.min(1, value + tq * se)], nItems: s.n };
}
