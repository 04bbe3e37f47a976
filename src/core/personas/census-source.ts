/**
 * The census side as the persona generator uses it: a model (the embedded default or one built
 * from imported PUMS files) becomes a `CensusSource` with the census sampler and hard rules.
 */
import { checkCensusCodes, createCensusSampler, loadDefaultCensusModel, type CensusModelData } from '../census/index';
import { hashHex } from '../random';
import type { CensusSource } from './generate';

/** A short stable id of a model: a hash of its build metadata and format (cheap; no pass over the tables). */
export function censusModelId(model: CensusModelData): string {
  return hashHex(JSON.stringify([model.format, model.version, model.network, model.meta]), 2);
}

const sources = new WeakMap<CensusModelData, CensusSource>();

/** The census source of a model (one per model object). */
export function censusSource(model: CensusModelData): CensusSource {
  let s = sources.get(model);
  if (!s) {
    s = { id: censusModelId(model), sampler: (options) => createCensusSampler(model, options), checkRules: checkCensusCodes };
    sources.set(model, s);
  }
  return s;
}

/** The embedded default model's source (loads the model on first use). */
export async function defaultCensusSource(): Promise<CensusSource> {
  return censusSource(await loadDefaultCensusModel());
}
