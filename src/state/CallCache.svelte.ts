/**
 * The one model-call cache as pages show it: how many answers it holds, and clearing it (what the
 * "storage is full" message asks people to do). Runs, leave-one-out judgements and persona sets keep
 * their outputs when it is cleared; only work not yet stored asks the model again.
 */
import type { DexiePipelineStore } from '../db/pipeline-store';

/** The call cache's count and the clear action. */
export class CallCache {
  #count = $state<number | null>(null);
  #clearing = $state(false);
  #notice = $state<string | null>(null);
  readonly #store: DexiePipelineStore;

  /** Answers stored; null until read. */
  get count() {
    return this.#count;
  }
  /** True while clearing. */
  get clearing() {
    return this.#clearing;
  }
  /** What the last action did, or why it failed. */
  get notice() {
    return this.#notice;
  }

  constructor(store: DexiePipelineStore) {
    this.#store = store;
  }

  /** Reads the count again. */
  async refresh(): Promise<void> {
    try {
      this.#count = await this.#store.cachedCalls();
    } catch (e) {
      this.#notice = `The call cache could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Deletes every cached answer. */
  async clear(): Promise<void> {
    if (this.#clearing) return;
    this.#clearing = true;
    try {
      const n = await this.#store.clearCache();
      this.#notice = `Cleared ${n} cached answer${n === 1 ? '' : 's'}.`;
      this.#count = 0;
    } catch (e) {
      this.#notice = `The call cache could not be cleared: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.#clearing = false;
    }
  }
}
