/**
 * Scott's pi for two raters (Scott 1955), optionally weighted, with Gwet's (2014, Handbook of
 * Inter-Rater Reliability, 4th ed., ch. 3) variance and t-based interval, as irrCAC's `scott2.table`
 * computes them: chance agreement uses the pooled marginals π_k = (p_k· + p_·k)/2.
 */
import { studentTQuantile } from './distributions';
import { DEGENERATE, undefinedResult, type AgreementResult } from './types';
import { weightMatrix } from './weights';

/**
 * Scott's pi from a q × q table of counts: p_o = Σ w_kl p_kl, p_e = Σ w_kl π_k π_l,
 * π = (p_o − p_e)/(1 − p_e). Undefined when the table is empty or p_e = 1 (every rating in one
 * category). Variance with π̄_k = Σ_l w_kl π_l:
 *   var = [Σ_kl p_kl (w_kl − (1 − π)(π̄_k + π̄_l))² − (p_o − 2(1 − π)p_e)²] / (n (1 − p_e)²),
 * interval π ± t(0.975, n − 1)·se with the upper limit capped at 1 (irrCAC's convention);
 * se and interval are null when n < 2.
 */
export function scottFromTable(table: ArrayLike<number>, q: number, w: ArrayLike<number> = weightMatrix('none', q)): AgreementResult {
  let n = 0;
  for (let k = 0; k < q * q; k++) n += table[k]!;
  if (!(n > 0)) return undefinedResult(0);
  const pi = new Float64Array(q);
  let po = 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const p = table[k * q + l]! / n;
      pi[k]! += p / 2;
      pi[l]! += p / 2;
      po += w[k * q + l]! * p;
    }
  }
  let pe = 0;
  for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) pe += w[k * q + l]! * pi[k]! * pi[l]!;
  if (1 - pe <= DEGENERATE) return undefinedResult(n, po, pe);
  const value = (po - pe) / (1 - pe);
  if (n < 2) return { value, observed: po, expected: pe, se: null, ci95: null, nItems: n };
  const piW = new Float64Array(q);
  for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) piW[k]! += w[k * q + l]! * pi[l]!;
  let sum = 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) sum += (table[k * q + l]! / n) * (w[k * q + l]! - (1 - value) * (piW[k]! + piW[l]!)) ** 2;
  }
  const variance = (sum - (po - 2 * (1 - value) * pe) ** 2) / (n * (1 - pe) ** 2);
  const se = Math.sqrt(Math.max(0, variance));
  const t = studentTQuantile(0.975, n - 1);
  return { value, observed: po, expected: pe, se, ci95: [value - t * se, Math.min(1, value + t * se)], nItems: n };
}
