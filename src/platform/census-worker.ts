/** The compute worker as the census import uses it: started on first use, one per page. */
import { proxy, wrap, type Remote } from 'comlink';
import type { ComputeWorkerApi } from '../../workers/compute.worker';
import type { ImportProgress, ImportResult } from '../core/census/import-files';

let remote: Remote<ComputeWorkerApi> | undefined;

/** The compute worker's remote API (starts the worker the first time). */
export function censusComputeWorker(): Remote<ComputeWorkerApi> {
  remote ??= wrap<ComputeWorkerApi>(new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }));
  return remote;
}

/** Runs a PUMS CSV import in the compute worker (the CensusImport state's runner). */
export function importCensusInWorker(files: File[], onProgress: (p: ImportProgress) => void): Promise<ImportResult> {
  return censusComputeWorker().importCensusCsv(files, proxy(onProgress)) as Promise<ImportResult>;
}
