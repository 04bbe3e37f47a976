import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { ComputeClient, isAbortError } from '../../../src/platform/compute-client';

/** A worker stand-in: a MessageChannel with a small API exposed on the far end. */
function fakeWorkers() {
  const started: { terminated: boolean }[] = [];
  const spawn = () => {
    const { port1, port2 } = new MessageChannel();
    expose(
      { double: async (x: number) => x * 2, forever: () => new Promise<never>(() => {}) },
      port2 as unknown as Parameters<typeof expose>[1],
    );
    const handle = { terminated: false };
    started.push(handle);
    return Object.assign(port1, {
      terminate() {
        handle.terminated = true;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { spawn, started };
}

type Fake = { double(x: number): Promise<number>; forever(): Promise<never> };
const as = (api: unknown) => api as Fake;

describe('ComputeClient', () => {
  it('starts one worker on first use and reuses it', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    expect(c.generation).toBe(1);
    expect(w.started).toHaveLength(0);
    expect(await c.run((api) => as(api).double(2))).toBe(4);
    expect(await c.run((api) => as(api).double(5))).toBe(10);
    expect(w.started).toHaveLength(1);
    expect(c.generation).toBe(1);
    w.started[0]!.terminated = true; // tidy: the test's port stays open otherwise
  });

  it('cancels the call under way by terminating the worker; the calls queued behind it run in a fresh one', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    const ctl = new AbortController();
    const cancelled = c.run((api) => as(api).forever(), ctl.signal);
    const queued = c.run((api, generation) => as(api).double(generation));
    ctl.abort();
    const e = await cancelled.catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
    expect(w.started[0]!.terminated).toBe(true);
    expect(await queued).toBe(4); // ran in worker 2
    expect(c.generation).toBe(2);
    expect(w.started).toHaveLength(2);
  });

  it('takes a queued call out of the queue when it is aborted, leaving the worker alone', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    let release = (_: number) => {};
    const first = c.run(() => new Promise<number>((r) => (release = r)));
    const ctl = new AbortController();
    const queued = c.run((api) => as(api).double(1), ctl.signal);
    ctl.abort();
    expect(isAbortError(await queued.catch((x: unknown) => x))).toBe(true);
    release(7);
    expect(await first).toBe(7);
    expect(w.started.every((h) => !h.terminated)).toBe(true);
  });

  it('runs one computation at a time, in order', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    const order: string[] = [];
    const slow = c.run(async (api) => {
      order.push('slow starts');
      await new Promise((r) => setTimeout(r, 20));
      order.push('slow ends');
      return as(api).double(1);
    });
    const fast = c.run(async (api) => (order.push('fast starts'), as(api).double(2)));
    expect(await Promise.all([slow, fast])).toEqual([2, 4]);
    expect(order).toEqual(['slow starts', 'slow ends', 'fast starts']);
  });

  it('releases an idle worker; the next call starts a fresh one', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn, 10);
    expect(await c.run((api) => as(api).double(2))).toBe(4);
    await expect.poll(() => w.started[0]!.terminated).toBe(true);
    expect(await c.run((api, generation) => as(api).double(generation))).toBe(4);
    expect(w.started).toHaveLength(2);
  });

  it('refuses a call whose signal is already aborted without starting a worker', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    const e = await c.run((api) => as(api).double(1), AbortSignal.abort()).catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
    expect(w.started).toHaveLength(0);
  });

  it('finishes a call whose signal never aborts and leaves the worker running', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    const ctl = new AbortController();
    expect(await c.run((api) => as(api).double(3), ctl.signal)).toBe(6);
    ctl.abort(); // after the call: nothing to cancel
    expect(w.started[0]!.terminated).toBe(false);
  });
});
