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

  it('cancels a call by terminating the worker; other calls in flight fail with a reason; the next call gets a fresh worker', async () => {
    const w = fakeWorkers();
    const c = new ComputeClient(w.spawn);
    const ctl = new AbortController();
    const cancelled = c.run((api) => as(api).forever(), ctl.signal);
    const bystander = c.run((api) => as(api).forever());
    ctl.abort();
    const e = await cancelled.catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
    await expect(bystander).rejects.toThrow('The compute worker was restarted because another computation was cancelled; try again.');
    expect(w.started[0]!.terminated).toBe(true);
    expect(c.generation).toBe(2); // the worker the next call will start
    expect(await c.run((api) => as(api).double(21))).toBe(42);
    expect(c.generation).toBe(2);
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
