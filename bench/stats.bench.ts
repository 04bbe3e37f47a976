/**
 * Issue #5 speed targets, in Node: the full pairwise Cohen matrix for 16 raters × 317,200 items
 * (PERSONA's 317,200 preference pairs), Krippendorff's alpha over the same with 10% missing, and a
 * bootstrap of 1,000 resamples of 10,000 items. Data are simulated (seeded) outside the timing;
 * each bench reports the median of 3 runs.
 */
import { computeAgreement } from '../src/core/stats/agreement';
import { pairwiseMatrix } from '../src/core/stats/pairwise';
import { simulateRatings } from '../src/core/stats/simulate';
import { median, type Bench } from './types';

const ITEMS = 317_200;

/** Median wall time of `runs` calls, in ms. */
function time(fn: () => unknown, runs = 3): { ms: number; all: number[] } {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    all.push(performance.now() - t0);
  }
  return { ms: median(all), all };
}
const spread = (all: number[]) => `runs ${all.map((x) => x.toFixed(0)).join(', ')} ms`;

export const benches: readonly Bench[] = [
  {
    id: 'stats.pairwise-cohen-16x317200',
    issue: 5,
    title: 'Pairwise Cohen matrix, 16 raters × 317,200 items (with % agreement and AC1)',
    unit: 'ms',
    target: 1000,
    async run() {
      const m = simulateRatings({ items: ITEMS, raters: 16, categories: 2, seed: 'bench-pairwise' });
      const { ms, all } = time(() => pairwiseMatrix(m));
      return { value: ms, detail: `120 pairs; ${spread(all)}` };
    },
  },
  {
    id: 'stats.krippendorff-16x317200-missing10',
    issue: 5,
    title: "Krippendorff's alpha, 16 raters × 317,200 items, 10% missing",
    unit: 'ms',
    target: 2000,
    async run() {
      const m = simulateRatings({ items: ITEMS, raters: 16, categories: 2, missing: 0.1, seed: 'bench-alpha' });
      let alpha: number | null = null;
      const { ms, all } = time(() => (alpha = computeAgreement(m, { metric: 'krippendorff' }).value));
      return { value: ms, detail: `alpha ${alpha === null ? 'undefined' : (alpha as number).toFixed(4)}; ${spread(all)}` };
    },
  },
  {
    id: 'stats.bootstrap-1000x10000',
    issue: 5,
    title: "Bootstrap of Cohen's kappa, 1,000 resamples of 10,000 items",
    unit: 'ms',
    target: 2000,
    async run() {
      const m = simulateRatings({ items: 10_000, raters: 2, categories: 2, seed: 'bench-bootstrap' });
      let ci: readonly [number, number] | null = null;
      const { ms, all } = time(() => (ci = computeAgreement(m, { metric: 'cohen', bootstrap: { resamples: 1000, seed: 1 } }).ci95));
      const c = ci as readonly [number, number] | null;
      return { value: ms, detail: `ci95 ${c ? `[${c[0].toFixed(3)}, ${c[1].toFixed(3)}]` : '—'}; ${spread(all)}` };
    },
  },
];
