/**
 * Imported census models in IndexedDB. A row holds the built model as a JSON string (statistics,
 * not records) and a summary for lists, written in one put: an import either lands whole or not at all.
 */
import type { PersonaLabDb } from './database';
import type { CensusModelData, CensusModelMeta } from '../core/census/model';

/** One stored census model. */
export interface CensusModelRow {
  /** Stable id ("census-" + a hash of the model). */
  readonly id: string;
  /** Name shown in lists (the file names by default). */
  readonly name: string;
  /** When it was imported (ms since epoch). */
  readonly createdAt: number;
  /** The model's meta (records, weight, states, …) for lists without parsing the model. */
  readonly meta: CensusModelMeta;
  /** The model, as JSON text. */
  readonly json: string;
}

/** Reads and writes imported census models. */
export class CensusModelStore {
  readonly #db: PersonaLabDb;

  constructor(db: PersonaLabDb) {
    this.#db = db;
  }

  /** Stores a model (replacing one with the same id). */
  async put(row: CensusModelRow): Promise<void> {
    await this.#db.censusModels.put(row);
  }

  /** Every stored model's row without its JSON, newest first. */
  async list(): Promise<Omit<CensusModelRow, 'json'>[]> {
    const rows = await this.#db.censusModels.orderBy('createdAt').reverse().toArray();
    return rows.map(({ json: _json, ...rest }) => rest);
  }

  /** The parsed model, or undefined when no model has that id. */
  async load(id: string): Promise<CensusModelData | undefined> {
    const row = await this.#db.censusModels.get(id);
    return row ? (JSON.parse(row.json) as CensusModelData) : undefined;
  }

  /** Deletes a model (no error when absent). */
  async delete(id: string): Promise<void> {
    await this.#db.censusModels.delete(id);
  }
}
