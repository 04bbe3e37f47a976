/**
 * The main thread's side of the compute worker: one worker for the whole page (census import,
 * persona sets, statistics) behind the one `WorkerBridge`. Computations run one at a time, in order.
 * Since a computation cannot be interrupted from outside, aborting the one under way terminates the
 * worker (the next call starts a fresh one) and rejects with an AbortError; aborting a queued one only
 * takes it out of the queue. The worker is released after two minutes without work.
 */
import type { Remote } from 'comlink';
import type { ComputeWorkerApi } from '../../workers/compute.worker';
import { WorkerBridge, type WorkerHandle } from './worker-bridge';

/** Starts the worker. */
export type SpawnCompute = () => WorkerHandle;

const spawnModuleWorker: SpawnCompute = () =>
  new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'persona-lab-compute' });

/** How long the worker may sit idle before it is released. */
const IDLE_MS = 120_000;

/** True for the rejection of a call whose signal aborted. */
export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** The compute worker as the page uses it. */
export class ComputeClient {
  readonly #bridge: WorkerBridge<ComputeWorkerApi>;

  constructor(spawn: SpawnCompute = spawnModuleWorker, idleMs: number | undefined = IDLE_MS) {
    this.#bridge = new WorkerBridge<ComputeWorkerApi>({
      spawn,
      queue: true,
      ...(idleMs !== undefined ? { idleMs } : {}),
      aborted: () => new DOMException('The computation was cancelled.', 'AbortError'),
      crashed: (message) => new Error(`The compute worker stopped: ${message}.`),
      restarted: () => new Error('The compute worker was restarted; try again.'),
    });
  }

  /**
   * The number of the worker the next call runs in: 1 for the first, one more after each restart.
   * Whatever a caller sent to the worker (an imported census model, say) is gone once this changes.
   */
  get generation(): number {
    return this.#bridge.generation;
  }

  /**
   * Runs `fn` against the worker when its turn comes; `fn` also gets the number of the worker it runs
   * in. Aborting terminates the worker if the call is under way, and rejects with an AbortError.
   */
  run<T>(fn: (api: Remote<ComputeWorkerApi>, generation: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#bridge.call(fn, signal ? { signal } : {});
  }

  /** Wraps a progress callback so it can cross to the worker. */
  progress<F extends (...args: never[]) => void>(fn: F): F {
    return this.#bridge.proxy(fn);
  }
}
