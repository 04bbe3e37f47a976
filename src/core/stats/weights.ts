/**
 * Agreement weights w_kl in [0, 1] (1 on the diagonal) over q ordered categories, as Cohen (1968)
 * and Gwet (2014) use them. Distances are taken between category *positions* 0..q−1, as
 * statsmodels' `cohens_kappa(wt='linear')` and R irr's `kappa2(weight='equal')` do; for equally
 * spaced numeric categories that is the same as distances between their values.
 */
import type { WeightScheme } from './types';

/**
 * The q × q weight matrix, row-major: none → identity; linear → 1 − |k−l|/(q−1) (Cicchetti–Allison);
 * quadratic → 1 − (k−l)²/(q−1)² (Fleiss–Cohen). With q = 1 every scheme is [1].
 */
export function weightMatrix(scheme: WeightScheme, q: number): Float64Array {
  const w = new Float64Array(q * q);
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const d = q > 1 ? Math.abs(k - l) / (q - 1) : 0;
      w[k * q + l] = scheme === 'none' ? (k === l ? 1 : 0) : scheme === 'linear' ? 1 - d : 1 - d * d;
    }
  }
  return w;
}
