/**
 * The WebGPU side of the app: the capability check, the catalogue with what this device can run,
 * loading with progress and cancel, the cached models, and browser storage.
 */
import { assessModel, buildCatalogue, defaultModel, type Assessment, type CatalogueModel } from '../core/llm/catalogue';
import { capabilityError, type GpuCapabilities } from '../core/llm/capability';
import { isLlmError, LlmError } from '../core/llm/errors';
import type { LoadProgress } from '../core/llm/load-progress';
import type { CachedModel } from '../core/llm/model-cache';
import { probeCapabilities } from '../platform/gpu-probe';
import type { LlmWorkerClient } from '../platform/llm-worker-client';
import { readStorage, requestPersistence, type StorageState } from '../platform/storage';

/** Any thrown value as an `LlmError`. */
export function asLlmError(e: unknown): LlmError {
  return isLlmError(e)
    ? e
    : new LlmError('unknown', e instanceof Error ? e.message : String(e), { hint: 'Reload the page and try again.' });
}

export class ModelManager {
  #caps = $state.raw<GpuCapabilities | undefined>();
  #catalogue = $state.raw<readonly CatalogueModel[]>([]);
  #cached = $state.raw<readonly CachedModel[]>([]);
  #partial = $state.raw<readonly CachedModel[]>([]);
  #storage = $state.raw<StorageState>({});
  #progress = $state.raw<LoadProgress | undefined>();
  #loading = $state<string | undefined>();
  #loaded = $state<string | undefined>();
  #error = $state.raw<LlmError | undefined>();
  #cancelling = $state(false);
  #lost = $state<string | undefined>();

  /** Why models cannot run here at all; undefined when an adapter exists or before the check. */
  readonly blocker = $derived(this.#caps ? capabilityError(this.#caps) : undefined);
  /** The default model for this device. */
  readonly recommended = $derived(this.#caps ? defaultModel(this.#catalogue, this.#caps) : undefined);

  readonly #worker: LlmWorkerClient;
  #controller: AbortController | undefined;
  #started: Promise<void> | undefined;
  /** The load under way, which a second load of the same model joins. */
  #loadingPromise: Promise<boolean> | undefined;
  #probed: Promise<void> | undefined;

  /** The capability check; undefined until it has run. */
  get caps() {
    return this.#caps;
  }
  /** The chat models of web-llm's prebuilt list, smallest first. */
  get catalogue() {
    return this.#catalogue;
  }
  /** Models whose every file is in the browser cache (they load without the network). */
  get cached() {
    return this.#cached;
  }
  /** Models with only some files in the cache: a download that was cancelled or failed part way. */
  get partial() {
    return this.#partial;
  }
  /** Storage used and available. */
  get storage() {
    return this.#storage;
  }
  /** Progress of the load in progress. */
  get progress() {
    return this.#progress;
  }
  /** The model being loaded. */
  get loading() {
    return this.#loading;
  }
  /** The model loaded in the GPU. */
  get loaded() {
    return this.#loaded;
  }
  /** The last failure (load, delete, catalogue). */
  get error() {
    return this.#error;
  }
  /** True while a load is being cancelled. */
  get cancelling() {
    return this.#cancelling;
  }
  /** The model that was loaded until the GPU device was lost (or the worker dropped it); offered for reloading. */
  get lost() {
    return this.#lost;
  }

  constructor(worker: LlmWorkerClient) {
    this.#worker = worker;
    worker.onLost((e, now) => this.#onLost(e, now));
  }

  /** The worker says the loaded model stopped answering: follow what it holds now, and say why. */
  #onLost(e: LlmError, now: string | undefined): void {
    if (this.#loading) return;
    const was = this.#loaded;
    this.#loaded = now;
    if (!was || now !== undefined) return;
    this.#lost = was;
    const hint =
      'Reload it: it comes from the browser cache, without a download. If this keeps happening, the GPU is probably running out of memory: choose a smaller model.';
    this.#error =
      e.kind === 'device-lost'
        ? new LlmError('device-lost', `The GPU device was lost, so ${was} is no longer loaded.`, { hint })
        : e.kind === 'model-not-loaded'
          ? new LlmError('device-lost', `${was} is no longer loaded on the GPU (the device was lost or reset).`, { hint })
          : new LlmError(e.kind, `${was} is no longer loaded: ${e.message}`, { hint });
  }

  /** Loads again the model that was lost; false when there is none. */
  reload(): Promise<boolean> {
    return this.#lost ? this.load(this.#lost) : Promise.resolve(false);
  }

  /** Runs the capability check alone (once), on this thread: no worker starts and web-llm is not downloaded. */
  probe(): Promise<void> {
    this.#probed ??= probeCapabilities().then((caps) => void (this.#caps = caps));
    return this.#probed;
  }

  /**
   * Runs the capability check, then starts the LLM worker (which downloads web-llm) to read the
   * catalogue, cache and storage (once; later calls wait for it).
   */
  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.probe();
      try {
        this.#catalogue = buildCatalogue(await this.#worker.records());
        const status = await this.#worker.status();
        this.#loaded = status.loadedModel;
      } catch (e) {
        this.#error = asLlmError(e);
      }
      await this.refresh();
    })();
    return this.#started;
  }

  /** Whether this device can run a model. */
  assess(m: CatalogueModel): Assessment {
    return this.#caps ? assessModel(m, this.#caps) : { fit: 'warn', reasons: ['Checking this device…'] };
  }

  /** Re-reads the cached models and storage figures. */
  async refresh(): Promise<void> {
    try {
      const all = await this.#worker.cachedModels();
      this.#cached = all.filter((c) => c.complete);
      this.#partial = all.filter((c) => !c.complete);
    } catch (e) {
      this.#error = asLlmError(e);
    }
    this.#storage = await readStorage();
  }

  /** Asks the browser to keep this site's storage (models, runs) from eviction, then re-reads the figures. */
  async persist(): Promise<void> {
    await requestPersistence();
    await this.refresh();
  }

  /**
   * Loads a model, asking for persistent storage first so the download is not evicted. Resolves to
   * whether it loaded. Asked again for the model being loaded, it joins that load; asked for another
   * model, it cancels the load under way (the worker loads the new one once the old has settled).
   */
  load(modelId: string): Promise<boolean> {
    if (this.#loading === modelId && this.#loadingPromise) return this.#loadingPromise;
    const p = this.#load(modelId);
    this.#loadingPromise = p;
    void p.finally(() => {
      if (this.#loadingPromise === p) this.#loadingPromise = undefined;
    });
    return p;
  }

  async #load(modelId: string): Promise<boolean> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#error = undefined;
    this.#lost = undefined;
    this.#loading = modelId;
    this.#loaded = undefined;
    this.#progress = undefined;
    if (this.#storage.persisted !== true) await requestPersistence();
    try {
      await this.#worker.load(modelId, { signal: controller.signal, onProgress: (p) => (this.#progress = p) });
      this.#loaded = modelId;
      return true;
    } catch (e) {
      this.#error = asLlmError(e);
      // A load cancelled before the engine started on it leaves the previous model in place.
      if (this.#controller === controller)
        this.#loaded = (await this.#worker.status().catch(() => ({ loadedModel: undefined }))).loadedModel;
      return false;
    } finally {
      if (this.#controller === controller) {
        this.#loading = undefined;
        this.#cancelling = false;
        this.#controller = undefined;
      }
      await this.refresh();
    }
  }

  /** Cancels the load in progress. */
  cancel(): void {
    if (!this.#controller) return;
    this.#cancelling = true;
    this.#controller.abort();
  }

  /** Unloads the loaded model, freeing the GPU. */
  async unload(): Promise<void> {
    try {
      await this.#worker.unload();
      this.#loaded = undefined;
      this.#lost = undefined;
    } catch (e) {
      this.#error = asLlmError(e);
    }
  }

  /** Deletes a model from the cache. */
  async remove(modelId: string): Promise<void> {
    try {
      await this.#worker.deleteModel(modelId);
      if (this.#loaded === modelId) this.#loaded = undefined;
    } catch (e) {
      this.#error = asLlmError(e);
    }
    await this.refresh();
  }
}
