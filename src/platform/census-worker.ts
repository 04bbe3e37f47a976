/** The census import and the census figures as they run in the app's one compute worker (`app().compute`). */
import type { CensusFigures } from '../core/census/figures';
import type { ImportProgress, ImportResult } from '../core/census/import-files';
import type { CensusModelData } from '../core/census/model';
import type { ComputeClient } from './compute-client';

/** A PUMS CSV import in `compute` (the CensusImport state's runner); aborting cancels it. */
export function importCensusInWorker(
  compute: ComputeClient,
): (files: File[], onProgress: (p: ImportProgress) => void, signal?: AbortSignal) => Promise<ImportResult> {
  return (files, onProgress, signal) =>
    compute.run((api) => api.importCensusCsv(files, compute.progress(onProgress)) as Promise<ImportResult>, signal);
}

/** A model's figures (the embedded default model's when none is given), computed in the compute worker. */
export function censusFiguresInWorker(compute: ComputeClient, model?: CensusModelData): Promise<CensusFigures> {
  return compute.run((api) => api.censusFigures(model) as Promise<CensusFigures>);
}
