/**
 * Shared by the WikiPersonas benchmarks (Node and browser): a whole study of the paper's recipe with
 * an instant scripted model that can also score, over any study store and call cache, reporting the
 * model calls, scores and wall time.
 */
import type { GenerateRequest, ScoreRequest } from '../src/core/llm/types';
import { FAMOUS_PEOPLE } from '../src/core/wiki/famous';
import type { CallStore } from '../src/core/pipeline/cache';
import { createStudy, runStudy } from '../src/core/wiki/runner';
import type { WikiStore } from '../src/core/wiki/store';
import { DEFAULT_STUDY, type WikiStudyConfig } from '../src/core/wiki/study';
import { ScriptedClient } from '../test/doubles/scripted-client';
import { plainReply, wikiReply } from '../test/doubles/wiki-replies';

const respond = (r: GenerateRequest) => wikiReply(r.messages, r.seed) ?? plainReply(r.messages);

/** An instant model that can also score a given text (so the reward filter and log-probability accuracy run). */
class InstantScorer extends ScriptedClient {
  scores = 0;
  constructor(model: string) {
    super(respond, { model });
  }
  async score(r: ScoreRequest) {
    this.scores++;
    const tokens = Math.max(1, r.continuation.split(/\s+/).length);
    return { tokens, sumLogprob: -tokens, meanLogprob: -1 - 1 / tokens };
  }
}

/** Five people (one, two and three axes) or the first `n` of them. */
export const BENCH_PEOPLE = ['joe-biden', 'halle-berry', 'taylor-swift', 'barack-obama', 'elon-musk'] as const;

/** A whole study (the paper's recipe, 4 + 4 questions per person); calls, scores, pairs and wall time. */
export async function benchStudy(
  store: WikiStore,
  calls: CallStore,
  people: readonly string[],
): Promise<{ calls: number; scores: number; ms: number; pairs: number }> {
  const config: WikiStudyConfig = { ...DEFAULT_STUDY, people, personalPerPerson: 4, divergentPerAxis: 4 };
  const generator = new InstantScorer('gen');
  const judge = new InstantScorer('judge');
  const s = await createStudy(store, { config, people: FAMOUS_PEOPLE, models: { generator: 'gen', judge: 'judge' } });
  const t0 = performance.now();
  const out = await runStudy(s.id, { store, calls, clients: { generator, judge }, signal: new AbortController().signal, concurrency: 2 });
  const ms = performance.now() - t0;
  if (out.status !== 'done') throw new Error(`the study ended ${out.status}: ${out.error ?? ''}`);
  return {
    calls: generator.requests.length + judge.requests.length,
    scores: generator.scores + judge.scores,
    ms,
    pairs: (await store.list(s.id, 'pair')).length,
  };
}
