/** A census model's figures as the Census page shows them; the compute worker computes them, so the page never loads the model. */
import { loadDefaultCensusModel } from './default-model';
import { modelMarginals } from './index';
import type { MarginalFigure } from './marginals';
import type { CensusModelData } from './model';

/** What the Census page shows of a model. */
export interface CensusFigures {
  /** Where the model came from (`meta.source`). */
  readonly source: string;
  /** Person records the model was built from. */
  readonly records: number;
  /** The population they stand for (sum of person weights). */
  readonly weightedTotal: number;
  /** The ten charted attributes over all ages. */
  readonly figures: MarginalFigure[];
}

/** The figures of an imported model, or of the embedded default model when none is given. */
export async function censusFigures(model?: CensusModelData): Promise<CensusFigures> {
  const m = model ?? (await loadDefaultCensusModel());
  return { source: m.meta.source, records: m.meta.records, weightedTotal: m.meta.weightedTotal, figures: modelMarginals(m) };
}
