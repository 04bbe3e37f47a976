/**
 * Everything the LLM worker does, as a plain object over an engine and a few platform functions
 * given from outside: `llm.worker.ts` passes web-llm's `MLCEngine` and the browser's caches; unit
 * tests pass a scripted engine. Every answer is a `WireResult`, so failures cross as `LlmError`s.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, InitProgressReport } from '@mlc-ai/web-llm';
import { releaseProxy } from 'comlink';
import { buildCatalogue, type PrebuiltRecord } from '../src/core/llm/catalogue';
import { LlmError } from '../src/core/llm/errors';
import { LoadTracker, type LoadProgress } from '../src/core/llm/load-progress';
import { cachedModels, type CacheEntry, type CachedModel } from '../src/core/llm/model-cache';
import type { GenerateRequest, GenerateResult } from '../src/core/llm/types';
import { mapWebLlmError, NO_ADAPTER_HINT } from '../src/core/llm/webllm-errors';
import { wireErr, wireOk, type EngineStatus, type LoadInfo, type WireResult } from '../src/core/llm/worker-protocol';
import { runCompletion } from './llm-generate';

/** The part of web-llm's `MLCEngine` the worker uses; `test/doubles/scripted-engine.ts` mimics exactly this. */
export interface EngineLike {
  reload(modelId: string): Promise<void>;
  setInitProgressCallback(cb: (report: InitProgressReport) => void): void;
  readonly chat: {
    readonly completions: { create(request: ChatCompletionRequest): Promise<ChatCompletion | AsyncIterable<ChatCompletionChunk>> };
  };
  interruptGenerate(): void;
  unload(): Promise<void>;
}

/** What the GPU check inside the worker found. */
export interface WorkerGpu {
  readonly hasWebGpu: boolean;
  readonly hasAdapter: boolean;
  readonly shaderF16: boolean;
}

/** The platform the worker runs on. */
export interface LlmRuntime {
  /** Makes the engine (once, on the first load). */
  createEngine(): EngineLike | Promise<EngineLike>;
  /** web-llm's prebuilt model records. */
  records(): readonly PrebuiltRecord[];
  /** Every cached file with its size. */
  cacheEntries(): Promise<CacheEntry[]>;
  /** Deletes a model's weights, tokenizer, configuration and library from the cache. */
  deleteModel(modelId: string): Promise<void>;
  /** Checks WebGPU from inside the worker. */
  probeGpu(): Promise<WorkerGpu>;
  /** Registers a listener for URLs the engine requests (and whether the request failed). */
  onFetch?(listener: (url: string, failed: boolean) => void): void;
}

type Callback<T> = ((value: T) => void) & { [releaseProxy]?: () => void };

const release = (cb: Callback<never> | undefined) => cb?.[releaseProxy]?.();

interface Loading {
  readonly modelId: string;
  readonly tracker: LoadTracker;
  readonly emit: (p: LoadProgress) => void;
  cancelled: boolean;
  lastUrl?: string;
  failedUrl?: string;
}

/** Builds the worker's API over a runtime. */
export function createLlmApi(runtime: LlmRuntime) {
  let engine: EngineLike | undefined;
  let loaded: string | undefined;
  let loading: Loading | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let running: string | undefined;
  const queued = new Set<string>();
  const cancelled = new Set<string>();

  runtime.onFetch?.((url, failed) => {
    if (!loading) return;
    loading.lastUrl = url;
    if (failed) loading.failedUrl ??= url;
    else {
      const p = loading.tracker.url(url);
      if (p) loading.emit(p);
    }
  });

  const recordOf = (id: string) => runtime.records().find((r) => r.model_id === id);

  return {
    /** web-llm's prebuilt model records (plain data). */
    async records(): Promise<PrebuiltRecord[]> {
      return runtime.records().map((r) => ({
        model: r.model,
        model_id: r.model_id,
        model_lib: r.model_lib,
        ...(r.vram_required_MB !== undefined ? { vram_required_MB: r.vram_required_MB } : {}),
        ...(r.low_resource_required !== undefined ? { low_resource_required: r.low_resource_required } : {}),
        ...(r.buffer_size_required_bytes !== undefined ? { buffer_size_required_bytes: r.buffer_size_required_bytes } : {}),
        ...(r.required_features ? { required_features: [...r.required_features] } : {}),
        ...(r.model_type !== undefined ? { model_type: r.model_type } : {}),
        ...(r.overrides?.context_window_size !== undefined ? { overrides: { context_window_size: r.overrides.context_window_size } } : {}),
      }));
    },

    /** Downloads (or reads from the cache) and loads a model, reporting progress. */
    async load(modelId: string, onProgress?: Callback<LoadProgress>): Promise<WireResult<LoadInfo>> {
      const tracker = new LoadTracker();
      const state: Loading = { modelId, tracker, cancelled: false, emit: (p) => void Promise.resolve(onProgress?.(p)).catch(() => {}) };
      if (loading) loading.cancelled = true;
      loading = state;
      const fail = (e: unknown) =>
        wireErr<LoadInfo>(
          state.cancelled
            ? mapWebLlmError('AbortError: cancelled', { modelId, phase: tracker.phase })
            : mapWebLlmError(e, {
                modelId,
                phase: tracker.phase,
                ...((state.failedUrl ?? state.lastUrl) ? { url: state.failedUrl ?? state.lastUrl } : {}),
              }),
        );
      try {
        state.emit(tracker.enter('checking-gpu'));
        const record = recordOf(modelId);
        if (!record) return fail(`Cannot find model record in appConfig for ${modelId}.`);
        const gpu = await runtime.probeGpu();
        if (!gpu.hasWebGpu) return fail('WebGPUNotAvailableError: WebGPU is not supported in your current environment');
        if (!gpu.hasAdapter) {
          return wireErr(
            new LlmError('no-adapter', 'WebGPU is present, but the browser offers no GPU adapter.', { hint: NO_ADAPTER_HINT }),
          );
        }
        const catalogued = buildCatalogue([record])[0];
        if (catalogued?.needsF16 && !gpu.shaderF16) return fail('ShaderF16SupportError: This model requires WebGPU extension shader-f16');
        if (state.cancelled) return fail('cancelled');
        engine ??= await runtime.createEngine();
        engine.setInitProgressCallback((r) => {
          if (loading === state) state.emit(tracker.report(r));
        });
        loaded = undefined;
        await engine.reload(modelId);
        if (state.cancelled) return fail('cancelled');
        loaded = modelId;
        const ready = tracker.enter('ready');
        state.emit(ready);
        return wireOk({ modelId, seconds: ready.elapsedS });
      } catch (e) {
        return fail(e);
      } finally {
        if (loading === state) loading = undefined;
        release(onProgress);
      }
    },

    /** Cancels the load in progress (web-llm aborts its downloads when unloaded). */
    async cancelLoad(): Promise<void> {
      if (!loading) return;
      loading.cancelled = true;
      loaded = undefined;
      await engine?.unload().catch(() => {});
    },

    /**
     * Generates a reply; `id` names the call for `interrupt`; `model`, when given, must be the loaded
     * model (so a client never silently talks to another one). Calls run one at a time, in order.
     */
    async generate(
      id: string,
      model: string | undefined,
      request: GenerateRequest,
      onDelta?: Callback<string>,
    ): Promise<WireResult<GenerateResult>> {
      queued.add(id);
      const run = async (): Promise<WireResult<GenerateResult>> => {
        queued.delete(id);
        try {
          if (cancelled.delete(id)) return wireErr(mapWebLlmError('AbortError: stopped before it started'));
          if (!engine || !loaded) return wireErr(mapWebLlmError('ModelNotLoadedError: Model not loaded'));
          if (model !== undefined && model !== loaded) {
            return wireErr(
              new LlmError('model-not-loaded', `${model} is not loaded (the loaded model is ${loaded}).`, {
                hint: `Load ${model} on the Models page, or choose ${loaded}.`,
              }),
            );
          }
          running = id;
          return wireOk(
            await runCompletion(engine, loaded, request, onDelta ? (d) => void Promise.resolve(onDelta(d)).catch(() => {}) : undefined),
          );
        } catch (e) {
          const error = mapWebLlmError(e, loaded ? { modelId: loaded } : {});
          // A lost device (or an engine that lost its model) cannot answer again: status() says so from now on.
          if (error.kind === 'device-lost' || error.kind === 'model-not-loaded') loaded = undefined;
          return wireErr(error);
        } finally {
          running = undefined;
          release(onDelta);
        }
      };
      const p = chain.then(run, run);
      chain = p.catch(() => {});
      return p;
    },

    /** Stops call `id`: interrupts it when running, drops it when queued. */
    async interrupt(id: string): Promise<void> {
      if (running === id) engine?.interruptGenerate();
      else if (queued.has(id)) cancelled.add(id);
    },

    /** Unloads the model and frees the GPU. */
    async unload(): Promise<WireResult<void>> {
      try {
        if (running) engine?.interruptGenerate();
        if (loading) loading.cancelled = true;
        loaded = undefined;
        await engine?.unload();
        return wireOk(undefined);
      } catch (e) {
        return wireErr(mapWebLlmError(e));
      }
    },

    /** The loaded and the loading model. */
    async status(): Promise<EngineStatus> {
      return { ...(loaded ? { loadedModel: loaded } : {}), ...(loading ? { loadingModel: loading.modelId } : {}) };
    },

    /** The models in the browser cache, with their sizes. */
    async cachedModels(): Promise<WireResult<CachedModel[]>> {
      try {
        const records = runtime.records();
        const libs = new Map(records.map((r) => [r.model_id, r.model_lib]));
        return wireOk(cachedModels(buildCatalogue(records), libs, await runtime.cacheEntries()));
      } catch (e) {
        return wireErr(mapWebLlmError(e));
      }
    },

    /** Deletes a model's files from the cache (unloading it first when it is loaded). */
    async deleteModel(modelId: string): Promise<WireResult<void>> {
      try {
        if (loaded === modelId) {
          loaded = undefined;
          await engine?.unload();
        }
        await runtime.deleteModel(modelId);
        return wireOk(undefined);
      } catch (e) {
        return wireErr(mapWebLlmError(e, { modelId }));
      }
    },
  };
}

/** The worker's API, as the main thread sees it through comlink. */
export type LlmApi = ReturnType<typeof createLlmApi>;
