/**
 * The compute worker: heavy pure work off the main thread. Each capability adds its functions to
 * `api` in its own clearly marked lines.
 */
import { expose, type ProxyOrClone } from 'comlink';
import { censusFigures } from '../src/core/census/figures';
import { importPumsFiles, type ImportProgress } from '../src/core/census/import-files';
import * as personaJobs from '../src/core/personas/set-jobs';
import { statsApi } from './compute-stats';

const api = {
  // --- census (#3): PUMS CSV import -------------------------------------------------------------
  /** Builds a census model from PUMS CSV files; progress through a Comlink.proxy callback. */
  importCensusCsv: (files: File[], onProgress: ProxyOrClone<(p: ImportProgress) => void>) =>
    importPumsFiles(files, (p) => void (onProgress as (p: ImportProgress) => void)(p)),
  /** The Census page's figures of a model (the default when none is given): the page never loads the 4.5 MB model itself. */
  censusFigures,
  // --- end census -------------------------------------------------------------------------------
  // --- personas (#3): generate, import, redraw, compare persona sets ------------------------------
  /** Generates a persona set with its census comparison; progress through a Comlink.proxy callback. */
  generatePersonaSet: (
    params: Parameters<typeof personaJobs.generateSet>[0],
    model: Parameters<typeof personaJobs.generateSet>[1],
    onProgress: ProxyOrClone<(done: number, total: number) => void>,
  ) => personaJobs.generateSet(params, model, (d, t) => void (onProgress as (d: number, t: number) => void)(d, t)),
  /** Reads a persona file (JSONL or CSV) and compares it with the default census model. */
  importPersonaFile: personaJobs.importSet,
  /** The next persona for an index, for the LLM review's redraws. */
  redrawPersona: personaJobs.redrawPersona,
  /** The census comparison of a set. */
  comparePersonaSet: personaJobs.compareSet,
  /** Remembers an imported census model for later calls by id. */
  usePersonaCensusModel: personaJobs.useModel,
  // --- end personas -----------------------------------------------------------------------------
  // --- stats (#5): agreement statistics, judge analyses, label imports, simulations (compute-stats.ts)
  ...statsApi,
  // --- end stats --------------------------------------------------------------------------------
};

/** The compute worker's API, for `wrap<ComputeWorkerApi>`. */
export type ComputeWorkerApi = typeof api;
expose(api);
