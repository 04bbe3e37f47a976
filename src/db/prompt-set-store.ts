/** Stored prompt sets. */
import type { PersonaLabDb } from './database';
import type { PromptSetRow } from './pipeline-rows';

/** Reads and writes prompt sets. */
export class PromptSetStore {
  readonly #db: PersonaLabDb;

  constructor(db: PersonaLabDb) {
    this.#db = db;
  }

  /** Every set, newest first. */
  async list(): Promise<PromptSetRow[]> {
    return (await this.#db.promptSets.orderBy('createdAt').reverse().toArray()) as PromptSetRow[];
  }

  /** One set; undefined when there is none with that id. */
  get(id: string): Promise<PromptSetRow | undefined> {
    return this.#db.promptSets.get(id);
  }

  /** Creates or replaces a set. */
  async put(row: PromptSetRow): Promise<void> {
    await this.#db.promptSets.put(row);
  }

  /** Deletes a set (runs made from it keep their own copy of the prompts). */
  async delete(id: string): Promise<void> {
    await this.#db.promptSets.delete(id);
  }
}
