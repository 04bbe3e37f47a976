// The engine's life cycle in the LLM worker, against the strict scripted engine: unload, delete and
// a load of another model wait for the reply under way to stop; one load at a time; a cancelled load
// never leaves a model behind; a GPU device lost while loading or answering is called device loss.
import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/core/llm/load-progress';
import { failure, M, SMALL, setup, until, user } from './llm-fixture';

/** Starts a streamed reply and resolves once `pieces` pieces have arrived. */
async function replying(client: ReturnType<typeof setup>['client'], pieces = 2) {
  const deltas: string[] = [];
  const reply = client.generate({ messages: user('Tell me everything.') }, { onDelta: (d) => deltas.push(d) }, M);
  reply.catch(() => {});
  await until(() => deltas.length >= pieces, 'the reply to stream');
  return { reply, deltas };
}

const LONG = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');

describe('the engine life cycle', () => {
  it('unload waits for the reply under way, which ends as stopped with its text so far', async () => {
    const { client, engine } = setup({ replies: [LONG], tokenDelayMs: 10 });
    await client.load(M);
    const { reply } = await replying(client);
    await client.unload();
    const e = await failure(reply);
    expect(e.kind).toBe('aborted');
    expect(e.partialText).toMatch(/^w0 w1 /);
    expect(engine.log.disposedMidReply).toBe(0);
    expect(await client.status()).toEqual({});
  });

  it('deleting the loaded model waits for the reply too', async () => {
    const { client, engine, deleted } = setup({ replies: [LONG], tokenDelayMs: 10 });
    await client.load(M);
    const { reply } = await replying(client);
    await client.deleteModel(M);
    expect((await failure(reply)).kind).toBe('aborted');
    expect(engine.log.disposedMidReply).toBe(0);
    expect(deleted).toEqual([M]);
  });

  it('loading another model stops the reply first, then replaces the model', async () => {
    const { client, engine } = setup({ replies: [LONG, 'Small model here.'], tokenDelayMs: 10 });
    await client.load(M);
    const { reply } = await replying(client);
    await client.load(SMALL);
    expect((await failure(reply)).kind).toBe('aborted');
    expect(engine.log.disposedMidReply).toBe(0);
    expect(await client.status()).toEqual({ loadedModel: SMALL });
    expect(engine.log.maxLoaded).toBe(1);
  });

  it('a second load of the model being loaded joins the first', async () => {
    const { client, engine } = setup({ loadDelayMs: 5 });
    const seen: LoadProgress[] = [];
    const [a, b] = await Promise.all([client.load(M), client.load(M, { onProgress: (p) => seen.push(p) })]);
    expect(a.modelId).toBe(M);
    expect(b.modelId).toBe(M);
    expect(engine.log.reloads).toEqual([M]);
    await until(() => seen.some((p) => p.phase === 'ready'), 'the joined load to report');
  });

  it('a load of another model waits for the first to settle: never two models in the engine', async () => {
    const { client, engine } = setup({ loadDelayMs: 30, replies: ['From the small model.'], cachedModels: [M, SMALL] });
    let second: Promise<unknown> | undefined;
    const first = client.load(M, {
      onProgress: (p) => {
        // web-llm cannot abort a load that is reading the cached weights: a second reload now would run beside it
        if (p.phase === 'loading-from-cache' && p.step === 1) second ??= client.load(SMALL);
      },
    });
    await until(() => second !== undefined, 'the second load to start');
    await Promise.allSettled([first, second]);
    expect(engine.log.maxLoaded).toBe(1);
    expect(engine.log.reloads).toEqual([M, SMALL]);
    expect(await client.status()).toEqual({ loadedModel: SMALL });
    expect((await client.generate({ messages: user('Hi') })).text).toBe('From the small model.');
  });

  it('a load cancelled where web-llm cannot abort (the cached weights, the shaders) leaves no model behind', async () => {
    const { client, engine } = setup({ loadDelayMs: 40, loadSteps: 4, cachedModels: [M] });
    const controller = new AbortController();
    const e = await failure(
      client.load(M, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'loading-from-cache' && p.step === 2) controller.abort();
        },
      }),
    );
    expect(e.kind).toBe('aborted');
    expect(e.message).toMatch(/cancelled while loading parameters from the cache/);
    // web-llm finished the load all the same; the worker unloads it once it has.
    await until(() => engine.log.reloads.length === 1 && engine.log.unloads >= 2, 'the cancelled load to settle and be unloaded');
    await expect(engine.getMessage(M)).rejects.toThrow(/not loaded/);
    expect(await client.status()).toEqual({});
  });

  it('a load after a cancelled one waits for it to settle, then loads alone', async () => {
    const { client, engine } = setup({ loadDelayMs: 40, loadSteps: 4, cachedModels: [M, SMALL] });
    const controller = new AbortController();
    const first = client.load(M, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'compiling-shaders' && p.step === 1) controller.abort();
      },
    });
    await failure(first);
    await client.load(SMALL);
    expect(engine.log.maxLoaded).toBe(1);
    expect(await client.status()).toEqual({ loadedModel: SMALL });
    await expect(engine.getMessage(SMALL)).resolves.toBe('');
  });

  it('a cancelled load answers at once and disturbs nothing waiting behind it (no worker restart)', async () => {
    const { client, engine } = setup({ loadDelayMs: 40, loadSteps: 3, cachedModels: [M, SMALL] }, { cancelGraceMs: 30 });
    const controller = new AbortController();
    const first = client.load(M, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'loading-from-cache' && p.step === 1) controller.abort();
      },
    });
    const second = client.load(SMALL);
    const records = client.records();
    expect((await failure(first)).kind).toBe('aborted');
    expect((await second).modelId).toBe(SMALL);
    expect((await records).length).toBeGreaterThan(0);
    expect(engine.log.maxLoaded).toBe(1);
    expect(await client.status()).toEqual({ loadedModel: SMALL });
  });

  it('a device lost while downloading is reported as device loss, not as ready', async () => {
    const { client } = setup({ loseDeviceDuringLoad: 'fetch', loadSteps: 4 });
    const e = await failure(client.load(M));
    expect(e.kind).toBe('device-lost');
    expect(e.message).toMatch(/lost while fetching parameters/);
    expect(await client.status()).toEqual({});
  });

  it('a device lost while compiling shaders is device loss, and the broken model is unloaded', async () => {
    const { client, engine } = setup({ loseDeviceDuringLoad: 'shaders', loadSteps: 2 });
    expect((await failure(client.load(M))).kind).toBe('device-lost');
    await expect(engine.getMessage(M)).rejects.toThrow(/not loaded/);
    expect(await client.status()).toEqual({});
  });

  it('a device lost in the middle of a reply is device loss, and the worker forgets the model', async () => {
    const { client } = setup({ replies: [LONG], loseDeviceMidReply: 3, tokenDelayMs: 2 });
    await client.load(M);
    const lost: string[] = [];
    client.onLost((e) => lost.push(e.kind));
    const e = await failure(client.generate({ messages: user('Hi') }, { onDelta: () => {} }, M));
    expect(e.kind).toBe('device-lost');
    expect(e.partialText).toMatch(/^w0 w1 w2/);
    expect(await client.status()).toEqual({});
    await until(() => lost.length === 1, 'the page to be told');
    expect(lost).toEqual(['device-lost']);
  });
});
