/**
 * The pipeline store of the page, over IndexedDB. Checkpoints arriving together (several pairs in
 * flight) are written in one read-write transaction over the items and the call cache; each
 * caller's promise resolves once the transaction holding its write has committed. Reads see writes
 * that are still queued, so a stage never misses its own checkpoint. The index of cached keys is
 * kept in step with the other tabs of the app (they post the keys they commit), so a job resumed
 * here after another tab ran it never asks again a call that tab stored.
 */
import type { CachedCall } from '../core/pipeline/cache';
import type { RunItem, RunRecord } from '../core/pipeline/records';
import type { PipelineStore } from '../core/pipeline/store';
import type { PersonaLabDb } from './database';

const PAGE = 500;

/** The channel on which tabs post the call-cache keys they commit (or that they cleared the cache). */
const CACHE_CHANNEL = 'persona-lab/llm-cache';

/** A message on `CACHE_CHANNEL`. */
type CacheNews = { readonly added: readonly string[] } | { readonly cleared: true };

interface Batch {
  readonly items: Map<string, RunItem>;
  readonly calls: Map<string, CachedCall>;
  readonly waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
}

const newBatch = (): Batch => ({ items: new Map(), calls: new Map(), waiters: [] });

/** A `PipelineStore` in the app's Dexie database. */
export class DexiePipelineStore implements PipelineStore {
  readonly #db: PersonaLabDb;
  #queued = newBatch();
  #writing: Batch | undefined;
  #flushing: Promise<void> | undefined;
  /** Every cache key in the database, read once: a miss (every call of a new run) then costs no IndexedDB read. */
  #keys: Promise<Set<string>> | undefined;
  readonly #channel: BroadcastChannel | undefined;

  constructor(db: PersonaLabDb) {
    this.#db = db;
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(CACHE_CHANNEL);
      (this.#channel as { unref?: () => void }).unref?.(); // Node (unit tests): never keeps the process alive
      this.#channel.onmessage = (e: MessageEvent<CacheNews>) => {
        const news = e.data;
        if ('cleared' in news) this.#keys = undefined;
        else void this.#keys?.then((keys) => news.added.forEach((k) => keys.add(k)));
      };
    }
  }

  getRun(id: string): Promise<RunRecord | undefined> {
    return this.#db.runs.get(id);
  }
  async listRuns(): Promise<RunRecord[]> {
    return (await this.#db.runs.orderBy('createdAt').reverse().toArray()) as RunRecord[];
  }
  async putRun(run: RunRecord): Promise<void> {
    await this.#db.runs.put(run);
  }
  async deleteRun(id: string): Promise<void> {
    await this.settle();
    await this.#db.transaction('rw', this.#db.runs, this.#db.runItems, async () => {
      await this.#db.runItems.where('runId').equals(id).delete();
      await this.#db.runs.delete(id);
    });
  }

  async getItem(id: string): Promise<RunItem | undefined> {
    return this.#queued.items.get(id) ?? this.#writing?.items.get(id) ?? (await this.#db.runItems.get(id));
  }
  async *listItems(runId: string): AsyncIterable<RunItem> {
    await this.settle();
    const hi = `${runId}:\uffff`;
    let lo = `${runId}:`;
    let open = true;
    for (;;) {
      const page = await this.#db.runItems.where(':id').between(lo, hi, open, false).limit(PAGE).toArray();
      for (const item of page) yield item;
      if (page.length < PAGE) return;
      lo = (page.at(-1) as RunItem).id;
      open = false;
    }
  }

  async getCall(key: string): Promise<CachedCall | undefined> {
    const pending = this.#queued.calls.get(key) ?? this.#writing?.calls.get(key);
    if (pending) return pending;
    this.#keys ??= this.#db.llmCache
      .toCollection()
      .primaryKeys()
      .then((keys) => new Set(keys));
    if (!(await this.#keys).has(key)) return undefined;
    return this.#db.llmCache.get(key);
  }

  /** Number of cached calls (the one call cache: runs, persona review and enrichment, classifiers, leave-one-out). */
  async cachedCalls(): Promise<number> {
    await this.settle();
    return this.#db.llmCache.count();
  }

  /** Cached calls, newest first: at most `limit`, after skipping `offset`. */
  async listCalls(limit = 100, offset = 0): Promise<CachedCall[]> {
    await this.settle();
    return this.#db.llmCache.orderBy('createdAt').reverse().offset(offset).limit(limit).toArray();
  }

  /**
   * Deletes every cached call. Runs, leave-one-out judgements and persona sets keep their outputs;
   * only work not yet stored asks the model again. Resolves to the number deleted.
   */
  async clearCache(): Promise<number> {
    await this.settle();
    const n = await this.#db.llmCache.count();
    await this.#db.llmCache.clear();
    this.#keys = undefined;
    this.#channel?.postMessage({ cleared: true } satisfies CacheNews);
    return n;
  }

  checkpoint(item: RunItem | undefined, call?: CachedCall): Promise<void> {
    return new Promise((resolve, reject) => {
      if (item) this.#queued.items.set(item.id, item);
      if (call) {
        this.#queued.calls.set(call.key, call);
        void this.#keys?.then((keys) => keys.add(call.key));
      }
      this.#queued.waiters.push({ resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Resolves when every queued write has been committed. */
  async settle(): Promise<void> {
    while (this.#flushing) await this.#flushing.catch(() => {});
  }

  async #flush(): Promise<void> {
    await Promise.resolve();
    while (this.#queued.waiters.length) {
      const batch = (this.#writing = this.#queued);
      this.#queued = newBatch();
      try {
        await this.#db.transaction('rw', this.#db.runItems, this.#db.llmCache, async () => {
          if (batch.items.size) await this.#db.runItems.bulkPut([...batch.items.values()]);
          if (batch.calls.size) await this.#db.llmCache.bulkPut([...batch.calls.values()]);
        });
        if (batch.calls.size) this.#channel?.postMessage({ added: [...batch.calls.keys()] } satisfies CacheNews);
        for (const w of batch.waiters) w.resolve();
      } catch (e) {
        for (const w of batch.waiters) w.reject(e);
      } finally {
        this.#writing = undefined;
      }
    }
    this.#flushing = undefined;
  }
}
