// The model manager over the real LLM worker module (scripted engine) through comlink: the loaded
// state follows the worker when the GPU device is lost, with a clear message and a reload.
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrebuiltRecord } from '../../../src/core/llm/catalogue';
import { LlmError } from '../../../src/core/llm/errors';
import { LlmWorkerClient, type WorkerHandle } from '../../../src/platform/llm-worker-client';
import { ModelManager } from '../../../src/state/ModelManager.svelte';
import { createLlmApi, type EngineLike } from '../../../workers/llm-api';
import { createScriptedEngine, type EngineScript, type ScriptedEngine } from '../../doubles/scripted-engine';

const M = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const RECORDS: PrebuiltRecord[] = [
  {
    model: `https://huggingface.co/mlc-ai/${M}`,
    model_id: M,
    model_lib: 'https://example.test/lib.wasm',
    vram_required_MB: 1128.82,
    low_resource_required: true,
  },
];
const user = [{ role: 'user' as const, content: 'Hello?' }];

let workers: LlmWorkerClient[] = [];
beforeEach(() => vi.stubGlobal('navigator', {}));
afterEach(() => {
  for (const w of workers) w.terminate();
  workers = [];
  vi.unstubAllGlobals();
});

function setup(script: EngineScript, patch?: (engine: ScriptedEngine) => void, listCache = false) {
  const engine = createScriptedEngine(script, { appConfig: { model_list: RECORDS } });
  patch?.(engine);
  const worker = new LlmWorkerClient(() => {
    const { port1, port2 } = new MessageChannel();
    expose(
      createLlmApi({
        createEngine: () => engine as unknown as EngineLike,
        records: () => RECORDS,
        cacheEntries: async () => (listCache ? engine.cacheEntries() : []),
        deleteModel: async () => {},
        probeGpu: async () => ({ hasWebGpu: true, hasAdapter: true, shaderF16: false }),
      }),
      port1 as unknown as WorkerHandle,
    );
    return Object.assign(port2 as unknown as WorkerHandle, { terminate: () => (port1.close(), port2.close()) });
  });
  workers.push(worker);
  return { engine, worker, models: new ModelManager(worker) };
}

async function failure(p: Promise<unknown>): Promise<LlmError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(LlmError);
  return e as LlmError;
}

describe('ModelManager after the GPU device is lost', () => {
  it('stops saying the model is loaded when the next call finds it gone, explains, and reloads it', async () => {
    const { engine, worker, models } = setup({ replies: ['Fine, thanks.'], loseDeviceAfter: 1 });
    expect(await models.load(M)).toBe(true);
    expect(models.loaded).toBe(M);
    expect((await worker.client(M).generate({ messages: user })).text).toBe('Fine, thanks.');

    // The device went away after that reply; web-llm's engine disposed of the model.
    const e = await failure(worker.client(M).generate({ messages: user }));
    expect(e.kind).toBe('model-not-loaded');
    expect(models.loaded).toBeUndefined();
    expect(models.lost).toBe(M);
    expect(models.error?.kind).toBe('device-lost');
    expect(models.error?.message).toBe(`${M} is no longer loaded on the GPU (the device was lost or reset).`);
    expect(models.error?.hint).toMatch(/^Reload it: it comes from the browser cache/);
    expect(await worker.status()).toEqual({});

    expect(await models.reload()).toBe(true);
    expect(models.loaded).toBe(M);
    expect(models.lost).toBeUndefined();
    expect(models.error).toBeUndefined();
    expect(engine.log.reloads).toEqual([M, M]);
  });

  it('follows a device lost in the middle of a reply', async () => {
    // web-llm unloads itself when the device is lost: the pipeline is disposed under the reply.
    const { worker, models } = setup({ replies: ['one two three four five six'], loseDeviceMidReply: 2 });
    await models.load(M);
    const e = await failure(worker.client(M).generate({ messages: user }, { onDelta: () => {} }));
    expect(e.kind).toBe('device-lost');
    expect(e.partialText).toBe('one two ');
    await expect.poll(() => models.loaded).toBeUndefined();
    expect(models.error?.message).toBe(`The GPU device was lost, so ${M} is no longer loaded.`);
    expect(models.lost).toBe(M);
  });

  it('reports a device lost while loading as such, never as loaded', async () => {
    const { models } = setup({ loseDeviceDuringLoad: 'fetch', loadSteps: 4 });
    expect(await models.load(M)).toBe(false);
    expect(models.loaded).toBeUndefined();
    expect(models.error?.kind).toBe('device-lost');
  });

  it('keeps the loaded state for failures that leave the model in place', async () => {
    const { worker, models } = setup({ replies: ['x'] });
    await models.load(M);
    const ctl = new AbortController();
    ctl.abort();
    expect((await failure(worker.client(M).generate({ messages: user }, { signal: ctl.signal }))).kind).toBe('aborted');
    expect((await failure(worker.client('Other-q4f32_1-MLC').generate({ messages: user }))).kind).toBe('model-not-loaded');
    expect(models.loaded).toBe(M);
    expect(models.lost).toBeUndefined();
    expect(models.error).toBeUndefined();
  });
});

describe('ModelManager loads', () => {
  it('joins a second load of the model being loaded', async () => {
    const { engine, models } = setup({ loadDelayMs: 5 });
    const [a, b] = await Promise.all([models.load(M), models.load(M)]);
    expect([a, b]).toEqual([true, true]);
    expect(engine.log.reloads).toEqual([M]);
    expect(models.loaded).toBe(M);
  });

  it('lists a download that stopped part way apart from the cached models', async () => {
    // a shard every 150 ms: the first one is in the cache well before the last
    const { models } = setup({ loadDelayMs: 150, loadSteps: 3 }, undefined, true);
    const loading = models.load(M);
    await expect
      .poll(() => models.progress?.phase === 'fetching-params' && models.progress.step !== undefined, { interval: 5, timeout: 10_000 })
      .toBe(true);
    models.cancel();
    expect(await loading).toBe(false);
    expect(models.error?.kind).toBe('aborted');
    await models.refresh();
    expect(models.cached).toEqual([]);
    expect(models.partial).toMatchObject([{ id: M, complete: false }]);
    expect(models.partial[0]!.shards.cached).toBeLessThan(3);
  });
});
