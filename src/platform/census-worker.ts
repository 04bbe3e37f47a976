/** The census import and the census figures as they run in the app's one compute worker (`computeClient()`). */
import type { CensusFigures } from '../core/census/figures';
import type { ImportProgress, ImportResult } from '../core/census/import-files';
import type { CensusModelData } from '../core/census/model';
import { computeClient } from './compute-client';

/** Runs a PUMS CSV import in the compute worker (the CensusImport state's runner); aborting cancels it. */
export function importCensusInWorker(files: File[], onProgress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<ImportResult> {
  const compute = computeClient();
  return compute.run((api) => api.importCensusCsv(files, compute.progress(onProgress)) as Promise<ImportResult>, signal);
}

/** A model's figures (the embedded default model's when none is given), computed in the compute worker. */
export function censusFiguresInWorker(model?: CensusModelData): Promise<CensusFigures> {
  return computeClient().run((api) => api.censusFigures(model) as Promise<CensusFigures>);
}
