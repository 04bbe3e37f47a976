/** Small builders shared by the pipeline tests. */
import { makeConfig, type RunConfig, type RunPersona } from '../../../../src/core/pipeline/config';
import { createRun } from '../../../../src/core/pipeline/create';
import type { PipelineStore } from '../../../../src/core/pipeline/store';
import type { PromptItem } from '../../../../src/core/prompts/types';
import type { LlmClient } from '../../../../src/core/llm/types';

/** n personas with short texts. */
function personas(n: number): RunPersona[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `persona-${i}`,
    split: 'train' as const,
    text: `age: ${20 + i}\nreligion: Faith ${i}`,
  }));
}

/** n prompts; every fourth one held out. */
export function prompts(n: number): PromptItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    text: `Is question number ${i} a hard one to answer?`,
    topic: i % 2 ? 'ethics' : 'politics',
    split: i % 4 === 3 ? 'heldout' : 'train',
  }));
}

/** A config for scripted clients. */
export function config(client: LlmClient, overrides: Partial<RunConfig> = {}, judges = 1): RunConfig {
  const ref = { backend: client.backend, model: client.model };
  return makeConfig(
    { generator: ref, critic: ref, judges: Array.from({ length: judges }, () => ref) },
    { plan: { train: 2, seenTest: 1, heldout: 1 }, ...overrides },
  );
}

/** Creates a run and returns its id. */
export async function newRun(store: PipelineStore, cfg: RunConfig, nPersonas = 3, nPrompts = 12): Promise<string> {
  const run = await createRun(store, {
    name: 'test',
    config: cfg,
    personas: personas(nPersonas),
    prompts: prompts(nPrompts),
    appVersion: '0.0.0-test',
  });
  return run.id;
}

/** The same client for every role. */
export function clientsOf(client: LlmClient, judges = 1) {
  return { generator: client, critic: client, judges: Array.from({ length: judges }, () => client) };
}
