/**
 * Persona-set jobs as they run in the app's one compute worker (`computeClient()`). Imported census
 * models are sent once and named by id afterwards; when the worker has been restarted since (a
 * cancelled computation terminates it), a model is sent again before a call names it.
 */
import type { CensusModelData } from '../core/census/index';
import type { AttributeComparison } from '../core/personas/compare';
import type { GenerateParams } from '../core/personas/generate';
import type { Persona, PersonaSplit } from '../core/personas/schema';
import type { GeneratedSet, ImportedSet } from '../core/personas/set-jobs';
import type { PersonaJobs } from '../core/personas/persona-jobs';
import { computeClient, type ComputeClient } from './compute-client';

/** Persona jobs over a compute client (the app's one by default). */
export function computePersonaJobs(compute: ComputeClient = computeClient()): PersonaJobs {
  /** Models sent, by id, with the worker generation that received them. */
  const sent = new Map<string, { model: CensusModelData; generation: number }>();
  const send = async (model: CensusModelData): Promise<string> => {
    const id = (await compute.run((api) => api.usePersonaCensusModel(model))) as string;
    sent.set(id, { model, generation: compute.generation });
    return id;
  };
  /** Makes sure the running worker knows model `id` (the default model needs no sending). */
  const known = async (id: string | undefined): Promise<void> => {
    const s = id === undefined ? undefined : sent.get(id);
    if (s && s.generation !== compute.generation) await send(s.model);
  };
  return {
    generate(
      params: GenerateParams,
      model: CensusModelData | string | undefined,
      onProgress: (done: number, total: number) => void,
      signal?: AbortSignal,
    ): Promise<GeneratedSet> {
      return compute.run((api) => api.generatePersonaSet(params, model, compute.progress(onProgress)) as Promise<GeneratedSet>, signal);
    },
    importFile(name: string, input: string | Uint8Array): Promise<ImportedSet> {
      return compute.run((api) => api.importPersonaFile(name, input) as Promise<ImportedSet>);
    },
    async redraw(
      params: GenerateParams,
      modelId: string | undefined,
      index: number,
      fromAttempt: number,
      split: PersonaSplit,
    ): Promise<{ persona: Persona; attempt: number }> {
      await known(modelId);
      return compute.run(
        (api) => api.redrawPersona(params, modelId, index, fromAttempt, split) as Promise<{ persona: Persona; attempt: number }>,
      );
    },
    useModel: send,
    async compare(
      personas: readonly Persona[],
      modelId?: string,
      range?: { minAge?: number; maxAge?: number },
    ): Promise<AttributeComparison[]> {
      await known(modelId);
      return compute.run((api) => api.comparePersonaSet(personas, modelId, range) as Promise<AttributeComparison[]>);
    },
  };
}
