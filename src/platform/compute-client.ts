/**
 * The main thread's side of the compute worker: one worker for the whole page (census import,
 * persona sets, statistics), started lazily and wrapped once with comlink. Every call takes an
 * optional AbortSignal; since a computation cannot be interrupted from outside, an abort terminates
 * the worker (the next call starts a fresh one): the aborted call rejects with an AbortError, any
 * other call in flight with an Error saying the worker was restarted.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { ComputeWorkerApi } from '../../workers/compute.worker';

/** Starts the worker. */
export type SpawnCompute = () => Worker;

const spawnModuleWorker: SpawnCompute = () =>
  new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'persona-lab-compute' });

const cancelled = () => new DOMException('The computation was cancelled.', 'AbortError');

/** True for the rejection of a call whose signal aborted. */
export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** The compute worker as the page uses it. */
export class ComputeClient {
  readonly #spawn: SpawnCompute;
  #worker: Worker | undefined;
  #remote: Remote<ComputeWorkerApi> | undefined;
  #generation = 0;
  readonly #pending = new Set<(e: Error) => void>();

  constructor(spawn: SpawnCompute = spawnModuleWorker) {
    this.#spawn = spawn;
  }

  /**
   * The number of the worker the next call runs in: 1 for the first, one more after each restart.
   * Whatever a caller sent to the worker (an imported census model, say) is gone once this changes.
   */
  get generation(): number {
    return this.#remote ? this.#generation : this.#generation + 1;
  }

  #api(): Remote<ComputeWorkerApi> {
    if (!this.#remote) {
      const w = this.#spawn();
      w.addEventListener('error', (ev) => this.#stop(new Error(`The compute worker stopped: ${ev.message || 'it failed to start'}.`)));
      this.#worker = w;
      this.#remote = wrap<ComputeWorkerApi>(w);
      this.#generation++;
    }
    return this.#remote;
  }

  #stop(reason: Error): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const reject of pending) reject(reason);
  }

  /** Runs `fn` against the worker; aborting terminates the worker and rejects with an AbortError. */
  run<T>(fn: (api: Remote<ComputeWorkerApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        this.#pending.delete(reject);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        settle();
        reject(cancelled());
        this.#stop(new Error('The compute worker was restarted because another computation was cancelled; try again.'));
      };
      this.#pending.add(reject);
      signal?.addEventListener('abort', onAbort, { once: true });
      fn(this.#api()).then(
        (value) => (settle(), resolve(value)),
        (e: unknown) => (settle(), reject(e instanceof Error ? e : new Error(String(e)))),
      );
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
