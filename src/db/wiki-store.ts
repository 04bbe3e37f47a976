/**
 * WikiPersonas studies in IndexedDB (schema version 8): study records, their stored values (question
 * sets, candidates, pairs, prefixes, rewards, win-rate comparisons, failures) keyed by study, kind
 * and key, and the people a user added to the famous set. The `WikiStore` of src/core/wiki/store.ts.
 */
import type { FamousPerson } from '../core/wiki/famous';
import type { WikiKind, WikiStore, WikiStudyRecord, WikiValues } from '../core/wiki/store';
import type { PersonaLabDb } from './database';
import { readWrite } from './transaction';

/** One stored value. */
interface WikiValueRow {
  /** The study. */
  readonly studyId: string;
  /** What it is. */
  readonly kind: WikiKind;
  /** Its key within the kind. */
  readonly key: string;
  /** The value. */
  readonly value: unknown;
}

/** Reads and writes studies and the user's people. */
export class DexieWikiStore implements WikiStore {
  constructor(private readonly db: PersonaLabDb) {}

  #studies() {
    return this.db.table<WikiStudyRecord, string>('wikiStudies');
  }
  #values() {
    return this.db.table<WikiValueRow, [string, string, string]>('wikiValues');
  }
  #people() {
    return this.db.table<FamousPerson, string>('wikiPeople');
  }

  getStudy(id: string): Promise<WikiStudyRecord | undefined> {
    return this.#studies().get(id);
  }
  listStudies(): Promise<WikiStudyRecord[]> {
    return this.#studies().orderBy('createdAt').reverse().toArray();
  }
  async putStudy(study: WikiStudyRecord): Promise<void> {
    await this.#studies().put(study);
  }
  async deleteStudy(id: string): Promise<void> {
    await readWrite(this.db, ['wikiStudies', 'wikiValues'], async () => {
      await this.#values().where('studyId').equals(id).delete();
      await this.#studies().delete(id);
    });
  }
  async get<K extends WikiKind>(studyId: string, kind: K, key: string): Promise<WikiValues[K] | undefined> {
    return (await this.#values().get([studyId, kind, key]))?.value as WikiValues[K] | undefined;
  }
  async put<K extends WikiKind>(studyId: string, kind: K, key: string, value: WikiValues[K]): Promise<void> {
    await this.#values().put({ studyId, kind, key, value });
  }
  async remove(studyId: string, kind: WikiKind, key: string): Promise<void> {
    await this.#values().delete([studyId, kind, key]);
  }
  async list<K extends WikiKind>(studyId: string, kind: K): Promise<WikiValues[K][]> {
    return (await this.entries(studyId, kind)).map(([, v]) => v);
  }
  async entries<K extends WikiKind>(studyId: string, kind: K): Promise<(readonly [string, WikiValues[K]])[]> {
    const rows = await this.#values().where('[studyId+kind+key]').between([studyId, kind, ''], [studyId, kind, '\uffff']).toArray();
    return rows.map((r) => [r.key, r.value as WikiValues[K]] as const);
  }

  /** The people a user added, by name. */
  async listPeople(): Promise<FamousPerson[]> {
    return (await this.#people().toArray()).sort((a, b) => a.name.localeCompare(b.name));
  }
  /** Adds (or replaces) a person. */
  async putPerson(p: FamousPerson): Promise<void> {
    await this.#people().put(p);
  }
  /** Removes a person (studies keep their copy). */
  async deletePerson(id: string): Promise<void> {
    await this.#people().delete(id);
  }
}
