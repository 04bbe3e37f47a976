/** The census import as it runs in the app's one compute worker (`computeClient()`). */
import type { ImportProgress, ImportResult } from '../core/census/import-files';
import { computeClient } from './compute-client';

/** Runs a PUMS CSV import in the compute worker (the CensusImport state's runner); aborting cancels it. */
export function importCensusInWorker(files: File[], onProgress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<ImportResult> {
  const compute = computeClient();
  return compute.run((api) => api.importCensusCsv(files, compute.progress(onProgress)) as Promise<ImportResult>, signal);
}
