/**
 * The persistence a bench needs, behind one small interface (as runs have `PipelineStore`): benches,
 * their samples, and the call cache. The page keeps them in IndexedDB (src/db/bench-store.ts), the
 * CLI in its output directory (src/cli/bench/bench-file-store.ts), tests and benchmarks in memory.
 * Both persistent stores share the call cache of runs, so one model call is never made twice.
 */
import type { CachedCall, CallCache } from '../pipeline/cache';
import type { BenchRecord, BenchSample, SampleStage } from './records';

/** Benches, samples and the call cache. */
export interface BenchStore extends CallCache {
  /** A bench, or undefined. */
  getBench(id: string): Promise<BenchRecord | undefined>;
  /** Every bench, newest first. */
  listBenches(): Promise<BenchRecord[]>;
  /** Writes a bench record. */
  putBench(bench: BenchRecord): Promise<void>;
  /** Deletes a bench and its samples (the call cache is kept). */
  deleteBench(id: string): Promise<void>;
  /** A sample, or undefined. */
  getSample(id: string): Promise<BenchSample | undefined>;
  /** Every sample of a bench, in id order, read in pages so a large bench is never all in memory. */
  listSamples(benchId: string): AsyncIterable<BenchSample>;
  /**
   * The checkpoint after every call: the new cache entry (when given), then the sample. `changed` names
   * the only stage that changed since the sample was last written (log-structured stores append just it).
   */
  checkpoint(sample: BenchSample, call?: CachedCall, changed?: SampleStage): Promise<void>;
}

/** A `BenchStore` in memory: tests, benchmarks and throwaway benches. */
export class MemoryBenchStore implements BenchStore {
  readonly benches = new Map<string, BenchRecord>();
  readonly samples = new Map<string, BenchSample>();
  readonly calls = new Map<string, CachedCall>();

  async getBench(id: string): Promise<BenchRecord | undefined> {
    return this.benches.get(id);
  }
  async listBenches(): Promise<BenchRecord[]> {
    return [...this.benches.values()].sort((a, b) => b.createdAt - a.createdAt);
  }
  async putBench(bench: BenchRecord): Promise<void> {
    this.benches.set(bench.id, bench);
  }
  async deleteBench(id: string): Promise<void> {
    this.benches.delete(id);
    for (const [k, v] of this.samples) if (v.benchId === id) this.samples.delete(k);
  }
  async getSample(id: string): Promise<BenchSample | undefined> {
    return this.samples.get(id);
  }
  async *listSamples(benchId: string): AsyncIterable<BenchSample> {
    const ids = [...this.samples.values()]
      .filter((s) => s.benchId === benchId)
      .map((s) => s.id)
      .sort();
    for (const id of ids) {
      const s = this.samples.get(id);
      if (s) yield s;
    }
  }
  async getCall(key: string): Promise<CachedCall | undefined> {
    return this.calls.get(key);
  }
  async checkpoint(sample: BenchSample, call?: CachedCall): Promise<void> {
    if (call) this.calls.set(call.key, call);
    this.samples.set(sample.id, sample);
  }
}
