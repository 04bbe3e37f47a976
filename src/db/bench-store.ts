/**
 * The bench store of the page, over IndexedDB (schema version 7): bench records and their samples.
 * Calls are cached in the runs' call cache through the app's one pipeline store, so a bench and a run
 * never make the same call twice. Samples arriving together (several in flight) are written in one
 * transaction; reads see writes still queued, so a stage never misses its own checkpoint.
 */
import type { BenchRecord, BenchSample } from '../core/bench/records';
import type { BenchStore } from '../core/bench/store';
import type { CachedCall } from '../core/pipeline/cache';
import type { PipelineStore } from '../core/pipeline/store';
import type { PersonaLabDb } from './database';

const PAGE = 500;

/** A stored bench: the domain record as it is. */
export type BenchRow = BenchRecord;

/** A stored bench sample: the domain record as it is (its id starts with the bench id). */
export type BenchSampleRow = BenchSample;

/** A `BenchStore` in the app's Dexie database. */
export class DexieBenchStore implements BenchStore {
  readonly #db: PersonaLabDb;
  readonly #calls: Pick<PipelineStore, 'getCall' | 'checkpoint'>;
  #queued = new Map<string, BenchSample>();
  #writing: Map<string, BenchSample> | undefined;
  #waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  #flushing: Promise<void> | undefined;

  /** `calls`: the app's pipeline store, whose call cache benches share. */
  constructor(db: PersonaLabDb, calls: Pick<PipelineStore, 'getCall' | 'checkpoint'>) {
    this.#db = db;
    this.#calls = calls;
  }

  getBench(id: string): Promise<BenchRecord | undefined> {
    return this.#db.benches.get(id);
  }
  listBenches(): Promise<BenchRecord[]> {
    return this.#db.benches.orderBy('createdAt').reverse().toArray();
  }
  async putBench(bench: BenchRecord): Promise<void> {
    await this.#db.benches.put(bench);
  }
  async deleteBench(id: string): Promise<void> {
    await this.settle();
    await this.#db.transaction('rw', this.#db.benches, this.#db.benchSamples, async () => {
      await this.#db.benchSamples.where('benchId').equals(id).delete();
      await this.#db.benches.delete(id);
    });
  }

  async getSample(id: string): Promise<BenchSample | undefined> {
    return this.#queued.get(id) ?? this.#writing?.get(id) ?? (await this.#db.benchSamples.get(id));
  }
  async *listSamples(benchId: string): AsyncIterable<BenchSample> {
    await this.settle();
    const hi = `${benchId}:\uffff`;
    let lo = `${benchId}:`;
    let open = true;
    for (;;) {
      const page = await this.#db.benchSamples.where(':id').between(lo, hi, open, false).limit(PAGE).toArray();
      for (const s of page) yield s;
      if (page.length < PAGE) return;
      lo = (page.at(-1) as BenchSample).id;
      open = false;
    }
  }

  getCall(key: string): Promise<CachedCall | undefined> {
    return this.#calls.getCall(key);
  }

  /**
   * The cache entry and the sample go to their own tables in two transactions that run side by side;
   * either order of commits is safe: a sample whose stage is done needs no call, and a cached call with
   * no sample yet is served from the cache on resume.
   */
  async checkpoint(sample: BenchSample, call?: CachedCall): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.#queued.set(sample.id, sample);
      this.#waiters.push({ resolve, reject });
      this.#flushing ??= this.#flush();
    });
    await Promise.all([call ? this.#calls.checkpoint(undefined, call) : undefined, written]);
  }

  /** Resolves when every queued sample has been committed. */
  async settle(): Promise<void> {
    while (this.#flushing) await this.#flushing.catch(() => {});
  }

  async #flush(): Promise<void> {
    await Promise.resolve();
    while (this.#waiters.length) {
      const batch = (this.#writing = this.#queued);
      const waiters = this.#waiters;
      this.#queued = new Map();
      this.#waiters = [];
      try {
        await this.#db.benchSamples.bulkPut([...batch.values()]);
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      } finally {
        this.#writing = undefined;
      }
    }
    this.#flushing = undefined;
  }
}
