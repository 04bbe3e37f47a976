// The mapping of each web-llm failure to its message. The texts are web-llm 0.2.86's own (lib/index.js,
// error classes near the top); the last test checks they are still there after an upgrade.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../../src/core/llm/errors';
import { mapWebLlmError, NO_WEBGPU_HINT } from '../../../../src/core/llm/webllm-errors';

const WEBLLM = {
  webgpuNotAvailable: 'WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine.',
  webgpuNotFound: 'Cannot find WebGPU in the environment',
  shaderF16: 'This model requires WebGPU extension shader-f16, which is not enabled in this browser.',
  deviceLost: 'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
  modelNotLoaded: 'Model not loaded before trying to complete ChatCompletionRequest.',
  modelNotFound: 'Cannot find model record in appConfig for Nope-7B-MLC.',
  contextWindow: 'Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096',
  integrity: 'Integrity verification failed for https://huggingface.co/mlc-ai/x/resolve/main/params_shard_0.bin',
  opfsStatus: 'ArtifactOPFSCache: Unable to fetch https://huggingface.co/mlc-ai/x/resolve/main/tokenizer.json, received status 404',
} as const;

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';

describe('mapWebLlmError', () => {
  it.each([
    ['an Error object', Object.assign(new Error(WEBLLM.shaderF16), { name: 'ShaderF16SupportError' })],
    ['the string a worker delivers', `ShaderF16SupportError: ${WEBLLM.shaderF16}`],
    ['a bare message string', WEBLLM.shaderF16],
    ['a cloned {name, message} object', { name: 'ShaderF16SupportError', message: WEBLLM.shaderF16 }],
  ])('reads shader-f16 from %s', (_label, thrown) => {
    const e = mapWebLlmError(thrown, { modelId: MODEL });
    expect(e.kind).toBe('shader-f16');
    expect(e.message).toBe(`${MODEL} needs the WebGPU feature shader-f16, which this GPU or browser does not offer.`);
    expect(e.hint).toMatch(/q4f32/);
  });

  it('maps no WebGPU, with browsers, flags and the server alternative', () => {
    for (const text of [`WebGPUNotAvailableError: ${WEBLLM.webgpuNotAvailable}`, WEBLLM.webgpuNotFound]) {
      const e = mapWebLlmError(text);
      expect(e.kind).toBe('no-webgpu');
      expect(e.message).toBe('WebGPU is not available in this browser, so models cannot run on this GPU.');
      expect(e.hint).toBe(NO_WEBGPU_HINT);
    }
    expect(NO_WEBGPU_HINT).toMatch(/Chrome or Edge/);
    expect(NO_WEBGPU_HINT).toMatch(/Firefox/);
    expect(NO_WEBGPU_HINT).toMatch(/Safari/);
    expect(NO_WEBGPU_HINT).toMatch(/Ollama, llama\.cpp, vLLM/);
  });

  it('maps device lost and out of memory to "pick a smaller model"', () => {
    const lost = mapWebLlmError(`DeviceLostError: ${WEBLLM.deviceLost}`, { modelId: MODEL, phase: 'loading-from-cache' });
    expect(lost.kind).toBe('device-lost');
    expect(lost.message).toBe('The GPU device was lost while loading parameters from the cache; this usually means it ran out of memory.');
    expect(lost.hint).toMatch(/smaller model/);
    const oom = mapWebLlmError(new RangeError('Array buffer allocation failed'), { modelId: MODEL });
    expect(oom.kind).toBe('out-of-memory');
    expect(oom.message).toContain(MODEL);
    expect(mapWebLlmError('GPUOutOfMemoryError: Out of memory').kind).toBe('out-of-memory');
  });

  it('maps a full quota', () => {
    const e = mapWebLlmError(new DOMException('Quota exceeded.', 'QuotaExceededError'), { modelId: MODEL, phase: 'fetching-params' });
    expect(e.kind).toBe('quota');
    expect(e.message).toBe(`Browser storage is full, so ${MODEL} cannot be saved while fetching parameters.`);
    expect(e.hint).toMatch(/Delete cached models/);
  });

  it('names the host that cannot be reached, from the context or the message', () => {
    const a = mapWebLlmError(new TypeError('Failed to fetch'), {
      modelId: MODEL,
      phase: 'fetching-library',
      url: 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/x-webgpu.wasm',
    });
    expect(a.kind).toBe('network');
    expect(a.message).toBe('Could not reach raw.githubusercontent.com while fetching the model library (x-webgpu.wasm).');
    const b = mapWebLlmError("TypeError: Failed to execute 'add' on 'Cache': Request failed");
    expect(b).toMatchObject({ kind: 'network', message: 'Could not reach the model host.' });
    const c = mapWebLlmError(
      'Error: Cannot fetch https://huggingface.co/mlc-ai/x/resolve/main/params_shard_3.bin err= TypeError: Failed to fetch',
    );
    expect(c.message).toBe('Could not reach huggingface.co (params_shard_3.bin).');
  });

  it('maps an HTTP status from the model host', () => {
    const e = mapWebLlmError(WEBLLM.opfsStatus, { modelId: MODEL });
    expect(e).toMatchObject({ kind: 'http', status: 404 });
    expect(e.message).toBe(`huggingface.co answered 404 for tokenizer.json of ${MODEL}.`);
  });

  it('maps cancellation, model not loaded, unknown model, context overflow and integrity failures', () => {
    expect(
      mapWebLlmError(new DOMException('The user aborted a request.', 'AbortError'), { modelId: MODEL, phase: 'fetching-config' }).message,
    ).toBe(`Loading ${MODEL} was cancelled while fetching the model configuration.`);
    expect(mapWebLlmError('Engine.unload() is called.').kind).toBe('aborted');
    expect(mapWebLlmError(`ModelNotLoadedError: ${WEBLLM.modelNotLoaded}`).kind).toBe('model-not-loaded');
    expect(mapWebLlmError(WEBLLM.modelNotFound, { modelId: 'Nope-7B-MLC' }).message).toBe('web-llm has no model called Nope-7B-MLC.');
    const ctx = mapWebLlmError(`ContextWindowSizeExceededError: ${WEBLLM.contextWindow}`, { modelId: MODEL });
    expect(ctx.kind).toBe('context-overflow');
    expect(ctx.message).toBe(`The prompt (5000 tokens) is longer than ${MODEL}'s context window (4096 tokens).`);
    expect(ctx.hint).toMatch(/Shorten the prompt or the conversation/);
    const integrity = mapWebLlmError(`IntegrityError: ${WEBLLM.integrity}`, { modelId: MODEL });
    expect(integrity.kind).toBe('bad-output');
    expect(integrity.hint).toMatch(/Delete the model/);
  });

  it('calls a refusal by the model host by its status, not an unreachable host', () => {
    // The browser's Cache.add rejects a 403 with a bare "Request failed"; the worker saw the status.
    const url = 'https://huggingface.co/mlc-ai/x/resolve/main/params_shard_3.bin';
    const gated = mapWebLlmError("TypeError: Failed to execute 'add' on 'Cache': Request failed", {
      modelId: MODEL,
      phase: 'fetching-params',
      url,
      status: 403,
    });
    expect(gated).toMatchObject({ kind: 'http', status: 403 });
    expect(gated.message).toBe(`huggingface.co answered 403 for params_shard_3.bin of ${MODEL} while fetching parameters.`);
    expect(gated.hint).toMatch(/gated or private/);
    // The worker's own Cache.add names the status in its message.
    const limited = mapWebLlmError(`TypeError: Failed to execute 'add' on 'Cache': Request for ${url} failed with status 429`);
    expect(limited).toMatchObject({ kind: 'http', status: 429 });
    expect(limited.hint).toMatch(/wait a few minutes/);
    expect(mapWebLlmError('x', { url, status: 404 }).hint).toMatch(/no such file/);
    expect(mapWebLlmError('x', { url, status: 401 }).kind).toBe('http');
  });

  it.each([
    ['SystemMessageOrderError', 'System prompt should always be the first message in `messages`.'],
    ['MessageOrderError', 'Last message should be from either `user` or `tool`.'],
    ['SeedTypeError', '`seed` should be an integer, but got 1.5'],
    ['RangeError', 'Make sure 0 < top_p <= 1.'],
    ['NonNegativeError', 'Make sure temperature >= 0.'],
    ['MinValueError', 'Make sure `max_tokens` > 0.'],
    ['InvalidResponseFormatError', 'JSON schema is only supported with `json_object` response format.'],
  ])('calls %s an invalid request', (name, message) => {
    const e = mapWebLlmError(Object.assign(new Error(message), { name }), { modelId: MODEL });
    expect(e.kind).toBe('invalid-request');
    expect(e.message).toBe(`${MODEL} refused the request: ${message}`);
  });

  it('calls a grammar that cannot be built a grammar error', () => {
    const e = mapWebLlmError(
      'GrammarMatcherInitError: Failed to initialize the grammar matcher for response format `json_object`: invalid schema',
      { modelId: MODEL },
    );
    expect(e.kind).toBe('grammar');
  });

  it('keeps an unknown failure readable, and passes LlmErrors through', () => {
    const e = mapWebLlmError('RuntimeError: unreachable', { modelId: MODEL });
    expect(e.kind).toBe('unknown');
    expect(e.message).toBe(`${MODEL} failed: unreachable`);
    const mine = new LlmError('quota', 'x');
    expect(mapWebLlmError(mine)).toBe(mine);
  });

  it('still matches the texts in the installed web-llm', () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve('@mlc-ai/web-llm'), 'utf8');
    for (const text of [
      WEBLLM.webgpuNotAvailable,
      WEBLLM.webgpuNotFound,
      WEBLLM.shaderF16,
      WEBLLM.deviceLost,
      'Model not loaded before trying to complete ',
      'Cannot find model record in appConfig for ',
      'Prompt tokens exceed context window size: number of prompt tokens: ',
      'Integrity verification failed for ',
      'received status ',
      'System prompt should always be the first message in `messages`.',
      'Last message should be from either `user` or `tool`.',
      '`seed` should be an integer, but got ',
      'Failed to initialize the grammar matcher for response format ',
      'this.name = "GrammarMatcherInitError"',
      'this.name = "ContextWindowSizeExceededError"',
    ]) {
      expect(source, text).toContain(text);
    }
  });
});
