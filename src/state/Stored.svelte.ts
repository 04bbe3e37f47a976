/**
 * A stored list (or any stored read) as reactive state: `current` follows the database while some effect reads it
 * (a page showing it, or the composition root's effect root), through `watched` from `src/db/live.ts`, so a change
 * made anywhere (this state, another state, the Data page, another tab) shows without a manual re-read.
 * Where no effect reads it (an event handler, Svelte's server build in Node unit tests) `current` is the last
 * value seen; `refresh()` reads once, for code that needs the list right after its own write.
 */
import { createSubscriber } from 'svelte/reactivity';
import { watched } from '../db/live';

/** One stored read, kept current while watched. */
export class Stored<T> {
  #current = $state.raw<T>() as T;
  readonly #read: () => Promise<T>;
  readonly #subscribe: () => void;

  /** `read` must read through Dexie (a store's list method); `initial` is shown until the first result. */
  constructor(read: () => Promise<T>, initial: T) {
    this.#current = initial;
    this.#read = read;
    const source = watched(read);
    this.#subscribe = createSubscriber(() =>
      source.subscribe(
        (value) => (this.#current = value),
        // A failed read is an app error: the unhandled-rejection handler shows it.
        (e) => void Promise.reject(e),
      ),
    );
  }

  /** The latest result (watching the database while an effect reads this). */
  get current(): T {
    this.#subscribe();
    return this.#current;
  }

  /** Reads once now and keeps the result (for a state's own write, or where no effect runs). */
  async refresh(): Promise<T> {
    this.#current = await this.#read();
    return this.#current;
  }
}
