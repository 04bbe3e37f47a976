/**
 * The app's one IndexedDB database. This is the only module tree that imports Dexie.
 * Every schema version stays here with a comment saying what it changed and why; a version is
 * never edited once released, only followed by a new one.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ConversationRow, SettingRow } from './rows';
import type { CensusModelRow } from './census-models';
import type { PersonaSetDataRow, PersonaSetRow } from './persona-sets';
import type { CachedCallRow, PromptSetRow, RunItemRow, RunRow } from './pipeline-rows';

/** The Dexie database of Persona Lab. Pass an instance to the stores that need it. */
export class PersonaLabDb extends Dexie {
  /** App settings as key/value rows (#2). */
  settings!: Table<SettingRow, string>;
  /** Role-play conversations (#2). */
  conversations!: Table<ConversationRow, string>;
  /** Census models built from imported PUMS files (statistics only, never records) (#3). */
  censusModels!: EntityTable<CensusModelRow, 'id'>;
  /** Persona sets (#3): parameters and summary, one row per set. */
  personaSets!: EntityTable<PersonaSetRow, 'id'>;
  /** The personas of each set (#3), one row per set, kept apart so listing sets stays cheap. */
  personaSetData!: EntityTable<PersonaSetDataRow, 'setId'>;
  /** Prompt sets (#4). */
  promptSets!: Table<PromptSetRow, string>;
  /** Pipeline runs (#4). */
  runs!: Table<RunRow, string>;
  /** Run items: y_l slots and pairs, ids prefixed by their run id (#4). */
  runItems!: Table<RunItemRow, string>;
  /**
   * The one LLM call cache (#4; since v6 also the persona review and enrichment, the prompt
   * classifiers and leave-one-out), by the canonical key of `core/pipeline/cache.ts`.
   */
  llmCache!: Table<CachedCallRow, string>;

  constructor(name = 'persona-lab') {
    super(name);
    // Version 1 (#2): settings by key; conversations by id, listed newest first by updatedAt.
    this.version(1).stores({ settings: 'key', conversations: 'id, updatedAt' });
    // v2 (#3, persona sets): sets by creation time, their personas by set id, persona LLM outputs by key.
    this.version(2).stores({ personaSets: 'id, createdAt', personaSetData: 'setId', personaLlmCache: 'key' });
    // v3 (#3, census imports): one row per imported census model.
    this.version(3).stores({ censusModels: 'id, createdAt' });
    // Version 4 (#4): prompt sets and runs listed by creation; run items by id (a run's items are an id-prefix range) and runId; the call cache by key.
    this.version(4).stores({ promptSets: 'id, createdAt', runs: 'id, createdAt', runItems: 'id, runId', llmCache: 'key' });
    // Version 5 (#5): label sets for the judge analyses, annotation kits/sessions/answers, classrooms, leave-one-out runs (src/db/stats-rows.ts).
    this.version(5).stores({
      labelSets: 'id, createdAt',
      annotationKits: 'id, importedAt',
      annotationSessions: 'id, kitId, updatedAt',
      annotationAnswers: '[sessionId+pairId], sessionId',
      classrooms: 'id, kitId, updatedAt',
      looRuns: 'id, createdAt',
      looJudgements: '[runId+key], runId',
      looCalls: 'key',
    });
    // Version 6 (#10, one call cache): every model call goes through one call path and one cache. The
    // persona review/enrichment cache (personaLlmCache, v2) and the leave-one-out cache (looCalls, v5)
    // are dropped; llmCache stays the one table. Cache keys now carry the client's identity (server
    // address), so no old entry (keys of format v1) can be hit again: all three are emptied. Runs,
    // leave-one-out judgements and persona sets keep their outputs; a stopped job asks again only for
    // what it had not stored yet.
    // llmCache gains a createdAt index so the cache can be listed newest first.
    this.version(6)
      .stores({ llmCache: 'key, createdAt', personaLlmCache: null, looCalls: null })
      .upgrade((tx) => tx.table('llmCache').clear());
    // Version 8 (#13, WikiPersonas): studies by creation; their values by [study, kind, key] (a kind is a key range); the user's own famous people (src/db/wiki-store.ts).
    this.version(8).stores({ wikiStudies: 'id, createdAt', wikiValues: '[studyId+kind+key], studyId', wikiPeople: 'id' });
  }
}
