/**
 * The main thread's side of the compute worker: started lazily, wrapped once with comlink. Every
 * call takes an optional AbortSignal; since a computation cannot be interrupted from outside, an
 * abort terminates the worker (the next call starts a fresh one) and rejects with an AbortError.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { ComputeWorkerApi } from '../../workers/compute.worker';

/** Starts the worker. */
export type SpawnCompute = () => Worker;

const spawnModuleWorker: SpawnCompute = () =>
  new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'persona-lab-compute' });

/** The compute worker as the page uses it. */
export class ComputeClient {
  readonly #spawn: SpawnCompute;
  #worker: Worker | undefined;
  #remote: Remote<ComputeWorkerApi> | undefined;
  readonly #pending = new Set<(e: Error) => void>();

  constructor(spawn: SpawnCompute = spawnModuleWorker) {
    this.#spawn = spawn;
  }

  #api(): Remote<ComputeWorkerApi> {
    if (!this.#remote) {
      const w = this.#spawn();
      w.addEventListener('error', (ev) => this.#stop(new Error(`The compute worker stopped: ${ev.message || 'it failed to start'}.`)));
      this.#worker = w;
      this.#remote = wrap<ComputeWorkerApi>(w);
    }
    return this.#remote;
  }

  #stop(reason: Error): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
    for (const reject of this.#pending) reject(reason);
    this.#pending.clear();
  }

  /** Runs `fn` against the worker; aborting terminates the worker and rejects with an AbortError. */
  run<T>(fn: (api: Remote<ComputeWorkerApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new DOMException('The computation was cancelled.', 'AbortError'));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.#stop(new DOMException('The computation was cancelled.', 'AbortError'));
      this.#pending.add(reject);
      signal?.addEventListener('abort', onAbort, { once: true });
      fn(this.#api())
        .then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))))
        .finally(() => {
          this.#pending.delete(reject);
          signal?.removeEventListener('abort', onAbort);
        });
    });
  }

  /** Wraps a progress callback so it can cross to the worker. */
  progress<F extends (...args: never[]) => void>(fn: F): F {
    return proxy(fn);
  }
}

let shared: ComputeClient | undefined;
/** The app's one compute client. */
export function computeClient(): ComputeClient {
  return (shared ??= new ComputeClient());
}
