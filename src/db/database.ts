/**
 * The app's one IndexedDB database. This is the only module tree that imports Dexie.
 * Every schema version stays here with a comment saying what it changed and why; a version is
 * never edited once released, only followed by a new one.
 */
import Dexie from 'dexie';

/** The Dexie database of Persona Lab. Pass an instance to the stores that need it. */
export class PersonaLabDb extends Dexie {
  constructor(name = 'persona-lab') {
    super(name);
    // Versions are added by each capability as it lands, e.g.
    // this.version(1).stores({ settings: 'key', conversations: 'id, updatedAt' });
  }
}
