/**
 * Persona sets in IndexedDB. A set's row holds its parameters and summary (for lists and share
 * links); its personas live in a separate row, so listing sets never loads them. Sets are stored
 * whole, not as parameters to regenerate: imported sets and sets changed by the LLM review or
 * enrichment cannot be regenerated, a regenerated 100,000-persona set would cost seconds on every
 * visit, and a stored set stays exactly what the user saw even after the embedded census model is
 * rebuilt. Set and personas are written in one transaction: a set is stored whole or not at all.
 */
import type { PersonaLabDb } from './database';
import type { AttributeComparison } from '../core/personas/compare';
import type { GenerateParams } from '../core/personas/generate';
import type { Persona } from '../core/personas/schema';
import type { ReviewReport } from '../core/personas/review';
import type { EnrichmentReport } from '../core/personas/enrich';

/** Where a set's census draws came from. */
interface PersonaSetCensus {
  /** "default" for the embedded model, "imported" for a stored census import, "none" for an imported file. */
  readonly kind: 'default' | 'imported' | 'none';
  /** The census model id (`censusModelId`), when there is a model. */
  readonly modelId?: string;
  /** The stored census import's row id, for kind "imported". */
  readonly importId?: string;
  /** The model's description, for lists. */
  readonly label: string;
}

/** One stored persona set (without its personas). */
export interface PersonaSetRow {
  /** Stable id ("set-" + fingerprint, or a random id for imports). */
  readonly id: string;
  /** Name shown in lists. */
  readonly name: string;
  /** When it was stored (ms since epoch). */
  readonly createdAt: number;
  /** How it was made. */
  readonly origin: 'generated' | 'imported' | 'shared';
  /** Generation parameters; absent for an imported file. */
  readonly params?: GenerateParams;
  /** The census source. */
  readonly census: PersonaSetCensus;
  /** Number of personas. */
  readonly count: number;
  /** Training personas. */
  readonly train: number;
  /** The set's fingerprint (`setFingerprint`), after any review or enrichment. */
  readonly fingerprint: string;
  /** The census comparison, computed when the set was made (empty when there was no model). */
  readonly comparison: readonly AttributeComparison[];
  /** Notes about what was done to the set (LLM review, enrichment), newest last. */
  readonly history: readonly string[];
  /** The last LLM review's report, with every verdict's raw output. */
  readonly review?: ReviewReport;
  /** The last enrichment's report, with the raw outputs that could not be used. */
  readonly enrichment?: EnrichmentReport;
  /** For a reviewed copy: the id of the set it was reviewed from (which stays as it was, share link included). */
  readonly reviewedFrom?: string;
}

/** The personas of one set. */
export interface PersonaSetDataRow {
  /** The set's id. */
  readonly setId: string;
  /** The personas, in order. */
  readonly personas: readonly Persona[];
}

/** Reads and writes persona sets. */
export class PersonaSetStore {
  readonly #db: PersonaLabDb;

  constructor(db: PersonaLabDb) {
    this.#db = db;
  }

  /** Every set's row, newest first. */
  async list(): Promise<PersonaSetRow[]> {
    return this.#db.personaSets.orderBy('createdAt').reverse().toArray();
  }

  /** One set's row, or undefined. */
  async get(id: string): Promise<PersonaSetRow | undefined> {
    return this.#db.personaSets.get(id);
  }

  /** One set's personas (empty when the set does not exist). */
  async personas(id: string): Promise<readonly Persona[]> {
    return (await this.#db.personaSetData.get(id))?.personas ?? [];
  }

  /** Stores a set and its personas in one transaction (replacing a set with the same id). */
  async put(row: PersonaSetRow, personas: readonly Persona[]): Promise<void> {
    await this.#db.transaction('rw', this.#db.personaSets, this.#db.personaSetData, async () => {
      await this.#db.personaSets.put(row);
      await this.#db.personaSetData.put({ setId: row.id, personas });
    });
  }

  /** Renames a set. */
  async rename(id: string, name: string): Promise<void> {
    await this.#db.personaSets.update(id, { name });
  }

  /** Deletes a set and its personas (no error when absent). */
  async delete(id: string): Promise<void> {
    await this.#db.transaction('rw', this.#db.personaSets, this.#db.personaSetData, async () => {
      await this.#db.personaSets.delete(id);
      await this.#db.personaSetData.delete(id);
    });
  }
}
