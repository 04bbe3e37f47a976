/**
 * Creating a run: prompts get their splits, the plan is checked, and the manifest records the app
 * version, the whole config (models, backends, every sampling parameter, seeds), the template
 * versions and hashes of the inputs.
 */
import { hashHex } from '../random';
import type { PromptItem } from '../prompts/types';
import { canonicalJson } from './cache';
import type { RunConfig, RunPersona } from './config';
import { buildPlan, withSplits, type FixedPair } from './plan';
import { ZERO_COUNTERS, type RunManifest, type RunRecord } from './records';
import type { PipelineStore } from './store';
import { templateVersions } from './templates';

/** What a new run needs. */
export interface NewRun {
  /** Run id; default derived from the config and inputs (`runFingerprint`). */
  readonly id?: string;
  /** A name for people. */
  readonly name: string;
  /** The config. */
  readonly config: RunConfig;
  /** The personas. */
  readonly personas: readonly RunPersona[];
  /** The prompts (splits assigned with the run seed when missing). */
  readonly prompts: readonly PromptItem[];
  /** Persona Lab's version, for the manifest. */
  readonly appVersion: string;
  /** An explicit pair list instead of the sampling plan. */
  readonly pairs?: readonly FixedPair[];
  /** Where the pairs came from (imported file, source run). */
  readonly source?: string;
}

/** A content hash (16 hex digits) of any JSON value. */
export function contentHash(value: unknown): string {
  return hashHex(canonicalJson(value));
}

/**
 * What makes two runs the same work: the config except plan sizes, concurrency and server URLs
 * (growing the plan extends a run; the same model behind another address, or answering a batch
 * file, does the same work), the templates, and the inputs. Runs with equal fingerprints share item ids.
 */
function runFingerprint(
  config: RunConfig,
  personas: readonly RunPersona[],
  prompts: readonly PromptItem[],
  pairs?: readonly FixedPair[],
): string {
  const { plan: _plan, concurrency: _c, ...rest } = config;
  const strip = (r: RunConfig['generator']) => ({ ...r, model: { backend: r.model.backend, model: r.model.model } });
  const roles = { generator: strip(rest.generator), critic: strip(rest.critic), judges: rest.judges.map(strip) };
  return contentHash({ rest: { ...rest, ...roles }, templates: templateVersions(), personas, prompts, pairs: pairs ?? null });
}

/** Builds the run record (nothing is written). Throws when the plan has no pair. */
export function makeRun(input: NewRun, now = Date.now()): RunRecord {
  if (input.personas.length === 0) throw new Error('The run has no personas.');
  if (input.prompts.length === 0) throw new Error('The run has no prompts.');
  const prompts = withSplits(input.prompts, input.config);
  const id = input.id ?? `run-${runFingerprint(input.config, input.personas, prompts, input.pairs)}`;
  const plan = buildPlan(id, input.config, input.personas, prompts, input.pairs);
  if (plan.pairs.length === 0) throw new Error(`The plan has no pairs (${plan.warnings.join(' ') || 'check the plan sizes'}).`);
  const manifest: RunManifest = {
    app: 'persona-lab',
    appVersion: input.appVersion,
    createdAt: new Date(now).toISOString(),
    config: input.config,
    templates: templateVersions(),
    inputs: {
      personas: { count: input.personas.length, hash: contentHash(input.personas) },
      prompts: { count: prompts.length, hash: contentHash(prompts) },
    },
    plan: { pairs: plan.pairs.length, ylSlots: plan.slots.length, warnings: plan.warnings },
  };
  return {
    id,
    name: input.name,
    status: 'ready',
    config: input.config,
    manifest,
    personas: [...input.personas],
    prompts,
    counters: ZERO_COUNTERS,
    createdAt: now,
    updatedAt: now,
    ...(input.pairs ? { pairs: input.pairs } : {}),
    ...(input.source ? { source: input.source } : {}),
  };
}

/** Creates a run in the store, or returns the stored one when a run with the same id exists (its plan sizes updated). */
export async function createRun(store: PipelineStore, input: NewRun): Promise<RunRecord> {
  const run = makeRun(input);
  const existing = await store.getRun(run.id);
  if (!existing) {
    await store.putRun(run);
    return run;
  }
  const updated: RunRecord = {
    ...existing,
    config: run.config,
    manifest: { ...existing.manifest, config: run.config, plan: run.manifest.plan },
    updatedAt: Date.now(),
  };
  await store.putRun(updated);
  return updated;
}
