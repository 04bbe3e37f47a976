/** The compute worker as the persona pages use it (the same worker as the census import). */
import { proxy } from 'comlink';
import { censusComputeWorker } from './census-worker';
import type { CensusModelData } from '../core/census/index';
import type { GenerateParams } from '../core/personas/generate';
import type { GeneratedSet, ImportedSet } from '../core/personas/set-jobs';
import type { Persona, PersonaSplit } from '../core/personas/schema';
import type { AttributeComparison } from '../core/personas/compare';
import type { PersonaJobs } from '../state/PersonaSets.svelte';

/** Persona jobs run in the compute worker. */
export const workerPersonaJobs: PersonaJobs = {
  /** Generates a set; `model` is an imported census model, its id once sent, or undefined for the default. */
  generate(params: GenerateParams, model: CensusModelData | string | undefined, onProgress: (done: number, total: number) => void): Promise<GeneratedSet> {
    return censusComputeWorker().generatePersonaSet(params, model, proxy(onProgress)) as Promise<GeneratedSet>;
  },
  /** Reads a persona file. */
  importFile(name: string, text: string): Promise<ImportedSet> {
    return censusComputeWorker().importPersonaFile(name, text) as Promise<ImportedSet>;
  },
  /** The next persona for an index (LLM review). */
  redraw(params: GenerateParams, modelId: string | undefined, index: number, fromAttempt: number, split: PersonaSplit): Promise<{ persona: Persona; attempt: number }> {
    return censusComputeWorker().redrawPersona(params, modelId, index, fromAttempt, split) as Promise<{ persona: Persona; attempt: number }>;
  },
  /** Sends an imported census model once; later calls name it by the returned id. */
  useModel(model: CensusModelData): Promise<string> {
    return censusComputeWorker().usePersonaCensusModel(model) as Promise<string>;
  },
  /** The census comparison of a set. */
  compare(personas: readonly Persona[], modelId?: string, range?: { minAge?: number; maxAge?: number }): Promise<AttributeComparison[]> {
    return censusComputeWorker().comparePersonaSet(personas, modelId, range) as Promise<AttributeComparison[]>;
  },
};
