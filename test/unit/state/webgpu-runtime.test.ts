// The WebGPU runtime (the LLM worker, which bundles web-llm) starts only where a WebGPU model can be used.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LLM, type LlmSettings } from '../../../src/db/settings-store';
import { LlmWorkerClient } from '../../../src/platform/llm-worker-client';
import { ModelManager } from '../../../src/state/ModelManager.svelte';
import type { Services } from '../../../src/state/services';
import { startModels } from '../../../src/state/webgpu-runtime';

beforeEach(() => vi.stubGlobal('navigator', {}));
afterEach(() => vi.unstubAllGlobals());

describe('startModels', () => {
  const fake = (ready: boolean, llm: LlmSettings) => {
    const calls: string[] = [];
    const models = { start: () => (calls.push('start'), Promise.resolve()), probe: () => (calls.push('probe'), Promise.resolve()) };
    return { calls, s: { models, settings: { ready, llm } } as unknown as Pick<Services, 'models' | 'settings'> };
  };

  it('waits for the stored settings, then starts the runtime for WebGPU and only probes the GPU for a server', () => {
    const early = fake(false, DEFAULT_LLM);
    startModels(early.s);
    expect(early.calls).toEqual([]);
    const gpu = fake(true, DEFAULT_LLM);
    startModels(gpu.s);
    expect(gpu.calls).toEqual(['start']);
    const server = fake(true, { ...DEFAULT_LLM, backend: 'openai-http' });
    startModels(server.s);
    expect(server.calls).toEqual(['probe']);
  });

  it('ModelManager.probe checks the GPU without starting the worker; start starts it', async () => {
    let spawned = 0;
    const worker = new LlmWorkerClient(() => {
      spawned++;
      throw new Error('no worker in this test');
    });
    const models = new ModelManager(worker);
    await models.probe();
    expect(models.caps?.hasWebGpu).toBe(false);
    expect(spawned).toBe(0);
    await models.start();
    expect(spawned).toBeGreaterThan(0);
  });
});
