// Replies through the LLM worker against the strict scripted engine: stop strings, speeds, thinking
// models, the context window, request errors with their kinds, and the cache list.
import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/core/llm/load-progress';
import { failure, HF, M, QWEN3, SMALL, setup, until, user } from './llm-fixture';

describe('replies through the worker', () => {
  it('trims the start of a stop string that streaming leaked', async () => {
    const { client } = setup({ replies: ['Sure thing. ### Next question please'] });
    await client.load(M);
    const deltas: string[] = [];
    const r = await client.generate({ messages: user('x'), stop: ['### Next'] }, { onDelta: (d) => deltas.push(d) });
    expect(r.text).toBe('Sure thing. ');
    await until(() => deltas.join('') === 'Sure thing. ', 'the deltas');
    expect(r.finishReason).toBe('stop');
  });

  it('keeps text that only looked like the start of a stop string', async () => {
    const { client } = setup({ replies: ['A ### B'] });
    await client.load(M);
    expect((await client.generate({ messages: user('x'), stop: ['### Next'] }, { onDelta: () => {} })).text).toBe('A ### B');
  });

  it('reports only finite speeds (web-llm divides zero decode tokens by zero time)', async () => {
    const { client } = setup({ replies: ['Yes.'] });
    await client.load(M);
    const r = await client.generate({ messages: user('x') }, { onDelta: () => {} });
    expect(r.text).toBe('Yes.');
    expect(r.usage?.completionTokens).toBe(1);
    expect(r.usage?.decodeTokensPerSecond).toBeUndefined();
    expect(r.usage?.prefillTokensPerSecond).toBe(250);
  });

  it('turns thinking off for a thinking model and strips the empty think block web-llm adds', async () => {
    const { client, engine } = setup({ replies: ['Tomatoes, mostly.'] });
    await client.load(QWEN3);
    const deltas: string[] = [];
    const r = await client.generate({ messages: user('What grows?') }, { onDelta: (d) => deltas.push(d) });
    expect(r.text).toBe('Tomatoes, mostly.');
    expect(engine.log.requests[0]).toMatchObject({ extra_body: { enable_thinking: false } });
    await until(() => deltas.join('') === 'Tomatoes, mostly.', 'the deltas');
    const plain = await client.generate({ messages: user('And?') });
    expect(plain.text).toBe('Tomatoes, mostly.');
  });

  it('sends nothing about thinking to a model that does not think', async () => {
    const { client, engine } = setup();
    await client.load(M);
    await client.generate({ messages: user('x') });
    expect(engine.log.requests[0]!.extra_body).toBeUndefined();
  });

  it('ends with "length" when the KV cache fills, and calls an over-long prompt a context overflow', async () => {
    const { client } = setup({ replies: [Array.from({ length: 2000 }, () => 'word').join(' ')] });
    await client.load(SMALL);
    const r = await client.generate({ messages: user('x') });
    expect(r.finishReason).toBe('length');
    const e = await failure(client.generate({ messages: user('y'.repeat(5000)) }));
    expect(e.kind).toBe('context-overflow');
    expect(e.message).toMatch(/1024 tokens/);
    expect(await client.status()).toEqual({ loadedModel: SMALL });
  });

  it('names malformed requests as such, and keeps the model loaded', async () => {
    const { client } = setup();
    await client.load(M);
    const order = await failure(
      client.generate({
        messages: [
          { role: 'user', content: 'a' },
          { role: 'system', content: 'b' },
          { role: 'user', content: 'c' },
        ],
      }),
    );
    expect(order.kind).toBe('invalid-request');
    const last = await failure(
      client.generate({
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
        ],
      }),
    );
    expect(last.kind).toBe('invalid-request');
    expect((await failure(client.generate({ messages: user('x'), top_p: 0 }))).kind).toBe('invalid-request');
    expect((await failure(client.generate({ messages: user('x'), temperature: -1 }))).kind).toBe('invalid-request');
    expect(await client.status()).toEqual({ loadedModel: M });
  });

  it('passes whitespace-padded JSON through as the model wrote it', async () => {
    const { client } = setup({ replies: ['{"choice":"A"}'], padJson: true });
    await client.load(M);
    const r = await client.generate({ messages: user('x'), jsonSchema: { type: 'object' } });
    expect(r.text).toBe('\n  { "choice":"A" }\n\n');
    expect(JSON.parse(r.text)).toEqual({ choice: 'A' });
  });

  it('skips the fetch phase when every shard is cached, and lists only complete models as cached', async () => {
    const { client, engine } = setup({ loadSteps: 3, loadDelayMs: 40 });
    const controller = new AbortController();
    await failure(
      client.load(M, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'fetching-params' && p.step === 1) controller.abort();
        },
      }),
    );
    await until(() => engine.cacheEntries().some((e) => e.url.endsWith('params_shard_0.bin')), 'a shard in the cache');
    // One shard of three: a partial download, not a cached model.
    expect((await client.cachedModels()).filter((c) => c.complete)).toEqual([]);
    await client.load(M);
    expect((await client.cachedModels()).find((c) => c.id === M)).toMatchObject({ complete: true });
    const seen: LoadProgress[] = [];
    await client.load(SMALL);
    await client.load(M, { onProgress: (p) => seen.push(p) });
    await until(() => seen.some((p) => p.phase === 'ready'), 'the load to finish');
    expect(seen.some((p) => p.phase === 'fetching-params' && p.step !== undefined)).toBe(false);
    expect(seen.some((p) => p.phase === 'loading-from-cache')).toBe(true);
    expect(engine.cacheEntries().filter((e) => e.url.startsWith(`${HF}/${M}/`)).length).toBeGreaterThan(3);
  });
});
