/**
 * The one way the page talks to a worker (after Squoosh's worker-bridge): the worker starts on the
 * first call and is wrapped once with comlink; calls may queue so one runs at a time; a call whose
 * `AbortSignal` aborts either terminates the worker (work that cannot be interrupted from outside:
 * the next call starts a fresh one) or just stops waiting (the worker finishes it on its own); a
 * worker that crashes fails the calls in it and is replaced on the next call; a worker left idle may
 * be released. The worker module exposes `const api = {…}; export type XApi = typeof api; expose(api)`.
 *
 * A queued bridge runs `fn` only when the call's turn comes, so `fn` must not wait for another call
 * of the same bridge (that call would queue behind it for ever).
 */
import { proxy, wrap, type Endpoint, type Remote } from 'comlink';

/** A started worker: a comlink endpoint that can be terminated. */
export interface WorkerHandle extends Endpoint {
  terminate?(): void;
}

/** Starts the worker. */
export type SpawnWorker = () => WorkerHandle;

/** How a bridge behaves. */
export interface BridgeOptions {
  /** Starts the worker. */
  readonly spawn: SpawnWorker;
  /** One call at a time, in order (the others wait their turn). Default false: calls go straight to the worker. */
  readonly queue?: boolean;
  /** Terminates the worker after this many milliseconds with no call (undefined: never). */
  readonly idleMs?: number;
  /** The rejection of an aborted call. */
  readonly aborted: () => Error;
  /** The rejection of calls in a worker that crashed, from the error event's message. */
  readonly crashed: (message: string) => Error;
  /** The rejection of a call whose worker was terminated because another call was aborted. */
  readonly restarted: () => Error;
  /** What a worker's own rejection becomes (default: itself, if it is an Error). */
  readonly wrapError?: (e: unknown) => Error;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborting rejects the call at once with `aborted()`. */
  readonly signal?: AbortSignal;
  /**
   * What else an abort does when the call is under way: "terminate" the worker (the default: the
   * only way to stop work that cannot be interrupted) or "nothing" (the worker finishes the call, or
   * stops it when told through another call, and its answer is dropped).
   */
  readonly onAbort?: 'terminate' | 'nothing';
}

interface Call {
  started: boolean;
  readonly run: () => void;
  readonly fail: (e: Error) => void;
}

/** A typed, lazily started worker. */
export class WorkerBridge<Api> {
  readonly #o: BridgeOptions;
  #handle: WorkerHandle | undefined;
  #remote: Remote<Api> | undefined;
  #generation = 0;
  readonly #pending = new Set<Call>();
  readonly #queue: Call[] = [];
  #running: Call | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #crashListeners = new Set<(e: Error) => void>();

  constructor(options: BridgeOptions) {
    this.#o = options;
  }

  /** Whether a worker is running. */
  get started(): boolean {
    return this.#remote !== undefined;
  }

  /**
   * The number of the worker the next call runs in: 1 for the first, one more after each restart.
   * Whatever a caller sent to the worker (an imported census model, say) is gone once this changes.
   */
  get generation(): number {
    return this.#remote ? this.#generation : this.#generation + 1;
  }

  /** Calls `listener` when a worker crashes (after its calls were failed); returns the unsubscribe function. */
  onCrash(listener: (e: Error) => void): () => void {
    this.#crashListeners.add(listener);
    return () => void this.#crashListeners.delete(listener);
  }

  /**
   * Runs `fn` against the worker (in turn, when queued). `fn` receives the API and the number of the
   * worker it runs in. Rejects with `aborted()` when the signal aborts, and with the worker's failure.
   */
  call<T>(fn: (api: Remote<Api>, generation: number) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const { signal, onAbort = 'terminate' } = options;
    if (signal?.aborted) return Promise.reject(this.#o.aborted());
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = () => {
        settled = true;
        this.#pending.delete(call);
        const queued = this.#queue.indexOf(call);
        if (queued >= 0) this.#queue.splice(queued, 1);
        signal?.removeEventListener('abort', abort);
        if (this.#running === call) this.#running = undefined;
        this.#next();
        this.#armIdle();
      };
      const call: Call = {
        started: false,
        fail: (e) => {
          if (settled) return;
          finish();
          reject(e);
        },
        run: () => {
          call.started = true;
          this.#disarmIdle();
          let api: Remote<Api>;
          try {
            api = this.#api();
          } catch (e) {
            call.fail(this.#wrap(e));
            return;
          }
          fn(api, this.#generation).then(
            (value) => {
              if (settled) return;
              finish();
              resolve(value);
            },
            (e: unknown) => call.fail(this.#wrap(e)),
          );
        },
      };
      const abort = () => {
        if (!call.started || onAbort !== 'terminate') return call.fail(this.#o.aborted());
        const others = [...this.#pending].filter((c) => c !== call && c.started);
        this.#kill(); // first, so that a call queued behind this one starts in a fresh worker
        call.fail(this.#o.aborted());
        for (const c of others) c.fail(this.#o.restarted());
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.#pending.add(call);
      if (this.#o.queue) {
        this.#queue.push(call);
        this.#next();
      } else call.run();
    });
  }

  /** Wraps a callback so it can cross to the worker (release it with comlink's `releaseProxy` when done). */
  proxy<F extends (...args: never[]) => unknown>(fn: F): F {
    return proxy(fn);
  }

  /** Stops the worker (freeing what it holds); every call waiting or under way rejects with `reason`. The next call starts a fresh one. */
  terminate(reason: Error = this.#o.restarted()): void {
    this.#stop(reason);
  }

  #api(): Remote<Api> {
    if (!this.#remote) {
      const handle = this.#o.spawn();
      handle.addEventListener('error', ((ev: { message?: string }) => {
        const e = this.#o.crashed(ev.message || 'it failed to start');
        this.#stop(e);
        for (const listener of this.#crashListeners) listener(e);
      }) as EventListener);
      this.#handle = handle;
      this.#remote = wrap<Api>(handle);
      this.#generation++;
    }
    return this.#remote;
  }

  /** Terminates the worker and fails every call waiting or under way. */
  #stop(reason: Error): void {
    this.#kill();
    for (const call of [...this.#pending]) call.fail(reason);
  }

  #kill(): void {
    this.#disarmIdle();
    this.#handle?.terminate?.();
    this.#handle = undefined;
    this.#remote = undefined;
  }

  #next(): void {
    if (!this.#o.queue || this.#running) return;
    const call = this.#queue.shift();
    if (!call) return;
    this.#running = call;
    call.run();
  }

  #armIdle(): void {
    if (this.#o.idleMs === undefined || this.#pending.size > 0 || !this.#remote) return;
    this.#disarmIdle();
    this.#idle = setTimeout(() => {
      if (this.#pending.size === 0) this.#kill();
    }, this.#o.idleMs);
  }

  #disarmIdle(): void {
    if (this.#idle !== undefined) clearTimeout(this.#idle);
    this.#idle = undefined;
  }

  #wrap(e: unknown): Error {
    if (this.#o.wrapError) return this.#o.wrapError(e);
    return e instanceof Error ? e : new Error(String(e));
  }
}
