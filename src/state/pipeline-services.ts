/**
 * The pipeline's long-lived objects, made once on first use over the app's shared services: the
 * IndexedDB pipeline store, the prompt-set store, the call lanes every run shares (one request at a
 * time per WebGPU model, runs on other models in parallel), and the runs and prompt-sets state.
 */
import { Lanes } from '../core/pipeline/lanes';
import { DexiePipelineStore } from '../db/pipeline-store';
import { PromptSetStore } from '../db/prompt-set-store';
import { PromptSets } from './PromptSets.svelte';
import { Runs } from './Runs.svelte';
import { services } from './services';
import { detached } from './detached.svelte';

/** The pipeline's shared objects. */
export interface PipelineServices {
  readonly store: DexiePipelineStore;
  readonly promptSetStore: PromptSetStore;
  readonly lanes: Lanes;
  readonly runs: Runs;
  readonly promptSets: PromptSets;
}

let instance: PipelineServices | undefined;
let store: DexiePipelineStore | undefined;

/**
 * The app's one pipeline store (the Runs page and the statistics pages read and write through it,
 * so its queued checkpoints and its cache-key index are never split between two instances).
 */
export function pipelineStore(): DexiePipelineStore {
  return (store ??= new DexiePipelineStore(services().db));
}

/** The pipeline's shared objects, made on first call. */
export function pipelineServices(): PipelineServices {
  if (!instance) {
    const s = services();
    const store = pipelineStore();
    const promptSetStore = new PromptSetStore(s.db);
    const lanes = new Lanes();
    instance = detached(() => ({
      store,
      promptSetStore,
      lanes,
      runs: new Runs(store, lanes, s),
      promptSets: new PromptSets(promptSetStore, store, s),
    }));
  }
  return instance;
}
