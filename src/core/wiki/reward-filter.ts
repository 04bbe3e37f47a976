/**
 * Appendix B.2's generic reward filter: every candidate of a question gets a scalar reward, the
 * candidates are sorted by it, and the `rewardPool` of them spanning the smallest reward range
 * (max − min over a contiguous run of the sorted rewards) go on to the diversity filter, so y_w
 * and y_l differ in what the person prefers rather than in generic quality.
 *
 * The paper scored with a classifier reward model (FsfairX-LLaMA3-RM); no OpenAI-compatible route
 * serves one, so the reward here is the reference-free reward the paper itself evaluates with
 * (§3.4.1, RewardBench): the candidate's mean token log-probability given the question, from a
 * backend that can score a given text (`LlmClient.score`). Where none can (web-llm today), the
 * filter is skipped, said so once, and recorded in the study.
 */
import { isLlmError } from '../llm/errors';
import type { LlmClient } from '../llm/types';
import { StudyStopped, type StudyRun } from './run-context';
import { formatForScoring } from './score-format';
import type { WikiQuestion } from './store';

/**
 * Indices (ascending) of the `size` rewards spanning the smallest range in sorted order; the
 * lowest such span on a tie. All indices when there are no more than `size`.
 */
export function narrowestSpan(rewards: readonly number[], size: number): number[] {
  const all = rewards.map((_, i) => i);
  if (size <= 0 || rewards.length <= size) return all;
  const order = all.sort((a, b) => rewards[a]! - rewards[b]! || a - b);
  let best = 0;
  for (let i = 1; i + size <= order.length; i++) {
    if (rewards[order[i + size - 1]!]! - rewards[order[i]!]! < rewards[order[best + size - 1]!]! - rewards[order[best]!]!) best = i;
  }
  return order.slice(best, best + size).sort((a, b) => a - b);
}

const PROBE = { prompt: 'Hello', continuation: ' Hello! How can I help?' };

/** The scorer of the study's reward filter, decided once (and recorded): the reward client, else the generator; undefined when skipped. */
function rewardScorer(run: StudyRun): Promise<LlmClient | undefined> {
  return run.once('reward-scorer', async () => {
    const client = run.deps.clients.reward ?? run.deps.clients.generator;
    const name = `${client.backend}:${client.model}`;
    const recorded = run.study.rewardScorer;
    const skip = async (why: string) => {
      const note = `The generic reward filter (Appendix B.2) was skipped: ${why}; the diversity filter chose from all candidates.`;
      run.study = { ...run.study, rewardScorer: 'skipped', rewardNote: note };
      await run.store.putStudy(run.study);
      run.noteOnce('reward-filter', note);
      return undefined;
    };
    if (recorded === 'skipped') {
      run.noteOnce('reward-filter', run.study.rewardNote ?? 'The generic reward filter (Appendix B.2) was skipped.');
      return undefined;
    }
    if (recorded !== undefined) {
      if (recorded !== name || !client.score)
        throw new StudyStopped(`This study's reward filter scored with ${recorded}; use that model again to resume it.`, false);
      return client;
    }
    if (!client.score) return skip(`${client.backend} cannot score a given text`);
    try {
      await client.score(PROBE, { signal: run.deps.signal });
    } catch (e) {
      if (run.deps.signal.aborted) throw new StudyStopped('Stopped.', true);
      return skip(`${name} could not score a given text (${isLlmError(e) ? e.message : String(e)})`);
    }
    run.study = { ...run.study, rewardScorer: name };
    await run.store.putStudy(run.study);
    return client;
  });
}

/**
 * The reward filter over one question's candidate texts: the rewards and the span kept, or
 * undefined when the filter does not apply (off, no more candidates than the span, or skipped).
 * Rejects with the scorer's `LlmError` when a candidate cannot be scored, or `StudyStopped`.
 */
export async function rewardFilter(
  run: StudyRun,
  q: WikiQuestion,
  texts: readonly string[],
): Promise<{ rewards: number[]; pool: number[] } | undefined> {
  const size = run.config.rewardPool;
  if (size <= 0 || texts.length <= size) return undefined;
  const scorer = await rewardScorer(run);
  if (!scorer) return undefined;
  const prompt = formatForScoring(q.text, run.config.scoreFormat);
  const rewards: number[] = [];
  for (const text of texts) rewards.push((await run.score(scorer, { prompt, continuation: text })).meanLogprob);
  return { rewards, pool: narrowestSpan(rewards, size) };
}
