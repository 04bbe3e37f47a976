/**
 * Where the app's whole-set persona jobs run (the `set-jobs.ts` functions): the compute worker in the page
 * (`src/platform/persona-worker.ts`), in-process in tests. The state that uses them and the adapter that runs
 * them both name this interface, so neither imports the other.
 */
import type { CensusModelData } from '../census/index';
import type { AttributeComparison } from './compare';
import type { GenerateParams } from './generate';
import type { Persona, PersonaSplit } from './schema';
import type { GeneratedSet, ImportedSet } from './set-jobs';

/** Where generation and imports run. */
export interface PersonaJobs {
  /**
   * Generates a set; `model` is an imported census model, its id once sent, or undefined for the
   * default. Aborting `signal` rejects with an AbortError (a DOMException).
   */
  generate(
    params: GenerateParams,
    model: CensusModelData | string | undefined,
    onProgress: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<GeneratedSet>;
  /** Reads a persona file (its text, or its bytes for Parquet). */
  importFile(name: string, input: string | Uint8Array): Promise<ImportedSet>;
  /** The next persona for an index (LLM review). */
  redraw(
    params: GenerateParams,
    modelId: string | undefined,
    index: number,
    fromAttempt: number,
    split: PersonaSplit,
  ): Promise<{ persona: Persona; attempt: number }>;
  /** Sends an imported census model once; later calls name it by the returned id. */
  useModel(model: CensusModelData): Promise<string>;
  /** The census comparison of a set. */
  compare(personas: readonly Persona[], modelId?: string, range?: { minAge?: number; maxAge?: number }): Promise<AttributeComparison[]>;
}
