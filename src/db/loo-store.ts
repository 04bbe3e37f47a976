/** Leave-one-out runs and their judgements (schema v5; their model calls use the one call cache since v6). */
import type { PersonaLabDb } from './database';
import { readWrite } from './transaction';
import type { LooJudgementRow, LooRunRow } from './stats-rows';

/** Reads and writes the leave-one-out tables. */
export class LooStore {
  constructor(private readonly db: PersonaLabDb) {}

  #runs() {
    return this.db.table<LooRunRow, string>('looRuns');
  }
  #judgements() {
    return this.db.table<LooJudgementRow, [string, string]>('looJudgements');
  }

  /** Saves a run. */
  async putRun(r: LooRunRow): Promise<void> {
    await this.#runs().put(r);
  }
  /** One run. */
  getRun(id: string): Promise<LooRunRow | undefined> {
    return this.#runs().get(id);
  }
  /** Changes a run's status (and error). */
  async setStatus(id: string, status: LooRunRow['status'], error: string | null = null): Promise<void> {
    const r = await this.#runs().get(id);
    if (r) await this.#runs().put({ ...r, status, error });
  }
  /** Runs, newest first. */
  listRuns(): Promise<LooRunRow[]> {
    return this.#runs().orderBy('createdAt').reverse().toArray();
  }
  /** Deletes a run and its judgements. */
  async deleteRun(id: string): Promise<void> {
    await readWrite(this.db, ['looRuns', 'looJudgements'], async () => {
      await this.#judgements().where('runId').equals(id).delete();
      await this.#runs().delete(id);
    });
  }

  /** Saves judgements. */
  async putJudgements(rows: readonly LooJudgementRow[]): Promise<void> {
    await this.#judgements().bulkPut([...rows]);
  }
  /** A run's judgements. */
  judgements(runId: string): Promise<LooJudgementRow[]> {
    return this.#judgements().where('runId').equals(runId).toArray();
  }
}
