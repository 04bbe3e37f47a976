/**
 * Judging pairs that already exist with other judges (or other persona texts): a new run over the
 * source run's finished pairs, whose y_l, critique and revision are copied, so only judge calls are
 * made. This is how judge-agreement matrices get several judges on the very same pairs.
 */
import { LlmError } from '../llm/errors';
import { clientIdentity, type GenerateResult, type LlmClient } from '../llm/types';
import { hashHex } from '../random';
import type { RoleSpec, RunPersona } from './config';
import { makeRun } from './create';
import { modelLabel, type ModelRef } from './config';
import type { FixedPair } from './plan';
import { pairId, slotId } from './plan';
import type { RunItem, RunRecord } from './records';
import type { PipelineStore } from './store';

/** What a judge run needs. */
export interface JudgeRunInput {
  /** The run whose finished pairs are judged. */
  readonly sourceRunId: string;
  /** The judges. */
  readonly judges: readonly RoleSpec[];
  /** A name for people. */
  readonly name: string;
  /** Persona Lab's version. */
  readonly appVersion: string;
  /** Other persona texts for the judges, by persona id (e.g. leave-one-out variants); default the source's. */
  readonly personaTexts?: ReadonlyMap<string, string>;
  /** Run seed; default the source's. */
  readonly seed?: number;
}

/** Creates (or returns, when it exists) a run that judges another run's finished pairs. */
export async function createJudgeRun(store: PipelineStore, input: JudgeRunInput): Promise<RunRecord> {
  const source = await store.getRun(input.sourceRunId);
  if (!source) throw new Error(`No run with id "${input.sourceRunId}".`);
  const finished: Array<{ pair: RunItem; slot: RunItem }> = [];
  for await (const item of store.listItems(source.id)) {
    if (item.kind !== 'pair' || item.stages.revise?.status !== 'done' || !item.ylId) continue;
    const slot = await store.getItem(item.ylId);
    if (slot?.stages.base?.status === 'done') finished.push({ pair: item, slot });
  }
  if (finished.length === 0) throw new Error(`Run "${source.name}" has no finished pair to judge.`);
  const personas: RunPersona[] = source.personas.map((p) => ({ ...p, text: input.personaTexts?.get(p.id) ?? p.text }));
  const fixed: FixedPair[] = finished.map(({ pair }) => ({
    personaId: pair.personaId ?? '',
    promptId: pair.promptId,
    split: pair.split ?? 'train',
    sampleIndex: pair.sampleIndex,
  }));
  const config = { ...source.config, judges: input.judges, ...(input.seed !== undefined ? { seed: input.seed } : {}) };
  const id = `judge-${hashHex(JSON.stringify([source.id, input.judges.map((j) => [modelLabel(j.model), j.sampling]), personas.map((p) => p.text), config.seed]))}`;
  const existing = await store.getRun(id);
  if (existing) return existing;
  const run = makeRun({
    id,
    name: input.name,
    appVersion: input.appVersion,
    config,
    personas,
    prompts: source.prompts,
    pairs: fixed,
    source: `run:${source.id}`,
  });
  const now = Date.now();
  for (const { pair, slot } of finished) {
    const ylId = slotId(id, slot.promptId, slot.sampleIndex);
    await store.checkpoint({ ...slot, id: ylId, runId: id, updatedAt: now });
    const stages = { critique: pair.stages.critique!, revise: pair.stages.revise! };
    await store.checkpoint({
      ...pair,
      id: pairId(id, pair.personaId ?? '', pair.promptId),
      runId: id,
      ylId,
      stages,
      status: input.judges.length ? 'pending' : 'done',
      updatedAt: now,
    });
  }
  await store.putRun(run);
  return run;
}

/** A client for a role whose work is already done: any call fails with a clear message. */
export class UnavailableClient implements LlmClient {
  readonly backend: string;
  readonly model: string;
  readonly identity: string;
  readonly supportsJsonSchema: boolean;
  /** `supportsJsonSchema`: what the real backend would honour (batch files carry the schema for vLLM). */
  constructor(ref: ModelRef, supportsJsonSchema = false) {
    this.backend = ref.backend;
    this.model = ref.model;
    this.identity = clientIdentity(ref.backend, ref.model, ref.baseUrl);
    this.supportsJsonSchema = supportsJsonSchema;
  }
  generate(): Promise<GenerateResult> {
    return Promise.reject(
      new LlmError(
        'model-not-loaded',
        `${modelLabel({ backend: this.backend, model: this.model })} is not available here; this run only judges existing pairs.`,
        { hint: 'Re-run the source run to make missing pairs.' },
      ),
    );
  }
}
