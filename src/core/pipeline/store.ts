/**
 * The persistence a run needs, behind one small interface so the same pipeline runs over
 * IndexedDB in the page (src/db/pipeline-store.ts), over files in a directory in the CLI
 * (src/cli/file-store.ts), and over memory in tests and benchmarks (`MemoryStore` below).
 */
import type { CachedCall, CallCache } from './cache';
import type { RunItem, RunRecord } from './records';

/** Runs, their items and the call cache. */
export interface PipelineStore extends CallCache {
  /** A run, or undefined. */
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Every run, newest first. */
  listRuns(): Promise<RunRecord[]>;
  /** Writes a run record. */
  putRun(run: RunRecord): Promise<void>;
  /** Deletes a run and its items (the call cache is kept). */
  deleteRun(id: string): Promise<void>;
  /** An item, or undefined. */
  getItem(id: string): Promise<RunItem | undefined>;
  /** Every item of a run, in id order, read in pages so a large run is never all in memory. */
  listItems(runId: string): AsyncIterable<RunItem>;
  /**
   * The checkpoint after every call: writes the item and, when given, the new cache entry, in one
   * transaction where the backend has them. Resolves once both are durable as far as the backend goes.
   * `changedStage` names the only stage that changed since the item was last written (a hint that
   * lets log-structured stores append just that stage).
   */
  checkpoint(item: RunItem | undefined, call?: CachedCall, changedStage?: string): Promise<void>;
}

/** A `PipelineStore` in memory: tests, benchmarks and throwaway runs. */
export class MemoryStore implements PipelineStore {
  readonly runs = new Map<string, RunRecord>();
  readonly items = new Map<string, RunItem>();
  readonly calls = new Map<string, CachedCall>();

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.runs.get(id);
  }
  async listRuns(): Promise<RunRecord[]> {
    return [...this.runs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }
  async putRun(run: RunRecord): Promise<void> {
    this.runs.set(run.id, run);
  }
  async deleteRun(id: string): Promise<void> {
    this.runs.delete(id);
    for (const [k, v] of this.items) if (v.runId === id) this.items.delete(k);
  }
  async getItem(id: string): Promise<RunItem | undefined> {
    return this.items.get(id);
  }
  async *listItems(runId: string): AsyncIterable<RunItem> {
    const ids = [...this.items.values()]
      .filter((i) => i.runId === runId)
      .map((i) => i.id)
      .sort();
    for (const id of ids) {
      const item = this.items.get(id);
      if (item) yield item;
    }
  }
  async getCall(key: string): Promise<CachedCall | undefined> {
    return this.calls.get(key);
  }
  async checkpoint(item: RunItem | undefined, call?: CachedCall): Promise<void> {
    if (call) this.calls.set(call.key, call);
    if (item) this.items.set(item.id, item);
  }
}
