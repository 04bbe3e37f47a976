/**
 * Stored lists that follow the database: a read re-run whenever a table it read changes, in this tab or another
 * (Dexie's `liveQuery`, which hears other tabs through BroadcastChannel).
 */
import { liveQuery } from 'dexie';

/** A read that can be watched: `subscribe` calls `next` with its result now and after every change, until unsubscribed. */
export interface Watched<T> {
  /** Starts watching; the returned function stops. */
  subscribe(next: (value: T) => void, error: (e: unknown) => void): () => void;
}

/** Watches `read` (which must read through Dexie, e.g. a store's `list()`): it runs again whenever what it read changes. */
export function watched<T>(read: () => Promise<T>): Watched<T> {
  const query = liveQuery(read);
  return {
    subscribe(next, error) {
      const subscription = query.subscribe({ next, error });
      return () => subscription.unsubscribe();
    },
  };
}
