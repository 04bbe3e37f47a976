/**
 * The main thread's side of the LLM worker, through the one `WorkerBridge`: started lazily on first
 * use, every call taking an `AbortSignal`. Failures arrive as serialized `LlmError`s and are rethrown
 * as such. An abort never terminates this worker (it holds the model): a reply is interrupted and
 * ends as stopped, a load is cancelled in the worker, other calls just stop waiting. A worker that
 * crashes is replaced on next use. Only web-llm's *types* are imported here, so web-llm stays out of
 * the main bundle.
 */
import type { LlmWorkerApi } from '../../workers/llm.worker';
import type { PrebuiltRecord } from '../core/llm/catalogue';
import { LlmError } from '../core/llm/errors';
import { PHASE_LABELS, type LoadProgress } from '../core/llm/load-progress';
import type { CachedModel } from '../core/llm/model-cache';
import { clientIdentity, type GenerateOptions, type GenerateRequest, type GenerateResult, type LlmClient } from '../core/llm/types';
import { unwire, type EngineStatus, type LoadInfo } from '../core/llm/worker-protocol';
import { WorkerBridge, type SpawnWorker } from './worker-bridge';

export type { SpawnWorker, WorkerHandle } from './worker-bridge';

const spawnModuleWorker: SpawnWorker = () =>
  new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'persona-lab-llm' });

/** How long a cancelled load may take to answer before its caller stops waiting (the worker lets it settle). */
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

/** Options of the client itself. */
export interface LlmWorkerClientOptions {
  /** How long a cancelled load may take to answer before its caller stops waiting. Default 3000 ms. */
  readonly cancelGraceMs?: number;
}

/**
 * Told when the loaded model stopped being usable: `error` is what happened (a lost GPU device, a
 * model no longer loaded, a worker that crashed) and `loadedModel` what the worker holds now.
 */
export type LostListener = (error: LlmError, loadedModel: string | undefined) => void;

/** The WebLLM runtime as the page uses it: one worker, one engine, one loaded model at a time. */
export class LlmWorkerClient {
  readonly #bridge: WorkerBridge<LlmWorkerApi>;
  readonly #lost = new Set<LostListener>();
  readonly #cancelGraceMs: number;
  #seq = 0;

  constructor(spawn: SpawnWorker = spawnModuleWorker, options: LlmWorkerClientOptions = {}) {
    this.#cancelGraceMs = options.cancelGraceMs ?? CANCEL_GRACE_MS;
    this.#bridge = new WorkerBridge<LlmWorkerApi>({
      spawn,
      aborted: () => aborted('Cancelled.'),
      crashed: (message) => new LlmError('unknown', `The model worker stopped: ${message}.`, { hint: 'Reload the page and try again.' }),
      restarted: () => aborted('The model worker was stopped.'),
      wrapError: (e) =>
        e instanceof LlmError
          ? e
          : new LlmError('unknown', `The model worker failed: ${e instanceof Error ? e.message : String(e)}`, {
              hint: 'Reload the page and try again.',
            }),
    });
    this.#bridge.onCrash((e) => this.#emitLost(e instanceof LlmError ? e : new LlmError('unknown', e.message), undefined));
  }

  /** Whether the worker is running. */
  get started(): boolean {
    return this.#bridge.started;
  }

  #call<T>(fn: (api: LlmWorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    // Every method of the API is async already, so the comlink remote has the API's own shape.
    return this.#bridge.call((api) => fn(api as unknown as LlmWorkerApi), { onAbort: 'nothing', ...(signal ? { signal } : {}) });
  }

  /** Calls `listener` whenever the loaded model stops being usable; returns the unsubscribe function. */
  onLost(listener: LostListener): () => void {
    this.#lost.add(listener);
    return () => void this.#lost.delete(listener);
  }

  #emitLost(e: LlmError, loadedModel: string | undefined): void {
    for (const listener of this.#lost) listener(e, loadedModel);
  }

  /** Stops the worker (freeing the GPU); the next call starts a fresh one with no model loaded. */
  terminate(): void {
    this.#bridge.terminate(aborted('The model worker was stopped.'));
  }

  /** web-llm's prebuilt model records. */
  records(signal?: AbortSignal): Promise<PrebuiltRecord[]> {
    return this.#call((api) => api.records(), signal);
  }

  /**
   * Loads a model (downloading what is not cached); a load of the model being loaded joins it, a load
   * of another waits for the one before to settle. Rejects with an `LlmError`. Aborting cancels it in
   * the worker: the promise rejects at once with kind "aborted", naming the phase reached (or after
   * the grace time if the worker does not answer; nothing else is rejected or stopped).
   */
  async load(modelId: string, options: LoadOptions = {}): Promise<LoadInfo> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw aborted(`Loading ${modelId} was cancelled before it started.`);
    const ticket = `l${++this.#seq}`;
    let last: LoadProgress | undefined;
    const callback = this.#bridge.proxy((p: LoadProgress) => {
      last = p;
      onProgress?.(p);
    });
    const work = this.#call((api) => api.load(ticket, modelId, callback)).then(unwire);
    if (!signal) return work;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      const onAbort = () => {
        void this.#call((api) => api.cancelLoad(ticket)).catch(() => {});
        timer = setTimeout(() => {
          const where = last ? ` while ${PHASE_LABELS[last.phase].toLowerCase()}` : '';
          reject(aborted(`Loading ${modelId} was cancelled${where}.`));
        }, this.#cancelGraceMs);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      work.finally(() => signal.removeEventListener('abort', onAbort)).catch(() => {});
    });
    try {
      const info = await Promise.race([work, gaveUp]);
      if (signal.aborted) throw aborted(`Loading ${modelId} was cancelled.`);
      return info;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Generates with the loaded model (which must be `model` when given). Aborting interrupts it: the
   * call rejects with kind "aborted" and the text so far once the worker has stopped it.
   */
  async generate(request: GenerateRequest, options: GenerateOptions = {}, model?: string): Promise<GenerateResult> {
    const { signal, onDelta } = options;
    if (signal?.aborted) throw aborted('Generation was stopped.');
    const id = `g${++this.#seq}`;
    const onAbort = () => void this.#call((api) => api.interrupt(id)).catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const plain: GenerateRequest = JSON.parse(JSON.stringify(request)) as GenerateRequest;
      const result = unwire(await this.#call((api) => api.generate(id, model, plain, onDelta ? this.#bridge.proxy(onDelta) : undefined)));
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

  /** Unloads the model, once the reply under way (if any) has stopped. */
  async unload(signal?: AbortSignal): Promise<void> {
    if (!this.started) return;
    unwire(await this.#call((api) => api.unload(), signal));
  }

  /** The loaded and loading model (nothing when the worker is not running). */
  async status(signal?: AbortSignal): Promise<EngineStatus> {
    return this.started ? this.#call((api) => api.status(), signal) : {};
  }

  /** The models in the browser cache with their sizes, complete or not. */
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
class WebLlmClient implements LlmClient {
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
