/**
 * Issue #8's engine path, as reported figures (no targets): what the LLM worker adds to each reply
 * (comlink round trip, the engine lock, streaming with stop-string holding) over an engine that
 * answers at once, and fitting a long chat into a context window before each reply.
 */
import { expose } from 'comlink';
import { fitHistory } from '../src/core/chat/history-fit';
import { LlmWorkerClient, type WorkerHandle } from '../src/platform/llm-worker-client';
import { createScriptedEngine } from '../test/doubles/scripted-engine';
import { createLlmApi, type EngineLike } from '../workers/llm-api';
import { median, type Bench } from './types';

const M = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const RECORDS = [
  {
    model: `https://huggingface.co/mlc-ai/${M}`,
    model_id: M,
    model_lib: 'https://example.test/lib.wasm',
    vram_required_MB: 1128.82,
    overrides: { context_window_size: 4096 },
  },
];

/** A client over the worker module in this thread, through a real MessageChannel. */
function client(): { client: LlmWorkerClient; close: () => void } {
  const engine = createScriptedEngine({ replies: ['one two three four five six seven eight'] }, { appConfig: { model_list: RECORDS } });
  const c = new LlmWorkerClient(() => {
    const { port1, port2 } = new MessageChannel();
    expose(
      createLlmApi({
        createEngine: () => engine as unknown as EngineLike,
        records: () => RECORDS,
        cacheEntries: async () => engine.cacheEntries(),
        deleteModel: async () => {},
        probeGpu: async () => ({ hasWebGpu: true, hasAdapter: true, shaderF16: false }),
      }),
      port1 as unknown as WorkerHandle,
    );
    return Object.assign(port2 as unknown as WorkerHandle, { terminate: () => (port1.close(), port2.close()) });
  });
  return { client: c, close: () => c.terminate() };
}

const replyOverhead: Bench = {
  id: 'engine.reply-overhead',
  issue: 8,
  title: 'LLM worker path per streamed reply (8 pieces, stop strings), engine answering at once',
  unit: 'ms/call',
  async run() {
    const { client: c, close } = client();
    try {
      await c.load(M);
      const llm = c.client(M);
      const times: number[] = [];
      for (let round = 0; round < 5; round++) {
        const t0 = performance.now();
        for (let i = 0; i < 100; i++)
          await llm.generate({ messages: [{ role: 'user', content: `q${i}` }], stop: ['###'] }, { onDelta: () => {} });
        times.push((performance.now() - t0) / 100);
      }
      return { value: median(times), detail: '5 rounds of 100 sequential replies; median per call' };
    } finally {
      close();
    }
  },
};

const fitLongChat: Bench = {
  id: 'engine.fit-history-500',
  issue: 8,
  title: 'Fitting a 500-turn chat into a 4k window before a reply',
  unit: 'ms',
  async run() {
    const turns = Array.from({ length: 500 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: `Turn ${i}: ${'I tend my tomatoes and roses every morning. '.repeat(8)}`,
    }));
    const times: number[] = [];
    let dropped = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      dropped = fitHistory('You are role-playing the person described below.', turns, 4096, 512).dropped;
      times.push(performance.now() - t0);
    }
    return { value: median(times), detail: `${dropped} of 500 turns left out; median of 20` };
  },
};

/** The engine path's benches. */
export function engineBenches(): readonly Bench[] {
  return [replyOverhead, fitLongChat];
}
