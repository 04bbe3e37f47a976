/**
 * Shared by the PERSONA Bench benchmarks (Node and browser): synthetic test-split personas, the built-in
 * prompts, an instant scripted engine answering every bench prompt, and a whole bench over any store
 * that reports calls and wall time.
 */
import { makeBenchConfig } from '../src/core/bench/config';
import { createBench } from '../src/core/bench/create';
import { executeBench } from '../src/core/bench/runner';
import type { BenchStore } from '../src/core/bench/store';
import { defaultPrompts } from '../src/core/prompts/default-set';
import type { RunPersona } from '../src/core/pipeline/config';
import { benchResponder } from '../test/doubles/bench-responder';
import { ScriptedClient } from '../test/doubles/scripted-client';

/** n synthetic test-split personas (short texts, distinct ids). */
function benchPersonas(n: number): RunPersona[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`,
    split: 'test' as const,
    text: `age: ${18 + (i % 70)}\nsex: ${i % 2 ? 'Female' : 'Male'}\nreligion: Tradition ${i % 9}\nideology: Leaning ${i % 5}`,
  }));
}

/** Runs a whole bench (every method, `samples` per item, 2 prompts per persona) with an instant engine. */
export async function benchBench(store: BenchStore, o: { personas: number; samples: number; concurrency?: number }) {
  const llm = new ScriptedClient(benchResponder());
  const ref = { backend: llm.backend, model: llm.model };
  const bench = await createBench(store, {
    name: 'bench',
    config: makeBenchConfig({ model: ref }, { samples: o.samples, concurrency: o.concurrency ?? 4 }),
    personas: benchPersonas(o.personas),
    prompts: defaultPrompts(),
    appVersion: 'bench',
  });
  const t0 = performance.now();
  const outcome = await executeBench(bench.id, { store, clients: { model: llm, critic: llm } });
  const ms = performance.now() - t0;
  return { calls: llm.requests.length, ms, outcome, bench };
}
