/** Label sets in IndexedDB (schema v5, table `labelSets`). */
import type { PersonaLabDb } from './database';
import type { LabelSetRow } from './stats-rows';

/** A label set's summary for lists (without the arrays). */
export interface LabelSetSummary {
  /** Id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Source. */
  readonly source: LabelSetRow['source'];
  /** Created (ms). */
  readonly createdAt: number;
  /** Number of raters. */
  readonly raters: number;
  /** Number of pairs. */
  readonly pairs: number;
}

/** Reads and writes label sets. */
export class LabelStore {
  constructor(private readonly db: PersonaLabDb) {}

  #table() {
    return this.db.table<LabelSetRow, string>('labelSets');
  }

  /** Saves (or replaces) a set. */
  async put(row: LabelSetRow): Promise<void> {
    await this.#table().put(row);
  }

  /** One set, or undefined. */
  get(id: string): Promise<LabelSetRow | undefined> {
    return this.#table().get(id);
  }

  /** Every set's summary, newest first. */
  async list(): Promise<LabelSetSummary[]> {
    const rows = await this.#table().orderBy('createdAt').reverse().toArray();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      source: r.source,
      createdAt: r.createdAt,
      raters: r.raters.length,
      pairs: r.pairs.length,
    }));
  }

  /** Stores the display names of a set's raters (not indexed: no schema change). */
  async setRaterNames(id: string, names: Readonly<Record<string, string>>): Promise<void> {
    await this.#table().update(id, { raterNames: { ...names } });
  }

  /** Deletes a set. */
  async delete(id: string): Promise<void> {
    await this.#table().delete(id);
  }
}
