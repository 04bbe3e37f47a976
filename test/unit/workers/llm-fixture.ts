/**
 * The LLM worker's module with its engine swapped for the strict scripted one, driven through
 * comlink over a real MessageChannel by the same main-thread client the page uses.
 */
import { expose } from 'comlink';
import { afterEach, expect } from 'vitest';
import type { PrebuiltRecord } from '../../../src/core/llm/catalogue';
import { LlmError } from '../../../src/core/llm/errors';
import { LlmWorkerClient, type WorkerHandle } from '../../../src/platform/llm-worker-client';
import { createLlmApi, type EngineLike, type LlmRuntime, type WorkerGpu } from '../../../workers/llm-api';
import { createScriptedEngine, type EngineScript, type ScriptedEngine } from '../../doubles/scripted-engine';

export const HF = 'https://huggingface.co/mlc-ai';
const LIB = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base';
export const M = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
export const M16 = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
export const QWEN3 = 'Qwen3-0.6B-q4f32_1-MLC';
export const SMALL = 'TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC-1k';

const record = (id: string, vram: number, lib: string, context = 4096): PrebuiltRecord => ({
  model: `${HF}/${id.replace(/-1k$/, '')}`,
  model_id: id,
  model_lib: `${LIB}/${lib}`,
  vram_required_MB: vram,
  low_resource_required: true,
  overrides: { context_window_size: context },
});

export const RECORDS: PrebuiltRecord[] = [
  record(M, 1128.82, 'Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm'),
  // a q4f16 record that does not list shader-f16, as several prebuilt ones do not
  record(M16, 879.04, 'Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm'),
  record(QWEN3, 1924.98, 'Qwen3-0.6B-q4f32_1_cs1k-webgpu.wasm'),
  record(SMALL, 800, 'TinyLlama-1.1B-Chat-v1.0-q4f32_1-ctx1k-webgpu.wasm', 1024),
];

/** A started client over the worker module and its scripted engine. */
export interface Setup {
  readonly client: LlmWorkerClient;
  readonly engine: ScriptedEngine;
  /** Tells the worker a URL was requested (and whether it failed, with the HTTP status). */
  readonly fetches: (url: string, failed: boolean, status?: number) => void;
  /** Models whose files were deleted. */
  readonly deleted: string[];
}

let clients: LlmWorkerClient[] = [];
afterEach(() => {
  for (const c of clients) c.terminate();
  clients = [];
});

/** Options of `setup`. */
export interface SetupOptions {
  readonly gpu?: Partial<WorkerGpu>;
  /** Changes the engine before the worker gets it (e.g. a reload that fails like a download). */
  readonly patch?: (engine: ScriptedEngine, tell: Setup['fetches']) => void;
  /** Passed to the client. */
  readonly cancelGraceMs?: number;
}

/** The worker module over a scripted engine, reached through comlink by an `LlmWorkerClient`. */
export function setup(script: EngineScript = {}, options: SetupOptions = {}): Setup {
  const engine = createScriptedEngine(script, { appConfig: { model_list: RECORDS } });
  const deleted: string[] = [];
  let listener: Setup['fetches'] = () => {};
  const runtime: LlmRuntime = {
    createEngine: () => {
      options.patch?.(engine, (u, f, s) => listener(u, f, s));
      return engine as unknown as EngineLike;
    },
    records: () => RECORDS,
    cacheEntries: async () => engine.cacheEntries(),
    deleteModel: async (id) => {
      deleted.push(id);
      engine.forget(id);
    },
    probeGpu: async () => ({
      hasWebGpu: true,
      hasAdapter: true,
      shaderF16: false,
      limits: {
        maxStorageBufferBindingSize: 2 ** 30,
        maxBufferSize: 2 ** 30,
        maxComputeWorkgroupStorageSize: 32768,
        maxStorageBuffersPerShaderStage: 10,
      },
      ...options.gpu,
    }),
    onFetch: (l) => (listener = l),
  };
  const client = new LlmWorkerClient(
    () => {
      const { port1, port2 } = new MessageChannel();
      expose(createLlmApi(runtime), port1 as unknown as WorkerHandle);
      return Object.assign(port2 as unknown as WorkerHandle, { terminate: () => (port1.close(), port2.close()) });
    },
    options.cancelGraceMs !== undefined ? { cancelGraceMs: options.cancelGraceMs } : {},
  );
  clients.push(client);
  return { client, engine, fetches: (u, f, s) => listener(u, f, s), deleted };
}

/** The `LlmError` a promise rejects with (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LlmError);
    return e as LlmError;
  }
  throw new Error('expected a failure');
}

/** One user message. */
export const user = (content: string) => [{ role: 'user' as const, content }];

/** Resolves once `check` holds, polling every few milliseconds (fails after ten seconds). */
export async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
