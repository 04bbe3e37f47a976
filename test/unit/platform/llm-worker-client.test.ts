// The LLM worker client's own rules, over a worker stand-in that answers only what the test says:
// the cancel grace timer rejects the cancelled load only, and an abort never terminates this worker.
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/core/llm/errors';
import { LlmWorkerClient, type WorkerHandle } from '../../../src/platform/llm-worker-client';

/** A worker whose load never answers (a web-llm stuck in a phase it cannot abort) and whose other calls answer when released. */
function stuckWorker() {
  let terminated = false;
  let releaseRecords = () => {};
  const cancelled: string[] = [];
  const client = new LlmWorkerClient(
    () => {
      const { port1, port2 } = new MessageChannel();
      expose(
        {
          load: () => new Promise(() => {}),
          cancelLoad: async (ticket: string) => void cancelled.push(ticket),
          records: () => new Promise((resolve) => (releaseRecords = () => resolve([]))),
          status: async () => ({ loadingModel: 'M' }),
        },
        port1 as unknown as WorkerHandle,
      );
      return Object.assign(port2 as unknown as WorkerHandle, {
        terminate: () => {
          terminated = true;
          port1.close();
          port2.close();
        },
      });
    },
    { cancelGraceMs: 40 },
  );
  return { client, cancelled, releaseRecords: () => releaseRecords(), terminated: () => terminated };
}

describe('LlmWorkerClient', () => {
  it('rejects a cancelled load after the grace time when the worker does not answer, and nothing else', async () => {
    const w = stuckWorker();
    const controller = new AbortController();
    const load = w.client.load('M', { signal: controller.signal });
    const records = w.client.records();
    await expect.poll(() => w.client.started).toBe(true);
    controller.abort();
    const e = await load.then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(LlmError);
    expect((e as LlmError).kind).toBe('aborted');
    expect(w.cancelled).toEqual(['l1']);
    expect(w.terminated()).toBe(false); // the worker keeps its model and its other calls
    w.releaseRecords();
    expect(await records).toEqual([]);
    expect(await w.client.status()).toEqual({ loadingModel: 'M' });
    w.client.terminate();
  });

  it('stops waiting for an aborted call without stopping the worker', async () => {
    const w = stuckWorker();
    const controller = new AbortController();
    const records = w.client.records(controller.signal);
    await expect.poll(() => w.client.started).toBe(true);
    controller.abort();
    await expect(records).rejects.toMatchObject({ kind: 'aborted' });
    expect(w.terminated()).toBe(false);
    w.client.terminate();
  });
});
