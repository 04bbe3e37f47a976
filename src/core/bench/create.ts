/**
 * Creating a bench: the items are chosen, and the manifest records the app version, the template
 * versions and hashes of the inputs. The id is a fingerprint of the work (config without concurrency
 * and server addresses, templates, chosen personas, prompts and items), so running the same command
 * again reopens the same bench and resumes it.
 */
import { contentHash } from '../pipeline/create';
import type { RunPersona } from '../pipeline/config';
import { templateVersion } from '../pipeline/templates';
import type { PromptItem } from '../prompts/types';
import type { BenchConfig } from './config';
import { selectItems } from './items';
import { ZERO_BENCH_COUNTERS, type BenchRecord } from './records';
import type { BenchStore } from './store';

/** What a new bench needs. */
export interface NewBench {
  /** Bench id; default the work's fingerprint (`bench-…`). */
  readonly id?: string;
  /** A name for people. */
  readonly name: string;
  /** The config. */
  readonly config: BenchConfig;
  /** Every persona to choose from. */
  readonly personas: readonly RunPersona[];
  /** Every prompt to choose from (split with the seed when they carry no split). */
  readonly prompts: readonly PromptItem[];
  /** Persona Lab's version, for the manifest. */
  readonly appVersion: string;
}

/** Template versions by role: each method's, the critic's and (when the judge runs) the subtlety judge's. */
function benchTemplateVersions(config: BenchConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of config.methods) {
    const t = config.templates.methods[m];
    if (t) out[m] = templateVersion(t.template);
  }
  out.critic = templateVersion(config.templates.critic);
  if (config.subtlety) out.subtlety = templateVersion(config.templates.subtlety);
  return out;
}

/** Builds the bench record (nothing is written). Throws when no item can be chosen. */
export function makeBench(input: NewBench, now = Date.now()): BenchRecord {
  const { config } = input;
  if (!config.methods.length) throw new Error('The bench has no method.');
  if (!Number.isInteger(config.samples) || config.samples < 1) throw new Error('Samples per item must be a whole number ≥ 1.');
  const chosen = selectItems(input.personas, input.prompts, config.selection, config.seed, config.heldoutFraction);
  const { concurrency: _c, ...rest } = config;
  const strip = (r: BenchConfig['model'] | null) => r && { ...r, model: { backend: r.model.backend, model: r.model.model } };
  const work = { ...rest, model: strip(rest.model), critic: strip(rest.critic), subtlety: strip(rest.subtlety) };
  const id = input.id ?? `bench-${contentHash({ work, personas: chosen.personas, prompts: chosen.prompts, items: chosen.items })}`;
  return {
    id,
    name: input.name,
    status: 'ready',
    config,
    manifest: {
      app: 'persona-lab',
      appVersion: input.appVersion,
      createdAt: new Date(now).toISOString(),
      templates: benchTemplateVersions(config),
      inputs: {
        personas: { count: input.personas.length, hash: contentHash(input.personas) },
        prompts: { count: input.prompts.length, hash: contentHash(input.prompts) },
      },
      plan: {
        items: chosen.items.length,
        samples: chosen.items.length * config.methods.length * config.samples,
        warnings: chosen.warnings,
      },
    },
    personas: chosen.personas,
    prompts: chosen.prompts,
    items: chosen.items,
    counters: ZERO_BENCH_COUNTERS,
    createdAt: now,
    updatedAt: now,
  };
}

/** Creates a bench in the store, or reopens the stored one with the same id (its concurrency and server addresses updated). */
export async function createBench(store: BenchStore, input: NewBench): Promise<BenchRecord> {
  const bench = makeBench(input);
  const existing = await store.getBench(bench.id);
  const stored: BenchRecord = existing ? { ...existing, config: bench.config, updatedAt: Date.now() } : bench;
  await store.putBench(stored);
  return stored;
}
