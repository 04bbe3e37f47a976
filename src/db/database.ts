/**
 * The app's one IndexedDB database. This is the only module tree that imports Dexie.
 * Every schema version stays here with a comment saying what it changed and why; a version is
 * never edited once released, only followed by a new one.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ConversationRow, SettingRow } from './rows';
import type { CensusModelRow } from './census-models';

/** The Dexie database of Persona Lab. Pass an instance to the stores that need it. */
export class PersonaLabDb extends Dexie {
  /** App settings as key/value rows (#2). */
  settings!: Table<SettingRow, string>;
  /** Role-play conversations (#2). */
  conversations!: Table<ConversationRow, string>;
  /** Census models built from imported PUMS files (statistics only, never records) (#3). */
  censusModels!: EntityTable<CensusModelRow, 'id'>;

  constructor(name = 'persona-lab') {
    super(name);
    // Version 1 (#2): settings by key; conversations by id, listed newest first by updatedAt.
    this.version(1).stores({ settings: 'key', conversations: 'id, updatedAt' });
    // Version 3 (#3, census imports): one row per imported census model. (Version 2 is the persona sets.)
    this.version(3).stores({ censusModels: 'id, createdAt' });
  }
}
