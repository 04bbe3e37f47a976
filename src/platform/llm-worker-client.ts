/**
 * The main thread's side of the LLM worker: started lazily on first use, wrapped once with comlink,
 * every call taking an `AbortSignal`. Failures arrive as serialized `LlmError`s and are rethrown as
 * such; a worker that dies or does not stop when cancelled is terminated and replaced on next use.
 * Only web-llm's *types* are imported here, so web-llm stays out of the main bundle.
 */
import { proxy, wrap, type Endpoint } from 'comlink';
import type { LlmWorkerApi } from '../../workers/llm.worker';
import type { PrebuiltRecord } from '../core/llm/catalogue';
import { LlmError } from '../core/llm/errors';
import { PHASE_LABELS, type LoadProgress } from '../core/llm/load-progress';
import type { CachedModel } from '../core/llm/model-cache';
import { clientIdentity, type GenerateOptions, type GenerateRequest, type GenerateResult, type LlmClient } from '../core/llm/types';
import { unwire, type EngineStatus, type LoadInfo } from '../core/llm/worker-protocol';

/** A started worker: a comlink endpoint that can be terminated and may report a fatal error. */
export interface WorkerHandle extends Endpoint {
  terminate?(): void;
}

/** Starts the worker. The default starts workers/llm.worker.ts as a module worker. */
export type SpawnWorker = () => WorkerHandle;

const spawnModuleWorker: SpawnWorker = () =>
  new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'persona-lab-llm' });

/** How long a cancelled load may take to stop before the worker is terminated. */
const CANCEL_GRACE_MS = 3000;

const aborted = (message: string, partialText?: string) =>
  new LlmError('aborted', message, { hint: 'Start again when you are ready.', ...(partialText ? { partialText } : {}) });

/** Options of `load`. */
export interface LoadOptions {
  /** Receives each progress update. */
  readonly onProgress?: (p: LoadProgress) => void;
  /** Cancels the load: the promise rejects with kind "aborted" naming the phase reached. */
  readonly signal?: AbortSignal;
}

/**
 * Told when the loaded model stopped being usable: `error` is what happened (a lost GPU device, a
 * model no longer loaded, a worker that crashed) and `loadedModel` what the worker holds now.
 */
export type LostListener = (error: LlmError, loadedModel: string | undefined) => void;

/** The WebLLM runtime as the page uses it: one worker, one engine, one loaded model at a time. */
export class LlmWorkerClient {
  readonly #spawn: SpawnWorker;
  readonly #lost = new Set<LostListener>();
  #handle: WorkerHandle | undefined;
  /** Every method of the API is async already, so the comlink remote has the API's own shape. */
  #remote: LlmWorkerApi | undefined;
  #seq = 0;
  readonly #pending = new Set<(e: LlmError) => void>();

  constructor(spawn: SpawnWorker = spawnModuleWorker) {
    this.#spawn = spawn;
  }

  /** Whether the worker is running. */
  get started(): boolean {
    return this.#remote !== undefined;
  }

  #api(): LlmWorkerApi {
    if (!this.#remote) {
      const handle = this.#spawn();
      this.#handle = handle;
      handle.addEventListener('error', ((ev: { message?: string }) => {
        const e = new LlmError('unknown', `The model worker stopped: ${ev.message ?? 'it failed to start'}.`, {
          hint: 'Reload the page and try again.',
        });
        this.#fail(e);
        this.#emitLost(e, undefined);
      }) as EventListener);
      this.#remote = wrap<LlmWorkerApi>(handle) as unknown as LlmWorkerApi;
    }
    return this.#remote;
  }

  /**
   * Runs a worker call that also rejects when the worker dies or is terminated, and at once (kind
   * "aborted") when `signal` aborts; the worker finishes such a call on its own and its answer is dropped.
   */
  #call<T>(fn: (api: LlmWorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(aborted('Cancelled.'));
      const onAbort = () => reject(aborted('Cancelled.'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.add(reject);
      fn(this.#api())
        .then(resolve, (e: unknown) =>
          reject(
            e instanceof LlmError
              ? e
              : new LlmError('unknown', `The model worker failed: ${e instanceof Error ? e.message : String(e)}`, {
                  hint: 'Reload the page and try again.',
                }),
          ),
        )
        .finally(() => {
          this.#pending.delete(reject);
          signal?.removeEventListener('abort', onAbort);
        });
    });
  }

  /** Calls `listener` whenever the loaded model stops being usable; returns the unsubscribe function. */
  onLost(listener: LostListener): () => void {
    this.#lost.add(listener);
    return () => void this.#lost.delete(listener);
  }

  #emitLost(e: LlmError, loadedModel: string | undefined): void {
    for (const listener of this.#lost) listener(e, loadedModel);
  }

  #fail(e: LlmError): void {
    for (const reject of this.#pending) reject(e);
    this.#pending.clear();
    this.terminate();
  }

  /** Stops the worker (freeing the GPU); the next call starts a fresh one with no model loaded. */
  terminate(): void {
    this.#handle?.terminate?.();
    this.#handle = undefined;
    this.#remote = undefined;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const reject of pending) reject(aborted('The model worker was stopped.'));
  }

  /** web-llm's prebuilt model records. */
  records(signal?: AbortSignal): Promise<PrebuiltRecord[]> {
    return this.#call((api) => api.records(), signal);
  }

  /** Loads a model (downloading what is not cached). Rejects with an `LlmError`. */
  async load(modelId: string, options: LoadOptions = {}): Promise<LoadInfo> {
    const { signal, onProgress } = options;
    let last: LoadProgress | undefined;
    if (signal?.aborted) throw aborted(`Loading ${modelId} was cancelled before it started.`);
    const work = this.#call((api) =>
      api.load(
        modelId,
        proxy((p: LoadProgress) => {
          last = p;
          onProgress?.(p);
        }),
      ),
    ).then(unwire);
    if (!signal) return work;
    const onAbort = () => {
      void this.#call((api) => api.cancelLoad()).catch(() => {});
      const timer = setTimeout(() => {
        const where = last ? ` while ${PHASE_LABELS[last.phase].toLowerCase()}` : '';
        this.#fail(aborted(`Loading ${modelId} was cancelled${where}.`));
      }, CANCEL_GRACE_MS);
      work.finally(() => clearTimeout(timer)).catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const info = await work;
      if (signal.aborted) throw aborted(`Loading ${modelId} was cancelled.`);
      return info;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Generates with the loaded model (which must be `model` when given). Aborting interrupts it and
   * rejects with kind "aborted" and the text so far.
   */
  async generate(request: GenerateRequest, options: GenerateOptions = {}, model?: string): Promise<GenerateResult> {
    const { signal, onDelta } = options;
    if (signal?.aborted) throw aborted('Generation was stopped.');
    const id = `g${++this.#seq}`;
    const onAbort = () => void this.#call((api) => api.interrupt(id)).catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const plain: GenerateRequest = JSON.parse(JSON.stringify(request)) as GenerateRequest;
      const result = unwire(await this.#call((api) => api.generate(id, model, plain, onDelta ? proxy(onDelta) : undefined)));
      if (signal?.aborted || result.finishReason === 'abort') throw aborted('Generation was stopped.', result.text);
      return result;
    } catch (e) {
      if (e instanceof LlmError && (e.kind === 'device-lost' || e.kind === 'model-not-loaded')) {
        const now = await this.status().catch((): EngineStatus => ({}));
        this.#emitLost(e, now.loadedModel);
      }
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Unloads the model. */
  async unload(signal?: AbortSignal): Promise<void> {
    if (!this.#remote) return;
    unwire(await this.#call((api) => api.unload(), signal));
  }

  /** The loaded and loading model (nothing when the worker is not running). */
  async status(signal?: AbortSignal): Promise<EngineStatus> {
    return this.#remote ? this.#call((api) => api.status(), signal) : {};
  }

  /** The models in the browser cache with their sizes. */
  async cachedModels(signal?: AbortSignal): Promise<CachedModel[]> {
    return unwire(await this.#call((api) => api.cachedModels(), signal));
  }

  /** Deletes a model's files from the cache (an abort stops the wait, not a deletion under way). */
  async deleteModel(modelId: string, signal?: AbortSignal): Promise<void> {
    unwire(await this.#call((api) => api.deleteModel(modelId), signal));
  }

  /** An `LlmClient` for the given (loaded) model. */
  client(modelId: string): LlmClient {
    return new WebLlmClient(this, modelId);
  }
}

/** The `LlmClient` of a model loaded in the LLM worker. */
export class WebLlmClient implements LlmClient {
  readonly backend = 'webllm';
  readonly supportsJsonSchema = true;
  readonly model: string;
  /** "webllm:<model id>". */
  readonly identity: string;
  readonly #runtime: LlmWorkerClient;

  constructor(runtime: LlmWorkerClient, model: string) {
    this.#runtime = runtime;
    this.model = model;
    this.identity = clientIdentity(this.backend, model);
  }

  /** Generates one reply; rejects with an `LlmError` (kind "model-not-loaded" when another model is loaded). */
  async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    return this.#runtime.generate(request, options, this.model);
  }
}
