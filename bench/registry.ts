/** Every benchmark suite. Later capabilities add theirs here. */
import type { Bench } from './types';

export const SUITES: ReadonlyArray<() => Promise<readonly Bench[]>> = [
  () => import('./foundation').then((m) => m.BENCHES),
  () => import('./census').then((m) => m.censusBenches()),
  () => import('./personas').then((m) => m.personaBenches()),
  () => import('./pipeline').then((m) => m.pipelineBenches()),
  () => import('./stats.bench').then((m) => m.benches),
  () => import('./stats-browser.bench').then((m) => m.benches),
  () => import('./engine').then((m) => m.engineBenches()),
  () => import('./batch-export').then((m) => m.batchExportBenches()),
  () => import('./records').then((m) => m.recordBenches()),
  () => import('./wiki').then((m) => m.wikiBenches()),
  () => import('./page-bytes').then((m) => m.BENCHES),
  () => import('./bench-persona').then((m) => m.personaBenchBenches()),
];
