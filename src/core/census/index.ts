/**
 * The census side of Persona Lab, as the persona generator uses it:
 *
 *   const model = await loadDefaultCensusModel();          // or an imported model
 *   const sampler = createCensusSampler(model, { minAge, maxAge });
 *   const person = sampler.sample(rng);                     // CensusPerson
 *   checkCensusCodes(person.codes);                         // [] when consistent
 *   modelMarginals(model, { minAge, maxAge });              // figures for the comparison charts
 */
import type { CensusModelData } from './model';
import { censusMarginals, type MarginalFigure } from './marginals';

export { loadDefaultCensusModel } from './default-model';
export { createCensusSampler, compileCensusModel, ModelCensusSampler, type SamplerStats } from './sampler';
export { checkCensusCodes, firstViolation, CENSUS_RULES, type CensusRule, type CensusRuleViolation } from './rules';
export { MARGINAL_KEYS, NOT_APPLICABLE, marginalCategory, marginalCategories, type MarginalKey, type MarginalFigure } from './marginals';
export { CensusModelError, assertModel, type CensusModelData, type CensusModelMeta } from './model';
export { PumsFormatError } from './pums-format';
export * from './types';

/** Weighted count of each single year of age 0–99 in a model (its AGEP root table). */
export function modelAgeWeights(model: CensusModelData): Float64Array {
  const out = new Float64Array(100);
  const node = model.nodes.AGEP;
  const flat = node?.levels[0] ?? [];
  const k = flat[2] ?? 0;
  for (let j = 0; j < k; j++) out[node!.values[flat[3 + 2 * j]!]!] = flat[4 + 2 * j]!;
  return out;
}

/**
 * The model's own figures for the ten charted attributes, for ages [minAge, maxAge] (default all).
 * Cheap (no model compile): safe on the main thread.
 */
export function modelMarginals(model: CensusModelData, options: { minAge?: number; maxAge?: number } = {}): MarginalFigure[] {
  return censusMarginals(model, modelAgeWeights(model), options);
}

/** The SCHL code of an education label of the model (for `marginalCategory`), or undefined. */
export function schlCodeOf(model: CensusModelData, label: string): number | undefined {
  const hit = Object.entries(model.labels.SCHL ?? {}).find(([, l]) => l === label);
  return hit ? Number(hit[0]) : undefined;
}
