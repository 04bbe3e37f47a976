/**
 * One engine, one thing at a time. Replies run in the order they were asked for; a change of the
 * engine (load, unload, delete) goes before every queued reply and first interrupts the reply under
 * way, then waits for it to settle: web-llm disposes its pipeline on unload, and a reply still
 * decoding on a disposed pipeline fails with an engine error instead of ending as stopped.
 */

/** What a dropped reply resolves with: it was stopped before it started. */
export const DROPPED: unique symbol = Symbol('dropped');

interface Waiter {
  readonly kind: 'reply' | 'change';
  readonly id?: string;
  readonly start: () => void;
  readonly drop: () => void;
}

/** The worker's queue in front of the engine. */
export class EngineLock {
  readonly #interrupt: () => void;
  #busy: { readonly kind: 'reply' | 'change'; readonly id?: string } | undefined;
  readonly #changes: Waiter[] = [];
  readonly #replies: Waiter[] = [];

  /** `interrupt` stops the reply under way (a change is waiting for it). */
  constructor(interrupt: () => void) {
    this.#interrupt = interrupt;
  }

  /** Runs a reply in turn; resolves with `DROPPED` when `drop(id)` removed it from the queue first. */
  reply<T>(id: string, fn: () => Promise<T>): Promise<T | typeof DROPPED> {
    return this.#enqueue(this.#replies, 'reply', id, fn);
  }

  /** Runs a change of the engine before any queued reply, once the reply under way has been interrupted and has settled. */
  change<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.#enqueue(this.#changes, 'change', undefined, fn);
    if (this.#busy?.kind === 'reply') this.#interrupt();
    return p as Promise<T>;
  }

  /** Removes a queued reply; false when it is not queued (running, finished, or unknown). */
  drop(id: string): boolean {
    const i = this.#replies.findIndex((w) => w.id === id);
    if (i < 0) return false;
    const [w] = this.#replies.splice(i, 1);
    w!.drop();
    return true;
  }

  #enqueue<T>(queue: Waiter[], kind: 'reply' | 'change', id: string | undefined, fn: () => Promise<T>): Promise<T | typeof DROPPED> {
    return new Promise<T | typeof DROPPED>((resolve, reject) => {
      queue.push({
        kind,
        ...(id !== undefined ? { id } : {}),
        drop: () => resolve(DROPPED),
        start: () => {
          this.#busy = { kind, ...(id !== undefined ? { id } : {}) };
          fn()
            .then(resolve, reject)
            .finally(() => {
              this.#busy = undefined;
              this.#next();
            });
        },
      });
      this.#next();
    });
  }

  #next(): void {
    if (this.#busy) return;
    (this.#changes.shift() ?? this.#replies.shift())?.start();
  }
}
