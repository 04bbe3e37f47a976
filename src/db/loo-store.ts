/** Leave-one-out runs, their judgements and their call cache (schema v5). */
import type { CachedCall, CallCache } from '../core/pipeline/cache';
import type { PersonaLabDb } from './database';
import { readWrite } from './transaction';
import type { LooCallRow, LooJudgementRow, LooRunRow } from './stats-rows';

/** Reads and writes the leave-one-out tables. */
export class LooStore implements CallCache {
  constructor(private readonly db: PersonaLabDb) {}

  #runs() {
    return this.db.table<LooRunRow, string>('looRuns');
  }
  #judgements() {
    return this.db.table<LooJudgementRow, [string, string]>('looJudgements');
  }
  #calls() {
    return this.db.table<LooCallRow, string>('looCalls');
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

  /** A cached call (the pipeline's CallCache interface). */
  getCall(key: string): Promise<CachedCall | undefined> {
    return this.#calls().get(key);
  }
  /** Caches a call. */
  async putCall(call: CachedCall): Promise<void> {
    await this.#calls().put(call);
  }
}
