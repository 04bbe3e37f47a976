/**
 * The Data page's state: what is stored, by kind, with counts and sizes; clearing a kind; the data
 * bundle out (one versioned JSON lines file) and in (read, checked, then shown with what it would
 * change before anything is written; rows already stored are kept unless the user chooses to replace them).
 */
import { readBundle, type Bundle } from '../core/data/bundle';
import { NO_PROBLEMS, type ProblemList } from '../core/records/problems';
import type { PersonaLabDb } from '../db/database';
import { CALL_CACHE_KIND, DataStore, type RestoreCount, type RestoreMode, type StoredKind } from '../db/data-store';
import { Stored } from './Stored.svelte';

/** A checked bundle waiting for the user's choice. */
export interface PendingRestore {
  /** The file's name. */
  readonly file: string;
  /** When it was exported. */
  readonly exportedAt: string;
  /** Per kind: its rows and how many are already stored. */
  readonly counts: readonly RestoreCount[];
}

/** Stored data and the job in progress. */
export class DataState {
  readonly #kinds = new Stored<readonly StoredKind[]>(() => this.#store.list(), []);
  #status = $state<'idle' | 'reading' | 'clearing' | 'exporting' | 'restoring'>('idle');
  #error = $state<string | null>(null);
  #notice = $state<string | null>(null);
  #problems = $state.raw<ProblemList>(NO_PROBLEMS);
  #pending = $state.raw<PendingRestore | null>(null);
  #bundle: Bundle | null = null;
  readonly #store: DataStore;
  readonly #changed: () => Promise<void>;

  /** `changed` is called after anything was cleared or restored (the app's states re-read what they hold open; their lists follow the database). */
  constructor(db: PersonaLabDb, changed: () => Promise<void> = async () => {}) {
    this.#store = new DataStore(db);
    this.#changed = changed;
  }

  /** Stored data by kind. */
  get kinds(): readonly StoredKind[] {
    return this.#kinds.current;
  }
  /** What is being done. */
  get status(): 'idle' | 'reading' | 'clearing' | 'exporting' | 'restoring' {
    return this.#status;
  }
  /** True while something is being done. */
  get busy(): boolean {
    return this.#status !== 'idle';
  }
  /** The last failure, for people. */
  get error(): string | null {
    return this.#error;
  }
  /** What the last action did. */
  get notice(): string | null {
    return this.#notice;
  }
  /** Why the last bundle was refused. */
  get problems(): ProblemList {
    return this.#problems;
  }
  /** A checked bundle waiting for the user's choice. */
  get pending(): PendingRestore | null {
    return this.#pending;
  }

  async #do(status: 'reading' | 'clearing' | 'exporting' | 'restoring', work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.#status = status;
    this.#error = null;
    try {
      await work();
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    } finally {
      this.#status = 'idle';
    }
  }

  /** Deletes every row of a kind (the page asks first). */
  clear(kind: string): Promise<void> {
    return this.#do('clearing', async () => {
      const rows = this.#kinds.current.find((k) => k.kind === kind)?.rows ?? 0;
      await this.#store.clear(kind);
      await this.#changed();
      this.#notice = `${kind}: ${rows.toLocaleString('en-US')} rows deleted.`;
    });
  }

  /** Empties the call cache (model outputs are asked for again on the next run). */
  clearCallCache(): Promise<void> {
    return this.clear(CALL_CACHE_KIND);
  }

  /** The data bundle as a file to save; undefined when it failed (see `error`). */
  async exportBundle(now = new Date()): Promise<{ filename: string; blob: Blob } | undefined> {
    let out: { filename: string; blob: Blob } | undefined;
    await this.#do('exporting', async () => {
      const parts = await this.#store.exportParts(now);
      const day = now.toISOString().slice(0, 10);
      out = { filename: `persona-lab-${day}.jsonl`, blob: new Blob(parts, { type: 'application/jsonl' }) };
      this.#notice = `Exported ${(parts.length - 1).toLocaleString('en-US')} rows.`;
    });
    return out;
  }

  /** Reads and checks a bundle, and shows what restoring it would change; nothing is written yet. */
  open(name: string, bytes: Uint8Array): Promise<void> {
    return this.#do('reading', async () => {
      this.#pending = null;
      this.#bundle = null;
      this.#problems = NO_PROBLEMS;
      this.#notice = null;
      const r = await readBundle(name, bytes, this.#store.target());
      if (!r.ok) {
        this.#problems = r.problems;
        this.#error = `${name} is not a Persona Lab bundle this app can restore; nothing was changed.`;
        return;
      }
      this.#bundle = r.bundle;
      this.#pending = { file: name, exportedAt: r.bundle.header.exportedAt, counts: await this.#store.plan(r.bundle) };
    });
  }

  /** Drops the bundle waiting for a choice. */
  cancelRestore(): void {
    this.#pending = null;
    this.#bundle = null;
  }

  /** Restores the bundle waiting for a choice: rows already stored are kept ("keep") or replaced ("replace"). */
  restore(mode: RestoreMode): Promise<void> {
    const bundle = this.#bundle;
    if (!bundle) return Promise.resolve();
    return this.#do('restoring', async () => {
      const c = await this.#store.restore(bundle, mode);
      this.#pending = null;
      this.#bundle = null;
      await this.#changed();
      const fmt = (n: number) => n.toLocaleString('en-US');
      this.#notice =
        `Restored: ${fmt(c.added)} rows added` +
        (c.replaced ? `, ${fmt(c.replaced)} stored rows replaced` : '') +
        (c.kept ? `, ${fmt(c.kept)} rows already stored were kept as they were` : '') +
        '.';
    });
  }
}
