/** Every benchmark suite. Later capabilities add theirs here. */
import type { Bench } from './types';

export const SUITES: ReadonlyArray<() => Promise<readonly Bench[]>> = [
  () => import('./stats.bench').then((m) => m.benches),
  () => import('./stats-browser.bench').then((m) => m.benches),
];
