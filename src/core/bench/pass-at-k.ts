/**
 * pass@k, the unbiased estimator of Chen et al. (2021, "Evaluating Large Language Models Trained on
 * Code", §2.1): with n samples of an item of which c pass, the chance that at least one of k samples
 * drawn without replacement passes is 1 − C(n−c, k) / C(n, k). Computed as their reference code does,
 * 1 − ∏_{i=n−c+1}^{n} (1 − k/i), which never forms a binomial coefficient (C(16, 8) is small, but
 * C(200, 100) overflows a double), and averaged over items.
 */

/** The k of PERSONA's Figure 12 (pass@k for k up to 16). */
export const PASS_KS = [1, 2, 4, 8, 16] as const;

/** The ks that apply to n samples per item: those of `PASS_KS` with k ≤ n. */
export function ksFor(n: number): number[] {
  return PASS_KS.filter((k) => k <= n);
}

/**
 * pass@k of one item with `n` samples of which `c` pass. Throws a RangeError unless
 * 0 ≤ c ≤ n and 1 ≤ k ≤ n (whole numbers): the estimator is undefined for k > n.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (![n, c, k].every(Number.isInteger) || c < 0 || c > n || k < 1 || k > n)
    throw new RangeError(`pass@k needs whole numbers with 0 ≤ c ≤ n and 1 ≤ k ≤ n (got n=${n}, c=${c}, k=${k})`);
  if (n - c < k) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - k / i;
  return 1 - fail;
}

/** One item's outcome: samples scored and samples that passed (missing samples are not counted in either). */
export interface ItemTally {
  /** Samples with a verdict. */
  readonly n: number;
  /** Samples that passed. */
  readonly c: number;
}

/**
 * pass@k averaged over items. Items with fewer than k scored samples are left out (the estimator needs
 * k ≤ n); `items` says how many entered. `value` is null when none did.
 */
export function meanPassAtK(tallies: readonly ItemTally[], k: number): { readonly value: number | null; readonly items: number } {
  let sum = 0;
  let items = 0;
  for (const t of tallies) {
    if (t.n < k) continue;
    sum += passAtK(t.n, t.c, k);
    items++;
  }
  return { value: items ? sum / items : null, items };
}
