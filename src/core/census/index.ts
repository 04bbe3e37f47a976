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
import { compileCensusModel } from './sampler';
import { censusMarginals, type MarginalFigure } from './marginals';

export { loadDefaultCensusModel } from './default-model';
export { createCensusSampler, compileCensusModel, ModelCensusSampler, type SamplerStats } from './sampler';
export { checkCensusCodes, firstViolation, CENSUS_RULES, type CensusRule, type RuleViolation } from './rules';
export { MARGINAL_KEYS, NOT_APPLICABLE, marginalCategory, marginalCategories, type MarginalKey, type MarginalFigure } from './marginals';
export { CensusModelError, assertModel, type CensusModelData, type CensusModelMeta } from './model';
export { PumsFormatError } from './pums-format';
export * from './types';

/** The model's own figures for the ten charted attributes, for ages [minAge, maxAge] (default all). */
export function modelMarginals(model: CensusModelData, options: { minAge?: number; maxAge?: number } = {}): MarginalFigure[] {
  return censusMarginals(model, compileCensusModel(model).ageWeights, options);
}

/** The SCHL code of an education label of the model (for `marginalCategory`), or undefined. */
export function schlCodeOf(model: CensusModelData, label: string): number | undefined {
  const hit = Object.entries(model.labels.SCHL ?? {}).find(([, l]) => l === label);
  return hit ? Number(hit[0]) : undefined;
}
