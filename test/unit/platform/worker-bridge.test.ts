// The one worker bridge (src/platform/worker-bridge.ts) over MessageChannel "workers": lazy start,
// aborts that stop waiting or terminate, a crash that fails the calls in the worker, restart.
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { WorkerBridge, type WorkerHandle } from '../../../src/platform/worker-bridge';

type Api = { echo(x: string): Promise<string>; hang(): Promise<never> };

function workers() {
  const started: { terminated: boolean; crash: (message: string) => void }[] = [];
  const spawn = (): WorkerHandle => {
    const { port1, port2 } = new MessageChannel();
    expose({ echo: async (x: string) => x, hang: () => new Promise<never>(() => {}) }, port2 as unknown as Parameters<typeof expose>[1]);
    const errorListeners: ((ev: { message: string }) => void)[] = [];
    const handle = {
      terminated: false,
      crash: (message: string) => errorListeners.forEach((l) => l({ message })),
    };
    started.push(handle);
    const endpoint = port1 as unknown as WorkerHandle;
    const add = endpoint.addEventListener.bind(endpoint);
    return Object.assign(endpoint, {
      addEventListener: (type: string, l: EventListener) =>
        type === 'error' ? errorListeners.push(l as unknown as (ev: { message: string }) => void) : add(type, l),
      terminate() {
        handle.terminated = true;
        port1.close();
        port2.close();
      },
    });
  };
  return { spawn, started };
}

const bridge = (spawn: () => WorkerHandle) =>
  new WorkerBridge<Api>({
    spawn,
    aborted: () => new Error('aborted'),
    crashed: (m) => new Error(`crashed: ${m}`),
    restarted: () => new Error('restarted'),
  });

describe('WorkerBridge', () => {
  it('starts the worker on the first call only, and tells each call its worker', async () => {
    const w = workers();
    const b = bridge(w.spawn);
    expect(b.started).toBe(false);
    expect(await b.call((api, generation) => api.echo(`worker ${generation}`))).toBe('worker 1');
    expect(b.started).toBe(true);
    expect(w.started).toHaveLength(1);
  });

  it('stops waiting on abort without touching the worker when asked to', async () => {
    const w = workers();
    const b = bridge(w.spawn);
    const ctl = new AbortController();
    const hanging = b.call((api) => api.hang(), { signal: ctl.signal, onAbort: 'nothing' });
    ctl.abort();
    await expect(hanging).rejects.toThrow('aborted');
    expect(w.started[0]!.terminated).toBe(false);
    expect(await b.call((api) => api.echo('still here'))).toBe('still here');
  });

  it('fails the calls in a crashed worker, tells the listeners, and starts afresh', async () => {
    const w = workers();
    const b = bridge(w.spawn);
    const crashes: string[] = [];
    b.onCrash((e) => crashes.push(e.message));
    const hanging = b.call((api) => api.hang());
    await Promise.resolve();
    w.started[0]!.crash('out of memory');
    await expect(hanging).rejects.toThrow('crashed: out of memory');
    expect(crashes).toEqual(['crashed: out of memory']);
    expect(w.started[0]!.terminated).toBe(true);
    expect(await b.call((api, generation) => api.echo(`worker ${generation}`))).toBe('worker 2');
  });

  it('terminate() fails everything waiting with the reason given', async () => {
    const w = workers();
    const b = bridge(w.spawn);
    const hanging = b.call((api) => api.hang());
    b.terminate(new Error('page closing'));
    await expect(hanging).rejects.toThrow('page closing');
    expect(b.started).toBe(false);
  });
});
