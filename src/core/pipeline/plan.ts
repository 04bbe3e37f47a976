/**
 * The sampling plan (PERSONA §3.2): for every persona, k prompts drawn from the train split and
 * divided into train and seen-test pairs, plus m prompts from the held-out split; each pair points
 * to the y_l slot it uses. Prompts and personas are sampled independently, as in the paper. A run
 * limited to some topics (`RunConfig.topics`) samples only their prompts, with the splits the whole
 * set's prompts got, so the same seed gives the same draw.
 */
import { Rng, hashHex } from '../random';
import { splitByTopic } from '../prompts/split';
import type { PromptItem } from '../prompts/types';
import type { RunConfig, RunPersona } from './config';
import type { PairSplit } from './records';

/** One planned pair. */
export interface PlannedPair {
  /** Item id. */
  readonly id: string;
  /** Plan order. */
  readonly seq: number;
  /** The persona. */
  readonly personaId: string;
  /** The prompt. */
  readonly promptId: string;
  /** Train, seen-test or heldout-test. */
  readonly split: PairSplit;
  /** y_l sample index. */
  readonly sampleIndex: number;
  /** The y_l slot's item id. */
  readonly ylId: string;
}

/** One planned y_l slot. */
export interface PlannedSlot {
  /** Item id. */
  readonly id: string;
  /** Plan order (first pair that uses it). */
  readonly seq: number;
  /** The prompt. */
  readonly promptId: string;
  /** Sample index. */
  readonly sampleIndex: number;
}

/** A plan. */
export interface Plan {
  /** Pairs, persona by persona. */
  readonly pairs: readonly PlannedPair[];
  /** Distinct y_l slots, in order of first use. */
  readonly slots: readonly PlannedSlot[];
  /** Shortfalls, e.g. fewer held-out prompts than m. */
  readonly warnings: readonly string[];
}

/** The item id of a y_l slot. */
export function slotId(runId: string, promptId: string, sampleIndex: number): string {
  return `${runId}:yl:${promptId}:${sampleIndex}`;
}

/** The item id of a pair. */
export function pairId(runId: string, personaId: string, promptId: string): string {
  return `${runId}:pair:${personaId}:${promptId}`;
}

/** Prompts with a split: kept when every prompt has one, else assigned by `splitByTopic` with the run seed. */
export function withSplits(prompts: readonly PromptItem[], config: Pick<RunConfig, 'seed' | 'heldoutFraction'>): PromptItem[] {
  if (prompts.every((p) => p.split)) return [...prompts];
  return splitByTopic(prompts, { seed: config.seed, heldoutFraction: config.heldoutFraction });
}

/** A pair given explicitly (imported pairs, or pairs judged again by other judges). */
export interface FixedPair {
  /** Persona id. */
  readonly personaId: string;
  /** Prompt id. */
  readonly promptId: string;
  /** Split. */
  readonly split: PairSplit;
  /** y_l sample index (default 0). */
  readonly sampleIndex?: number;
}

/** The plan of an explicit pair list: pairs in the given order, slots in order of first use. */
function fixedPlan(runId: string, fixed: readonly FixedPair[]): Plan {
  const slots = new Map<string, PlannedSlot>();
  const pairs = fixed.map((f, seq): PlannedPair => {
    const sampleIndex = f.sampleIndex ?? 0;
    const ylId = slotId(runId, f.promptId, sampleIndex);
    if (!slots.has(ylId)) slots.set(ylId, { id: ylId, seq: slots.size, promptId: f.promptId, sampleIndex });
    return {
      id: pairId(runId, f.personaId, f.promptId),
      seq,
      personaId: f.personaId,
      promptId: f.promptId,
      split: f.split,
      sampleIndex,
      ylId,
    };
  });
  return { pairs, slots: [...slots.values()], warnings: [] };
}

/** The prompts of the chosen topics (their splits as the whole set's); a chosen topic no prompt has is a warning. */
function inTopics(prompts: readonly PromptItem[], topics: readonly string[], warnings: string[]): PromptItem[] {
  const chosen = new Set(topics);
  const present = new Set(prompts.map((p) => p.topic));
  const missing = topics.filter((t) => !present.has(t));
  if (missing.length)
    warnings.push(`No prompt has the topic${missing.length === 1 ? '' : 's'} ${missing.map((t) => `"${t}"`).join(', ')}.`);
  return prompts.filter((p) => chosen.has(p.topic));
}

/** Prompts per topic, in order of first appearance: what a run's topic choice offers. */
export function topicCounts(prompts: readonly PromptItem[]): { topic: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of prompts) counts.set(p.topic, (counts.get(p.topic) ?? 0) + 1);
  return [...counts].map(([topic, count]) => ({ topic, count }));
}

/** Builds the plan (or the fixed one when `fixed` is given). Prompts must carry splits (see `withSplits`). Deterministic in the seed. */
export function buildPlan(
  runId: string,
  config: RunConfig,
  personas: readonly RunPersona[],
  prompts: readonly PromptItem[],
  fixed?: readonly FixedPair[],
): Plan {
  if (fixed) return fixedPlan(runId, fixed);
  const warnings: string[] = [];
  const pool = config.topics?.length ? inTopics(prompts, config.topics, warnings) : prompts;
  const train = pool.filter((p) => p.split !== 'heldout');
  const heldout = pool.filter((p) => p.split === 'heldout');
  const k = config.plan.train + config.plan.seenTest;
  const m = config.plan.heldout;
  if (k > train.length)
    warnings.push(`Each persona wants ${k} train-split prompts but there are only ${train.length}; every persona gets all of them.`);
  if (m > heldout.length) warnings.push(`Each persona wants ${m} held-out prompts but there are only ${heldout.length}.`);
  const pairs: PlannedPair[] = [];
  const slots = new Map<string, PlannedSlot>();
  const root = new Rng(`plan/${config.seed}`);
  for (const persona of personas) {
    const rng = root.fork(persona.id);
    const chosen = rng.fork('train').sample(train, k);
    const trainCount = Math.min(config.plan.train, chosen.length);
    const picks: Array<[PromptItem, PairSplit]> = [
      ...chosen.map((p, i): [PromptItem, PairSplit] => [p, i < trainCount ? 'train' : 'seen-test']),
      ...rng
        .fork('heldout')
        .sample(heldout, m)
        .map((p): [PromptItem, PairSplit] => [p, 'heldout-test']),
    ];
    for (const [prompt, split] of picks) {
      const sampleIndex =
        config.yl.mode === 'per-pair'
          ? parseInt(hashHex(`sample/${persona.id}`, 1), 16) & 0x7fffffff
          : config.yl.samples > 1
            ? rng.fork(`sample/${prompt.id}`).int(config.yl.samples)
            : 0;
      const ylId = slotId(runId, prompt.id, sampleIndex);
      if (!slots.has(ylId)) slots.set(ylId, { id: ylId, seq: slots.size, promptId: prompt.id, sampleIndex });
      pairs.push({
        id: pairId(runId, persona.id, prompt.id),
        seq: pairs.length,
        personaId: persona.id,
        promptId: prompt.id,
        split,
        sampleIndex,
        ylId,
      });
    }
  }
  return { pairs, slots: [...slots.values()], warnings };
}
