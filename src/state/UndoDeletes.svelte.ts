/**
 * Undo for deletes, one mechanism for every kind of item: before a delete, the item's rows are read
 * into a snapshot (the Data page's bundle, `DataStore.snapshot`); the delete is the state's own (which
 * may refuse, as for a running job's item); if the rows went, an offer "Deleted “name”. Undo" stays
 * for `ttlMs` (10 s), and Undo restores the snapshot (`DataStore.restore`, same ids and rows) and has
 * the app's states re-read their lists. Snapshots live in memory only, until their offer ends.
 */
import type { Bundle } from '../core/data/bundle';
import type { PersonaLabDb } from '../db/database';
import { DataStore } from '../db/data-store';
import { itemRows, type ItemKind } from '../db/item-rows';

/** The item a delete removes. */
export interface DeletedItem {
  /** Its kind (which rows are its own). */
  readonly kind: ItemKind;
  /** Its id. */
  readonly id: string;
  /** Its name, for people. */
  readonly name: string;
}

/** An offer to undo one delete, as the toast shows it. */
export interface UndoOffer {
  /** The offer's id (for `undo` and `dismiss`). */
  readonly id: number;
  /** What was done, for people: `Deleted “Run 1”.` */
  readonly message: string;
  /** When the offer ends (ms since the epoch). */
  readonly until: number;
}

interface Entry extends UndoOffer {
  readonly snapshot: Bundle;
  readonly restored: (() => Promise<unknown>) | undefined;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** How long an undo is offered, ms. */
const UNDO_MS = 10_000;

/** Kinds whose "delete" edits a row rather than removing it (a classroom's answer file): always offered. */
const EDITS: ReadonlySet<ItemKind> = new Set(['classroom']);

/** Deletes with an undo, and the offers standing. */
export class UndoDeletes {
  #entries = $state.raw<readonly Entry[]>([]);
  #said = $state('');
  #saidTimer: ReturnType<typeof setTimeout> | undefined;
  #next = 1;
  readonly #store: DataStore;
  readonly #changed: () => Promise<void>;
  readonly #ttlMs: number;

  /** `changed` is called after an undo (the app's states re-read their lists). */
  constructor(db: PersonaLabDb, changed: () => Promise<void> = async () => {}, ttlMs = UNDO_MS) {
    this.#store = new DataStore(db);
    this.#changed = changed;
    this.#ttlMs = ttlMs;
  }

  /** The offers standing, oldest first. */
  get offers(): readonly UndoOffer[] {
    return this.#entries;
  }
  /** The last thing an undo did, for the status line ("Restored “Run 1”."). */
  get said(): string {
    return this.#said;
  }

  /**
   * Deletes an item with `remove` (the state's own delete), after reading its rows; offers an undo when
   * its rows went (a delete the state refused offers none). `restored` runs after an undo, for a state
   * the app does not hold (a page's own). True when an undo is offered.
   */
  async delete(item: DeletedItem, remove: () => Promise<unknown>, restored?: () => Promise<unknown>): Promise<boolean> {
    const picks = itemRows(item.kind, item.id);
    const snapshot = await this.#store.snapshot(picks);
    const first = picks[0];
    if (!first?.key || !snapshot.tables.get(first.table)?.length) {
      await remove();
      return false;
    }
    await remove();
    const edit = EDITS.has(item.kind);
    if (!edit && (await this.#store.has(first.table, first.key))) return false;
    const id = this.#next++;
    const entry: Entry = {
      id,
      message: `${edit ? 'Removed' : 'Deleted'} “${item.name}”.`,
      until: Date.now() + this.#ttlMs,
      snapshot,
      restored,
      timer: setTimeout(() => this.dismiss(id), this.#ttlMs),
    };
    this.#said = '';
    this.#entries = [...this.#entries, entry];
    return true;
  }

  /** Puts back what an offer's delete removed: the same rows under the same ids. */
  async undo(id: number): Promise<void> {
    const entry = this.#entries.find((e) => e.id === id);
    if (!entry) return;
    this.dismiss(id);
    await this.#store.restore(entry.snapshot, 'replace');
    await this.#changed();
    await entry.restored?.();
    this.#said = `Restored ${entry.message.replace(/^(Deleted|Removed) /, '')}`;
    clearTimeout(this.#saidTimer);
    this.#saidTimer = setTimeout(() => (this.#said = ''), this.#ttlMs / 2);
  }

  /** Ends an offer (its snapshot is let go). */
  dismiss(id: number): void {
    const entry = this.#entries.find((e) => e.id === id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#entries = this.#entries.filter((e) => e.id !== id);
  }
}
