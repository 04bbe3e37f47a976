/**
 * The compute worker: heavy pure work off the main thread. Each capability adds its functions to
 * `api` in its own clearly marked lines.
 */
import { expose, type ProxyOrClone } from 'comlink';
import { importPumsFiles, type ImportProgress } from '../src/core/census/import-files';

const api = {
  // --- census (#3): PUMS CSV import -------------------------------------------------------------
  /** Builds a census model from PUMS CSV files; progress through a Comlink.proxy callback. */
  importCensusCsv: (files: File[], onProgress: ProxyOrClone<(p: ImportProgress) => void>) =>
    importPumsFiles(files, (p) => void (onProgress as (p: ImportProgress) => void)(p)),
  // --- end census -------------------------------------------------------------------------------
};

/** The compute worker's API, for `wrap<ComputeWorkerApi>`. */
export type ComputeWorkerApi = typeof api;
expose(api);
