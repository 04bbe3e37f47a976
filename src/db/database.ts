/**
 * The app's one IndexedDB database. This is the only module tree that imports Dexie.
 * Every schema version stays here with a comment saying what it changed and why; a version is
 * never edited once released, only followed by a new one.
 */
import Dexie, { type Table } from 'dexie';
import type { ConversationRow, SettingRow } from './rows';

/** The Dexie database of Persona Lab. Pass an instance to the stores that need it. */
export class PersonaLabDb extends Dexie {
  /** App settings as key/value rows (#2). */
  settings!: Table<SettingRow, string>;
  /** Role-play conversations (#2). */
  conversations!: Table<ConversationRow, string>;

  constructor(name = 'persona-lab') {
    super(name);
    // Version 1 (#2): settings by key; conversations by id, listed newest first by updatedAt.
    this.version(1).stores({ settings: 'key', conversations: 'id, updatedAt' });
  }
}
