/**
 * The statistics stores of issue #5 over the app's one database connection (`services().db`), and
 * the pipeline's one run store (`pipelineStore()`) for reading judged runs. Made on first use.
 */
import { AnnotationStore } from '../db/annotation-store';
import { LabelStore } from '../db/label-store';
import { LooStore } from '../db/loo-store';
import type { DexiePipelineStore } from '../db/pipeline-store';
import { pipelineStore } from './pipeline-services';
import { services } from './services';

/** The stores. */
export interface StatsStores {
  readonly labels: LabelStore;
  readonly annotations: AnnotationStore;
  readonly loo: LooStore;
  readonly runs: DexiePipelineStore;
}

let stores: StatsStores | undefined;

/** The stores of issue #5. */
export function statsStores(): StatsStores {
  if (!stores) {
    const db = services().db;
    stores = { labels: new LabelStore(db), annotations: new AnnotationStore(db), loo: new LooStore(db), runs: pipelineStore() };
  }
  return stores;
}
