/**
 * Reading a bench back: its planned samples in order, every stored sample's scoring facts (one pass
 * over the samples), and the counters and results those facts give.
 */
import { sampleId, ZERO_BENCH_COUNTERS, type BenchCounters, type BenchRecord, type BenchSample } from './records';
import type { BenchMethod } from './methods';
import { BenchScorer, factsOf, type BenchResults, type SampleFacts } from './score';
import type { BenchStore } from './store';

/** One planned sample. */
export interface Unit {
  /** Sample id. */
  readonly id: string;
  /** Item position. */
  readonly item: number;
  /** Method. */
  readonly method: BenchMethod;
  /** Sample index. */
  readonly sample: number;
}

/** The planned samples, item by item, method by method. */
export function benchUnits(bench: Pick<BenchRecord, 'id' | 'items' | 'config'>): Unit[] {
  const units: Unit[] = [];
  bench.items.forEach((_, item) => {
    for (const method of bench.config.methods)
      for (let sample = 0; sample < bench.config.samples; sample++)
        units.push({ id: sampleId(bench.id, method, item, sample), item, method, sample });
  });
  return units;
}

/** Every sample's facts, read once (`each` sees every sample as it is read). */
export async function scanBench(store: BenchStore, bench: BenchRecord, each?: (s: BenchSample) => void): Promise<Map<string, SampleFacts>> {
  const facts = new Map<string, SampleFacts>();
  for await (const s of store.listSamples(bench.id)) {
    facts.set(s.id, factsOf(s));
    each?.(s);
  }
  return facts;
}

const COUNTER_KEYS = Object.keys(ZERO_BENCH_COUNTERS) as (keyof BenchCounters)[];

/** A bench's counters and results from its samples' facts. */
export function summarize(bench: BenchRecord, facts: ReadonlyMap<string, SampleFacts>): { counters: BenchCounters; results: BenchResults } {
  const scorer = new BenchScorer(new Map(bench.personas.map((p) => [p.id, p.text])));
  const c = { ...ZERO_BENCH_COUNTERS };
  for (const f of facts.values()) {
    scorer.add(f);
    for (const k of COUNTER_KEYS) c[k] += f.counters[k];
  }
  return { counters: c, results: scorer.finish(bench.config, bench.items.length) };
}
