/**
 * The census model as stored: sufficient statistics (weighted counts of each variable per parent
 * configuration, at every backoff level), income quantiles within bins, the dictionary labels of
 * the codes present, and the model's own marginal figures. Plain JSON: it is committed as the
 * embedded default, stored in IndexedDB for imported PUMS files, and crosses the worker boundary.
 */

/** Tag and version of the format. */
export const MODEL_FORMAT = 'persona-lab-census-model';

/** Where a model came from. */
export interface CensusModelMeta {
  /** Human-readable source, such as "ACS 2024 1-year PUMS, 50 states + DC". */
  readonly source: string;
  /** Person records read. */
  readonly records: number;
  /** Person records dropped because they broke a hard rule (by rule id). */
  readonly dropped: Readonly<Record<string, number>>;
  /** Households (housing records) read. */
  readonly households: number;
  /** Sum of person weights (PWGTP) over the records kept. */
  readonly weightedTotal: number;
  /** State FIPS codes present. */
  readonly states: readonly number[];
  /** States whose person records lacked most columns (learned from other states given block A). */
  readonly narrowStates: readonly number[];
  /** Nodes copied from the embedded default model because the source had no data for them. */
  readonly borrowed: readonly string[];
  /** Income adjusted by ADJINC when the source had it. */
  readonly adjinc: boolean;
}

/** One node's tables. */
export interface NodeTables {
  /** The node's values (PUMS codes; -1 is N/A), indexed by the rows' value indices. */
  readonly values: readonly number[];
  /**
   * One flat array per level (same order as the network's levels): repeated
   * [config, records, k, value index 1, weighted count 1, …, value index k, weighted count k].
   */
  readonly levels: readonly (readonly number[])[];
}

/** The model's marginals: for each attribute, category labels and the share of each at every age. */
export interface StoredMarginals {
  /** Draws behind the figures (a fixed-seed Monte Carlo of the model itself). */
  readonly draws: number;
  /** Per attribute key: categories and, per single year of age 0–99, shares summing to 1. */
  readonly byKey: Readonly<Record<string, { readonly categories: readonly string[]; readonly byAge: readonly (readonly number[])[] }>>;
}

/** A complete census model. */
export interface CensusModelData {
  readonly format: typeof MODEL_FORMAT;
  /** Format version. */
  readonly version: 1;
  /** The NETWORK_VERSION it was built for. */
  readonly network: number;
  readonly meta: CensusModelMeta;
  /** Tables by node name. */
  readonly nodes: Readonly<Record<string, NodeTables>>;
  /** Income (PINCP) values within each bin: 33 weighted quantiles (0, 1/32, …, 1) per bin; empty for an unseen bin. */
  readonly income: readonly (readonly number[])[];
  /** Dictionary labels of the codes present, by PUMS variable then code. */
  readonly labels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly marginals: StoredMarginals;
}

/** Thrown when a stored or imported model is not usable. */
export class CensusModelError extends Error {
  override readonly name = 'CensusModelError';
}

/** Checks the shape a sampler relies on; throws CensusModelError naming the problem. */
export function assertModel(m: unknown, network: number): asserts m is CensusModelData {
  const x = m as Partial<CensusModelData> | null;
  if (!x || typeof x !== 'object' || x.format !== MODEL_FORMAT) throw new CensusModelError('Not a Persona Lab census model.');
  if (x.version !== 1) throw new CensusModelError(`Census model format version ${String(x.version)} is not supported.`);
  if (x.network !== network)
    throw new CensusModelError(`Census model built for network ${String(x.network)}, this app uses ${network}: rebuild it.`);
  if (!x.nodes || !x.income || !x.labels || !x.meta || !x.marginals) throw new CensusModelError('Census model is missing a section.');
}
