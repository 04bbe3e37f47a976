/**
 * Shared by the pipeline benchmarks (Node and browser): synthetic personas and the built-in prompts,
 * an instant scripted engine, and a run over any store that reports calls and wall time.
 */
import { makeConfig, type RunConfig, type RunPersona } from '../src/core/pipeline/config';
import { createRun } from '../src/core/pipeline/create';
import { executeRun, type RunnerOptions } from '../src/core/pipeline/runner';
import type { PipelineStore } from '../src/core/pipeline/store';
import { defaultPrompts } from '../src/core/prompts/default-set';
import { ScriptedClient, dpfResponder } from '../test/doubles/scripted-client';

/** n synthetic personas (short texts, distinct ids). */
function benchPersonas(n: number): RunPersona[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`,
    text: `age: ${18 + (i % 70)}\nsex: ${i % 2 ? 'Female' : 'Male'}\nreligion: Tradition ${i % 9}\nideology: Leaning ${i % 5}`,
  }));
}

/** Options of a bench run. */
export interface BenchRunOptions {
  readonly personas: number;
  readonly judges: number;
  readonly yl: RunConfig['yl'];
  readonly plan?: RunConfig['plan'];
  readonly concurrency?: number;
  /** Replies; default the instant well-formed responder. */
  readonly respond?: (r: Parameters<typeof dpfResponder>[0]) => string;
  readonly onProgress?: RunnerOptions['onProgress'];
}

/** Runs a whole run with an instant engine; resolves with calls made, wall time and the outcome. */
export async function benchRun(store: PipelineStore, o: BenchRunOptions) {
  const llm = new ScriptedClient(o.respond ?? dpfResponder);
  const ref = { backend: llm.backend, model: llm.model };
  const config = makeConfig(
    { generator: ref, critic: ref, judges: Array.from({ length: o.judges }, () => ref) },
    { yl: o.yl, concurrency: o.concurrency ?? 4, ...(o.plan ? { plan: o.plan } : {}) },
  );
  const run = await createRun(store, {
    name: 'bench',
    config,
    personas: benchPersonas(o.personas),
    prompts: defaultPrompts(),
    appVersion: 'bench',
  });
  const t0 = performance.now();
  const outcome = await executeRun(run.id, {
    store,
    clients: { generator: llm, critic: llm, judges: Array.from({ length: o.judges }, () => llm) },
    ...(o.onProgress ? { onProgress: o.onProgress, progressIntervalMs: 0 } : {}),
  });
  const ms = performance.now() - t0;
  return { calls: llm.requests.length, ms, outcome, run };
}
