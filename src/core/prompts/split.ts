/**
 * The train/held-out split of a prompt set, stratified by topic so both sides cover the topics
 * in the same proportions (PERSONA: 3,000 train and 868 held-out prompts "which uniformly cover the
 * distribution of topics").
 */
import { Rng } from '../random';
import type { PromptItem, PromptSplit } from './types';

/** PERSONA's held-out share: 868 of 3,868. */
export const PAPER_HELDOUT_FRACTION = 868 / 3868;

/** Options for `splitByTopic`. */
export interface SplitOptions {
  /** Seed of the shuffle; the same prompts and seed give the same split everywhere. */
  readonly seed: string | number;
  /** Share of prompts held out, in [0, 1]; default 868/3868. */
  readonly heldoutFraction?: number;
}

/**
 * Assigns every prompt a split. The held-out total is round(n × fraction); it is shared among
 * topics in proportion to their sizes by largest remainder (ties to the larger topic, then the
 * topic seen first), and within a topic the held-out prompts are a seeded random choice.
 * Prompts keep their input order.
 */
export function splitByTopic(prompts: readonly PromptItem[], options: SplitOptions): PromptItem[] {
  const fraction = Math.min(1, Math.max(0, options.heldoutFraction ?? PAPER_HELDOUT_FRACTION));
  const byTopic = new Map<string, number[]>();
  prompts.forEach((p, i) => {
    const list = byTopic.get(p.topic);
    if (list) list.push(i);
    else byTopic.set(p.topic, [i]);
  });
  const total = Math.round(prompts.length * fraction);
  const topics = [...byTopic.entries()].map(([topic, idx], order) => {
    const exact = idx.length * fraction;
    return { topic, idx, order, take: Math.floor(exact), rem: exact - Math.floor(exact) };
  });
  let left = total - topics.reduce((s, t) => s + t.take, 0);
  const byRemainder = [...topics].sort((a, b) => b.rem - a.rem || b.idx.length - a.idx.length || a.order - b.order);
  for (const t of byRemainder) {
    if (left <= 0) break;
    if (t.take < t.idx.length) {
      t.take++;
      left--;
    }
  }
  const split = new Array<PromptSplit>(prompts.length).fill('train');
  const rng = new Rng(`split/${options.seed}`);
  for (const t of topics) for (const i of rng.fork(t.topic).sample(t.idx, t.take)) split[i] = 'heldout';
  return prompts.map((p, i) => ({ ...p, split: split[i] as PromptSplit }));
}
