/**
 * Finishing a build: the builder's tables, nodes borrowed from a base model where the source had no
 * data for them (for instance household type when no housing file was given), and the model's own
 * marginals (a fixed-seed Monte Carlo of the finished network).
 */
import type { CensusModelBuilder } from './builder';
import type { CensusModelData } from './model';
import { NETWORK } from './network';
import { CompiledCensusModel, ModelCensusSampler } from './sampler';
import { computeMarginals } from './marginals';

/** Options of `finishCensusModel`. */
export interface FinishOptions {
  /** Model whose tables fill nodes the source had no data for (the embedded default). */
  readonly base?: CensusModelData;
  /** Monte Carlo draws for the stored marginals (default 400,000). */
  readonly marginalDraws?: number;
}

/** The finished model; throws when a node has no data and no base model supplies it. */
export function finishCensusModel(builder: CensusModelBuilder, options: FinishOptions = {}): CensusModelData {
  const t = builder.finishTables();
  if (t.meta.records === 0) throw new Error('No usable person records were read.');
  const nodes = { ...t.nodes };
  const borrowed: string[] = [];
  for (const node of NETWORK) {
    const own = nodes[node.name];
    const floor = own?.levels[own.levels.length - 1];
    if (own && floor && floor.length > 0) continue;
    const base = options.base?.nodes[node.name];
    if (!base) throw new Error(`The files have no data for ${node.name} and no base model was given.`);
    nodes[node.name] = base;
    borrowed.push(node.name);
  }
  const labels = { ...t.labels };
  if (options.base) {
    for (const name of borrowed) {
      const base = options.base.labels[name];
      if (base) labels[name] = { ...base, ...(labels[name] ?? {}) };
    }
  }
  const partial: CensusModelData = {
    ...t,
    nodes,
    labels,
    meta: { ...t.meta, borrowed },
    marginals: { draws: 0, byKey: {} },
  };
  const sampler = new ModelCensusSampler(new CompiledCensusModel(partial));
  return { ...partial, marginals: computeMarginals(partial, sampler, options.marginalDraws ?? 400_000) };
}
