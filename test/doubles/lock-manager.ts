/**
 * An in-memory stand-in for the browser's `navigator.locks` (Web Locks API) for unit tests, with the
 * rules the code under test relies on: a lock is held until the callback's promise settles;
 * `exclusive` excludes everyone, `shared` only `exclusive`; requests are granted in order; with
 * `ifAvailable` a request that cannot be granted at once gets `null` instead of waiting; `query()`
 * lists held and pending locks. Each "tab" is a `FakeLockManager` view with its own client id over
 * one shared `LockRegistry`, as tabs of one origin share the browser's locks.
 */

interface Held {
  readonly name: string;
  readonly mode: LockMode;
  readonly clientId: string;
}

interface Waiting extends Held {
  readonly grant: () => void;
}

/** The locks of one origin, shared by every tab's `FakeLockManager`. */
export class LockRegistry {
  readonly held: Held[] = [];
  readonly queue: Waiting[] = [];

  /** Whether a request could be granted now (nothing conflicting held, nobody ahead of it in the queue). */
  grantable(name: string, mode: LockMode, ahead: readonly Waiting[]): boolean {
    const conflicts = (l: Held) => l.name === name && (mode === 'exclusive' || l.mode === 'exclusive');
    return !this.held.some(conflicts) && !ahead.some(conflicts);
  }

  /** Grants what can be granted, in queue order. */
  process(): void {
    for (let i = 0; i < this.queue.length;) {
      const w = this.queue[i]!;
      if (this.grantable(w.name, w.mode, this.queue.slice(0, i))) {
        this.queue.splice(i, 1);
        w.grant();
      } else i++;
    }
  }

  /** Drops every lock and request of a client, as closing its tab does. */
  closeClient(clientId: string): void {
    for (let i = this.held.length - 1; i >= 0; i--) if (this.held[i]!.clientId === clientId) this.held.splice(i, 1);
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.clientId === clientId) this.queue.splice(i, 1);
    this.process();
  }
}

let clients = 0;

/** One tab's view of the locks. */
export class FakeLockManager {
  readonly clientId = `client-${++clients}`;
  constructor(readonly registry: LockRegistry = new LockRegistry()) {}

  request<T>(name: string, callback: (lock: Lock | null) => T | Promise<T>): Promise<T>;
  request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T | Promise<T>): Promise<T>;
  async request<T>(
    name: string,
    a: LockOptions | ((lock: Lock | null) => T | Promise<T>),
    b?: (lock: Lock | null) => T | Promise<T>,
  ): Promise<T> {
    const options: LockOptions = typeof a === 'function' ? {} : a;
    const callback = (typeof a === 'function' ? a : b)!;
    const mode = options.mode ?? 'exclusive';
    const r = this.registry;
    if (options.ifAvailable && !r.grantable(name, mode, r.queue)) return callback(null);
    await new Promise<void>((grant) => {
      r.queue.push({ name, mode, clientId: this.clientId, grant });
      r.process();
    });
    const held: Held = { name, mode, clientId: this.clientId };
    r.held.push(held);
    try {
      return await callback({ name, mode } as Lock);
    } finally {
      const i = r.held.indexOf(held);
      if (i >= 0) r.held.splice(i, 1);
      r.process();
    }
  }

  async query(): Promise<LockManagerSnapshot> {
    const info = (l: Held): LockInfo => ({ name: l.name, mode: l.mode, clientId: l.clientId });
    return { held: this.registry.held.map(info), pending: this.registry.queue.map(info) };
  }
}
