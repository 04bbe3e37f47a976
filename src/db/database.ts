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
    // v5 (#5): label sets for the judge analyses, annotation kits/sessions/answers, classrooms, leave-one-out runs (src/db/stats-rows.ts).
    this.version(5).stores({ labelSets: 'id, createdAt', annotationKits: 'id, importedAt', annotationSessions: 'id, kitId, updatedAt', annotationAnswers: '[sessionId+pairId], sessionId', classrooms: 'id, kitId, updatedAt', looRuns: 'id, createdAt', looJudgements: '[runId+key], runId', looCalls: 'key' });
  }
}
