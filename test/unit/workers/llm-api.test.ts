// The LLM worker's module with its engine swapped for the scripted one, driven through comlink over
// a real MessageChannel by the same main-thread client the page uses (llm-fixture.ts).
import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/core/llm/load-progress';
import { failure, HF, M, M16, RECORDS, setup, user } from './llm-fixture';

describe('LLM worker module with a scripted engine', () => {
  it('loads with progress through every phase, ending ready', async () => {
    const { client, engine } = setup({ loadSteps: 2 });
    const seen: LoadProgress[] = [];
    const info = await client.load(M, { onProgress: (p) => seen.push(p) });
    expect(info.modelId).toBe(M);
    expect(engine.log.reloads).toEqual([M]);
    await new Promise((r) => setTimeout(r, 20)); // progress callbacks are one-way messages
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['checking-gpu', 'fetching-params', 'loading-from-cache', 'compiling-shaders', 'ready']);
    const fetch2 = seen.find((p) => p.phase === 'fetching-params' && p.step === 2)!;
    expect(fetch2).toMatchObject({ steps: 2, mb: 200, percent: 100 });
    expect(fetch2.label).toBe('Fetching parameters 2/2 · 200 MB of 200 MB · 100 %');
    const overall = seen.map((p) => p.overall);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ phase: 'ready', overall: 1 });
    expect(await client.status()).toEqual({ loadedModel: M });
  });

  it('streams a reply through a proxied callback, with usage and web-llm speeds', async () => {
    const { client, engine } = setup({ replies: ['I grow tomatoes and roses.'], prefillTokensPerS: 321, decodeTokensPerS: 12.5 });
    await client.load(M);
    const deltas: string[] = [];
    const result = await client.client(M).generate(
      {
        messages: user('What do you do?'),
        temperature: 0.7,
        top_p: 0.9,
        max_tokens: 64,
        seed: 7,
        stop: ['###'],
        jsonSchema: { type: 'object' },
      },
      { onDelta: (d) => deltas.push(d) },
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(result.text).toBe('I grow tomatoes and roses.');
    expect(deltas.join('')).toBe('I grow tomatoes and roses.');
    expect(deltas.length).toBe(5);
    expect(result).toMatchObject({ finishReason: 'stop', model: M });
    expect(result.usage).toMatchObject({ completionTokens: 5, prefillTokensPerSecond: 321, decodeTokensPerSecond: 12.5 });
    expect(engine.log.requests[0]).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      seed: 7,
      stop: ['###'],
      response_format: { type: 'json_object', schema: '{"type":"object"}' },
    });
  });

  it('answers in one piece when no delta callback is given', async () => {
    const { client, engine } = setup({ replies: ['one two three four'] });
    await client.load(M);
    const result = await client.generate({ messages: user('x'), max_tokens: 2 });
    expect(result).toMatchObject({ text: 'one two ', finishReason: 'length' });
    expect(result.usage?.decodeTokensPerSecond).toBe(25);
    // streamed all the same, so that an interrupt can be repeated while it runs
    expect(engine.log.requests[0]).toMatchObject({ stream: true, max_tokens: 2 });
  });

  it('stops a running reply on abort, keeping the text so far', async () => {
    const { client, engine } = setup({ replies: ['a b c d e f g h i j'], tokenDelayMs: 15 });
    await client.load(M);
    const controller = new AbortController();
    const deltas: string[] = [];
    const e = await failure(
      client.generate(
        { messages: user('x') },
        {
          signal: controller.signal,
          onDelta: (d) => {
            deltas.push(d);
            if (deltas.length === 3) controller.abort();
          },
        },
      ),
    );
    expect(e.kind).toBe('aborted');
    expect(e.partialText?.startsWith('a b c ')).toBe(true);
    expect(e.partialText!.length).toBeLessThan('a b c d e f g h i j'.length);
    expect(engine.log.interrupts).toBe(1);
  });

  it('runs calls one at a time and drops a queued call that is aborted', async () => {
    const { client, engine } = setup({ replies: ['first reply here', 'second', 'third'], tokenDelayMs: 10 });
    await client.load(M);
    const controller = new AbortController();
    const first = client.generate({ messages: user('1') }, { onDelta: () => {} });
    const second = failure(client.generate({ messages: user('2') }, { signal: controller.signal }));
    const third = client.generate({ messages: user('3') });
    controller.abort();
    expect((await second).kind).toBe('aborted'); // dropped from the queue at once
    expect((await first).text).toBe('first reply here');
    expect((await third).text).toBe('second');
    expect(engine.log.requests.length).toBe(2);
  });

  it('refuses to generate before a load, and for a model that is not the loaded one', async () => {
    const { client } = setup();
    expect((await failure(client.generate({ messages: user('x') }))).kind).toBe('model-not-loaded');
    await client.load(M);
    const e = await failure(client.client(M16).generate({ messages: user('x') }));
    expect(e.kind).toBe('model-not-loaded');
    expect(e.message).toContain(M);
  });

  it('refuses a q4f16 model on an adapter without shader-f16 before downloading anything', async () => {
    const { client, engine } = setup();
    const e = await failure(client.load(M16));
    expect(e.kind).toBe('shader-f16');
    expect(e.hint).toMatch(/q4f32/);
    expect(engine.log.reloads).toEqual([]);
  });

  it('reports no adapter and no WebGPU from the worker check', async () => {
    expect((await failure(setup({}, { gpu: { hasAdapter: false } }).client.load(M))).kind).toBe('no-adapter');
    expect((await failure(setup({}, { gpu: { hasWebGpu: false, hasAdapter: false } }).client.load(M))).kind).toBe('no-webgpu');
  });

  it('names the unreachable host and the phase reached when a download fails', async () => {
    const cfg = `${HF}/${M}/resolve/main/mlc-chat-config.json`;
    const { client } = setup(
      {},
      {
        patch: (engine, tell) => {
          engine.reload = async () => {
            tell(cfg, false);
            tell(cfg, true);
            throw new TypeError('Failed to fetch');
          };
        },
      },
    );
    const seen: LoadProgress[] = [];
    const e = await failure(client.load(M, { onProgress: (p) => seen.push(p) }));
    expect(e.kind).toBe('network');
    expect(e.message).toBe('Could not reach huggingface.co while fetching the model configuration (mlc-chat-config.json).');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toMatchObject({ phase: 'fetching-config', host: 'huggingface.co' });
  });

  it('maps a device lost during load', async () => {
    const { client } = setup({ failLoad: { name: 'DeviceLostError', message: 'The WebGPU device was lost while loading the model.' } });
    const e = await failure(client.load(M));
    expect(e.kind).toBe('device-lost');
    expect(e.hint).toMatch(/smaller model/);
  });

  it('cancels a load, naming the phase it reached', async () => {
    const { client, engine } = setup({ loadDelayMs: 30, loadSteps: 10 });
    const controller = new AbortController();
    const e = await failure(
      client.load(M, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'fetching-params' && p.step === 2) controller.abort();
        },
      }),
    );
    expect(e.kind).toBe('aborted');
    expect(e.message).toMatch(/^Loading Llama-3.2-1B-Instruct-q4f32_1-MLC was cancelled while fetching parameters/);
    expect(engine.log.unloads).toBeGreaterThanOrEqual(1);
    expect(await client.status()).toEqual({});
  });

  it('lists cached models with sizes and deletes one', async () => {
    const { client, deleted } = setup({ loadSteps: 2, cachedModels: [M] });
    await client.load(M);
    const [cached] = await client.cachedModels();
    // two shards of 100 MB, the manifest, tokenizer and configuration (the double caches no library)
    expect(cached).toMatchObject({ id: M, sharesWeightsWith: [], complete: true, shards: { cached: 2, total: 2 } });
    expect(cached!.bytes).toBeGreaterThan(200 * 2 ** 20);
    await client.deleteModel(M);
    expect(deleted).toEqual([M]);
    expect(await client.cachedModels()).toEqual([]);
    expect(await client.status()).toEqual({});
  });

  it('hands out plain prebuilt records', async () => {
    const { client } = setup();
    const records = await client.records();
    expect(records.map((r) => r.model_id)).toEqual(RECORDS.map((r) => r.model_id));
    expect((await failure(client.records(AbortSignal.abort()))).kind).toBe('aborted');
  });
});
