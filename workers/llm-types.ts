/**
 * What the LLM worker's API is built over: the engine (web-llm's `MLCEngine`, or the scripted one in
 * tests) and the platform it runs on (the browser's caches and GPU, or stand-ins).
 */
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, InitProgressReport } from '@mlc-ai/web-llm';
import type { PrebuiltRecord } from '../src/core/llm/catalogue';
import type { GpuLimits } from '../src/core/llm/capability';
import type { CacheEntry } from '../src/core/llm/model-cache';

/** The part of web-llm's `MLCEngine` the worker uses; `test/doubles/scripted-engine.ts` mimics exactly this. */
export interface EngineLike {
  /** Unloads whatever is loaded, then downloads (or reads from the cache) and loads the model. */
  reload(modelId: string): Promise<void>;
  /** Receives web-llm's progress sentences while loading. */
  setInitProgressCallback(cb: (report: InitProgressReport) => void): void;
  /** The OpenAI-style chat API. */
  readonly chat: {
    readonly completions: { create(request: ChatCompletionRequest): Promise<ChatCompletion | AsyncIterable<ChatCompletionChunk>> };
  };
  /** Asks the generation under way to stop at its next token (a flag the next generation clears). */
  interruptGenerate(): void | Promise<void>;
  /** Disposes every loaded model and aborts the downloads of a load under way. */
  unload(): Promise<void>;
  /** Rejects when `modelId` is not loaded: how the worker asks web-llm what it really holds. */
  getMessage(modelId?: string): Promise<string>;
}

/** What the GPU check inside the worker found. */
export interface WorkerGpu {
  /** Whether `navigator.gpu` exists in the worker. */
  readonly hasWebGpu: boolean;
  /** Whether it offered an adapter (asked for with `powerPreference: 'high-performance'`). */
  readonly hasAdapter: boolean;
  /** Whether the adapter offers `shader-f16`. */
  readonly shaderF16: boolean;
  /** The adapter's limits web-llm checks; undefined without an adapter. */
  readonly limits?: GpuLimits;
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
  /** Registers a listener for URLs the engine requests (and whether the request failed, with the HTTP status). */
  onFetch?(listener: (url: string, failed: boolean, status?: number) => void): void;
}
