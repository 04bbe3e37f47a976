import { describe, expect, it } from 'vitest';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import {
  assessModel,
  buildCatalogue,
  defaultModel,
  gpuMemoryBound,
  paramsFromId,
  thinksByDefault,
  type PrebuiltRecord,
} from '../../../../src/core/llm/catalogue';
import type { GpuCapabilities } from '../../../../src/core/llm/capability';
import { browserName, capabilityError, effectiveStorageBinding, gpuLimitProblems } from '../../../../src/core/llm/capability';
import { cachedModels, weightsBase } from '../../../../src/core/llm/model-cache';

const records = prebuiltAppConfig.model_list as unknown as PrebuiltRecord[];
const catalogue = buildCatalogue(records);
const adapter = {
  vendor: 'google',
  architecture: 'swiftshader',
  description: '',
  isFallback: true,
  shaderF16: false,
  maxStorageBufferBindingSize: 2 ** 30,
  maxBufferSize: 2 ** 30,
  maxComputeWorkgroupStorageSize: 32768,
  maxStorageBuffersPerShaderStage: 10,
};
const swiftshader: GpuCapabilities = { secureContext: true, hasWebGpu: true, adapter };
const gpu: GpuCapabilities = {
  secureContext: true,
  hasWebGpu: true,
  adapter: { ...adapter, isFallback: false, shaderF16: true, vendor: 'nvidia' },
};

describe('catalogue', () => {
  it('keeps only chat models, smallest GPU need first', () => {
    expect(catalogue.length).toBeGreaterThan(100);
    expect(catalogue.some((m) => m.id.startsWith('snowflake-arctic-embed'))).toBe(false);
    expect(catalogue.some((m) => m.id.startsWith('Phi-3.5-vision'))).toBe(false);
    for (let i = 1; i < catalogue.length; i++) expect(catalogue[i]!.vramMB).toBeGreaterThanOrEqual(catalogue[i - 1]!.vramMB);
  });

  it('treats every f16 quantisation as needing shader-f16, listed in the record or not', () => {
    const unlisted = records.filter((r) => /q4f16/.test(r.model_id) && !(r.required_features ?? []).includes('shader-f16'));
    expect(unlisted.length).toBeGreaterThan(10); // web-llm's records really do omit it
    for (const m of catalogue) expect(m.needsF16, m.id).toBe(/-q\d+f16/.test(m.id));
    expect(catalogue.find((m) => m.id === 'Llama-3.2-1B-Instruct-q4f16_1-MLC')?.needsF16).toBe(true);
    expect(catalogue.find((m) => m.id === 'Ministral-3-3B-Instruct-2512-BF16-q4f32_1-MLC')?.needsF16).toBe(false);
  });

  it('reads parameter counts from the model cards, else from the id, and estimates download sizes', () => {
    expect(paramsFromId('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toBe(1.23); // the id says 1B
    expect(paramsFromId('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')).toBe(0.49);
    expect(paramsFromId('Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC')).toBe(1.54);
    expect(paramsFromId('Hermes-3-Llama-3.2-3B-q4f16_1-MLC')).toBe(3.21);
    expect(paramsFromId('SmolLM2-135M-Instruct-q0f32-MLC')).toBeCloseTo(0.135);
    expect(paramsFromId('stablelm-2-zephyr-1_6b-q4f16_1-MLC')).toBe(1.64);
    expect(paramsFromId('OpenHermes-2.5-Mistral-7B-q4f16_1-MLC')).toBe(7.25);
    expect(paramsFromId('Phi-3.5-mini-instruct-q4f16_1-MLC')).toBe(3.82);
    expect(paramsFromId('TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC')).toBe(1.1); // from the id
    const llama = catalogue.find((m) => m.id === 'Llama-3.1-8B-Instruct-q4f16_1-MLC')!;
    expect(llama.downloadMB).toBe(Math.round((8.03e9 * 4.5) / 8 / 2 ** 20)); // 4-bit weights plus an f16 scale per 32
    expect(catalogue.every((m) => m.downloadMB !== undefined)).toBe(true);
  });

  it('knows which models think unless told not to', () => {
    expect(thinksByDefault('Qwen3-0.6B-q4f32_1-MLC')).toBe(true);
    expect(thinksByDefault('Qwen3.5-2B-q4f16_1-MLC')).toBe(true);
    expect(thinksByDefault('DeepSeek-R1-Distill-Llama-8B-q4f32_1-MLC')).toBe(true);
    expect(thinksByDefault('Qwen2.5-1.5B-Instruct-q4f32_1-MLC')).toBe(false);
    expect(thinksByDefault('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toBe(false);
  });

  it('marks f16 models unable to run without shader-f16, and everything slow on a fallback adapter', () => {
    const f16 = catalogue.find((m) => m.id === 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC')!;
    const f32 = catalogue.find((m) => m.id === 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC')!;
    expect(assessModel(f16, swiftshader)).toEqual({
      fit: 'no',
      reasons: [
        'Needs shader-f16, which this GPU does not offer: pick the q4f32 version.',
        'Software adapter, not a GPU: it may load, but generation will be very slow.',
      ],
    });
    expect(assessModel(f32, swiftshader).fit).toBe('warn');
    expect(assessModel(f16, gpu)).toEqual({ fit: 'ok', reasons: [] });
    const gemma = catalogue.find((m) => m.id === 'gemma-2b-it-q4f32_1-MLC')!;
    const small = { ...gpu, adapter: { ...gpu.adapter!, maxStorageBufferBindingSize: 128 * 2 ** 20 } };
    expect(assessModel(gemma, small).reasons[0]).toBe('Needs storage buffers of 250 MB; this GPU gives web-llm 128 MB.');
    expect(assessModel(f32, { secureContext: true, hasWebGpu: true }).fit).toBe('no');
  });

  it('judges storage buffers by what web-llm asks for: 1 GB, or 128 MB below that', () => {
    expect(effectiveStorageBinding(2 ** 31)).toBe(2 ** 30);
    expect(effectiveStorageBinding(256 * 2 ** 20)).toBe(128 * 2 ** 20);
    expect(effectiveStorageBinding(64 * 2 ** 20)).toBeUndefined();
    // An adapter allowing 256 MB: the 250 MB the record needs would fit, but web-llm's device only gets 128 MB.
    const gemma = catalogue.find((m) => m.id === 'gemma-2b-it-q4f32_1-MLC')!;
    const mid = { ...gpu, adapter: { ...gpu.adapter!, maxStorageBufferBindingSize: 256 * 2 ** 20 } };
    expect(assessModel(gemma, mid)).toEqual({
      fit: 'no',
      reasons: [
        'Needs storage buffers of 250 MB; this GPU gives web-llm 128 MB (the adapter allows 256 MB, but web-llm asks for 1 GB or 128 MB).',
      ],
    });
  });

  it("refuses every model on an adapter below web-llm's other limits", () => {
    const weak = { ...adapter, maxStorageBuffersPerShaderStage: 8, maxComputeWorkgroupStorageSize: 16384, maxBufferSize: 128 * 2 ** 20 };
    expect(gpuLimitProblems(weak)).toEqual([
      'Its largest buffer is 128 MB; web-llm needs at least 256 MB.',
      'Its compute workgroup storage is 16384 bytes; web-llm needs 32768.',
      'It allows 8 storage buffers per shader stage; web-llm needs 10.',
    ]);
    const caps = { ...gpu, adapter: { ...gpu.adapter!, ...weak } };
    expect(catalogue.every((m) => assessModel(m, caps).fit === 'no')).toBe(true);
    expect(capabilityError(caps)).toMatchObject({ kind: 'no-adapter' });
    expect(capabilityError(caps)!.message).toMatch(/^This GPU's WebGPU limits are below what web-llm needs\. Its largest buffer/);
    expect(defaultModel(catalogue, caps)).toBeUndefined();
  });

  it('warns when a model needs far more GPU memory than the device likely has', () => {
    const big = catalogue.find((m) => m.id === 'Llama-3.1-70B-Instruct-q3f16_1-MLC')!;
    const tiny = catalogue.find((m) => m.id === 'SmolLM2-135M-Instruct-q0f32-MLC')!;
    // no hint at all: only models beyond the largest consumer GPUs
    expect(gpuMemoryBound(gpu).mb).toBe(24 * 1024);
    expect(assessModel(big, gpu).reasons).toContain(
      'Needs about 30.4 GB of GPU memory; even the largest consumer GPUs have 24 GB, so it will probably not fit.',
    );
    expect(assessModel(tiny, gpu)).toEqual({ fit: 'ok', reasons: [] });
    // a 4 GB device shares its memory with the GPU
    const phone = { ...gpu, deviceMemoryGB: 4 };
    const eight = catalogue.find((m) => m.id === 'Llama-3.1-8B-Instruct-q4f32_1-MLC')!;
    expect(assessModel(eight, phone).reasons[0]).toMatch(/this device reports 4 GB of memory, shared with its GPU/);
    expect(assessModel(tiny, phone).fit).toBe('ok');
    // a GPU that reports its memory (Chrome's developer flag)
    const reported = { ...gpu, adapter: { ...gpu.adapter!, memoryMB: 4096 } };
    expect(assessModel(eight, reported).reasons[0]).toMatch(/this GPU reports 4\.0 GB/);
  });

  it('defaults to a small model the device can run', () => {
    expect(defaultModel(catalogue, swiftshader)?.id).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    expect(defaultModel(catalogue, gpu)?.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(defaultModel(catalogue, { secureContext: true, hasWebGpu: true })).toBeUndefined();
  });
});

describe('capability', () => {
  it('names what is missing: secure context, WebGPU, adapter', () => {
    expect(capabilityError({ secureContext: false, hasWebGpu: false })?.kind).toBe('no-webgpu');
    const noGpu = capabilityError({ secureContext: true, hasWebGpu: false, browser: 'Firefox 128' })!;
    expect(noGpu.message).toBe('WebGPU is not available in Firefox 128, so models cannot run on this GPU.');
    expect(capabilityError({ secureContext: true, hasWebGpu: true })?.kind).toBe('no-adapter');
    expect(capabilityError(swiftshader)).toBeUndefined();
  });

  it('names browsers from user agents', () => {
    expect(
      browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'),
    ).toBe('Chrome 131');
    expect(
      browserName(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      ),
    ).toBe('Edge 126');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128');
    expect(
      browserName('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15'),
    ).toBe('Safari 18');
  });
});

describe('cached models', () => {
  const base = weightsBase('https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC');
  const libs = new Map(records.map((r) => [r.model_id, r.model_lib]));

  it("sums each model's files and names twins that share weights", () => {
    expect(base).toBe('https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/');
    const phi = weightsBase('https://huggingface.co/mlc-ai/Phi-3.5-mini-instruct-q4f32_1-MLC');
    const phiLib = libs.get('Phi-3.5-mini-instruct-q4f32_1-MLC-1k')!; // the same library as its full-context twin
    const out = cachedModels(catalogue, libs, [
      { url: `${base}tensor-cache.json`, bytes: 0, shards: ['params_shard_0.bin'] },
      { url: `${base}params_shard_0.bin`, bytes: 100 },
      { url: `${base}tokenizer.json`, bytes: 5 },
      { url: `${phi}tensor-cache.json`, bytes: 0, shards: ['params_shard_0.bin'] },
      { url: `${phi}params_shard_0.bin`, bytes: 1000 },
      { url: phiLib, bytes: 7 },
      { url: 'https://huggingface.co/mlc-ai/Other-MLC/resolve/main/mlc-chat-config.json', bytes: 1 },
    ]);
    const whole = { complete: true, shards: { cached: 1, total: 1 } };
    expect(out).toEqual(
      expect.arrayContaining([
        { id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', bytes: 105, sharesWeightsWith: [], ...whole },
        { id: 'Phi-3.5-mini-instruct-q4f32_1-MLC-1k', bytes: 1007, sharesWeightsWith: ['Phi-3.5-mini-instruct-q4f32_1-MLC'], ...whole },
        { id: 'Phi-3.5-mini-instruct-q4f32_1-MLC', bytes: 1007, sharesWeightsWith: ['Phi-3.5-mini-instruct-q4f32_1-MLC-1k'], ...whole },
      ]),
    );
    expect(out.length).toBe(3);
  });

  it('counts a model as cached only when every shard its manifest lists is there (web-llm hasModelInCache)', () => {
    const shards = ['params_shard_0.bin', 'params_shard_1.bin', 'params_shard_2.bin'];
    const manifest = { url: `${base}tensor-cache.json`, bytes: 10, shards };
    const [partial] = cachedModels(catalogue, libs, [manifest, { url: `${base}params_shard_0.bin`, bytes: 100 }]);
    expect(partial).toMatchObject({ complete: false, shards: { cached: 1, total: 3 } });
    // shards without their manifest: a download that stopped before web-llm could even list them
    const [loose] = cachedModels(catalogue, libs, [{ url: `${base}params_shard_0.bin`, bytes: 100 }]);
    expect(loose).toMatchObject({ complete: false, shards: { cached: 1, total: 0 } });
    const all = cachedModels(catalogue, libs, [manifest, ...shards.map((f) => ({ url: `${base}${f}`, bytes: 100 }))]);
    expect(all[0]).toMatchObject({ complete: true, shards: { cached: 3, total: 3 }, bytes: 310 });
    // a configuration alone is not a model
    expect(cachedModels(catalogue, libs, [{ url: `${base}mlc-chat-config.json`, bytes: 1 }])).toEqual([]);
  });
});
