/**
 * Persona-set jobs as they run in the app's one compute worker (`app().compute`). Imported census
 * models are sent once and named by id afterwards; a worker started since (a cancelled computation
 * terminates it, an idle one is released) no longer knows them, so a call naming one sends it again
 * first, inside the same turn, to the same worker.
 */
import type { Remote } from 'comlink';
import type { CensusModelData } from '../core/census/index';
import type { AttributeComparison } from '../core/personas/compare';
import type { GenerateParams } from '../core/personas/generate';
import type { Persona, PersonaSplit } from '../core/personas/schema';
import type { GeneratedSet, ImportedSet } from '../core/personas/set-jobs';
import type { PersonaJobs } from '../core/personas/persona-jobs';
import type { ComputeWorkerApi } from '../../workers/compute.worker';
import type { ComputeClient } from './compute-client';

/** Persona jobs over a compute client (the app's one). */
export function computePersonaJobs(compute: ComputeClient): PersonaJobs {
  /** Models sent, by id, with the worker generations that received them. */
  const sent = new Map<string, { model: CensusModelData; generations: Set<number> }>();
  /** Makes sure the worker `generation` knows model `id` (the default model needs no sending). */
  const known = async (api: Remote<ComputeWorkerApi>, generation: number, id: string | undefined): Promise<void> => {
    const s = id === undefined ? undefined : sent.get(id);
    if (!s || s.generations.has(generation)) return;
    await api.usePersonaCensusModel(s.model);
    s.generations.add(generation);
  };
  return {
    generate(
      params: GenerateParams,
      model: CensusModelData | string | undefined,
      onProgress: (done: number, total: number) => void,
      signal?: AbortSignal,
    ): Promise<GeneratedSet> {
      return compute.run(async (api, generation) => {
        if (typeof model === 'string') await known(api, generation, model);
        return (await api.generatePersonaSet(params, model, compute.progress(onProgress))) as GeneratedSet;
      }, signal);
    },
    importFile(name: string, input: string | Uint8Array): Promise<ImportedSet> {
      return compute.run((api) => api.importPersonaFile(name, input) as Promise<ImportedSet>);
    },
    redraw(
      params: GenerateParams,
      modelId: string | undefined,
      index: number,
      fromAttempt: number,
      split: PersonaSplit,
    ): Promise<{ persona: Persona; attempt: number }> {
      return compute.run(async (api, generation) => {
        await known(api, generation, modelId);
        return (await api.redrawPersona(params, modelId, index, fromAttempt, split)) as { persona: Persona; attempt: number };
      });
    },
    useModel(model: CensusModelData): Promise<string> {
      return compute.run(async (api, generation) => {
        const id = (await api.usePersonaCensusModel(model)) as string;
        sent.set(id, { model, generations: new Set([generation]) });
        return id;
      });
    },
    compare(personas: readonly Persona[], modelId?: string, range?: { minAge?: number; maxAge?: number }): Promise<AttributeComparison[]> {
      return compute.run(async (api, generation) => {
        await known(api, generation, modelId);
        return (await api.comparePersonaSet(personas, modelId, range)) as AttributeComparison[];
      });
    },
  };
}
