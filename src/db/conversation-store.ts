/** Stored role-play conversations. */
import type { PersonaLabDb } from './database';
import type { ConversationRow } from './rows';

/** A conversation in the history list. */
export interface ConversationSummary {
  /** Its id. */
  readonly id: string;
  /** Its title. */
  readonly title: string;
  /** Last change, ms since the epoch. */
  readonly updatedAt: number;
  /** Number of turns. */
  readonly turns: number;
}

/** Reads and writes conversations. */
export class ConversationStore {
  readonly #db: PersonaLabDb;

  constructor(db: PersonaLabDb) {
    this.#db = db;
  }

  /** Every conversation, newest first. */
  async list(): Promise<ConversationSummary[]> {
    const rows = await this.#db.conversations.orderBy('updatedAt').reverse().toArray();
    return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updatedAt, turns: r.turns.length }));
  }

  /** One conversation; undefined when there is none with that id. */
  get(id: string): Promise<ConversationRow | undefined> {
    return this.#db.conversations.get(id);
  }

  /** Creates or replaces a conversation. */
  async put(c: ConversationRow): Promise<void> {
    await this.#db.conversations.put(c);
  }

  /** Deletes a conversation (nothing happens when it does not exist). */
  async delete(id: string): Promise<void> {
    await this.#db.conversations.delete(id);
  }
}
