/**
 * Pure updates of bench samples: setting a stage, deriving a sample's status, giving a missing sample
 * a new round of attempts, and adding up a bench's call counters from its samples (the samples are
 * the record, so the counters survive any crash).
 */
import { isRetryableFailure } from '../pipeline/item-state';
import type { StageState } from '../pipeline/records';
import { type BenchCounters, type BenchSample, type SampleStage, type SampleStatus } from './records';

/**
 * A sample's status from its stages (see `SampleStatus`); `judged` when the subtlety judge runs. A stage
 * that failed for good (unreadable after every attempt, or a request the server refuses as it is) makes
 * the sample missing; one that failed on a backend error a resume tries again makes it failed.
 */
function sampleStatus(stages: BenchSample['stages'], judged: boolean): SampleStatus {
  for (const name of ['answer', 'critic'] as const) {
    const s = stages[name];
    if (s?.status === 'failed') return isRetryableFailure(s) ? 'failed' : 'missing';
    if (s?.status !== 'done') return 'pending';
  }
  const j = stages.subtlety;
  if (!judged || j?.status === 'done' || (j?.status === 'failed' && !isRetryableFailure(j))) return 'done';
  return j?.status === 'failed' ? 'failed' : 'pending';
}

/** The sample with one stage replaced and its status recomputed. */
export function withSampleStage(s: BenchSample, name: SampleStage, state: StageState, judged: boolean, now = Date.now()): BenchSample {
  const stages = { ...s.stages, [name]: state } as BenchSample['stages'];
  const status = sampleStatus(stages, judged);
  const failed = state.status === 'failed' ? state.error : undefined;
  const { error: _old, ...rest } = s;
  return {
    ...rest,
    stages,
    status,
    updatedAt: now,
    ...(status === 'missing' || status === 'failed' ? { error: failed ?? s.error ?? status } : {}),
  };
}

/** A missing sample made pending again with the next round of attempt numbers (so new calls are made); the stage that failed for good is cleared. */
export function nextRound(s: BenchSample, judged: boolean): BenchSample {
  const stages: Record<string, StageState> = {};
  for (const [name, st] of Object.entries(s.stages) as Array<[SampleStage, StageState]>) {
    if (st.status === 'failed' && !isRetryableFailure(st)) break; // this stage and the ones after it are made again
    stages[name] = st;
  }
  const { error: _e, ...rest } = s;
  const next = stages as BenchSample['stages'];
  return { ...rest, stages: next, round: s.round + 1, status: sampleStatus(next, judged), updatedAt: Date.now() };
}

/** Adds one sample's attempts to counters. */
export function addBenchCounters(c: BenchCounters, s: BenchSample): BenchCounters {
  let { requests, cacheHits, callErrors, parseFailures, promptTokens, completionTokens, callMs, freshCalls } = c;
  for (const stage of Object.values(s.stages) as StageState[]) {
    for (const a of stage.attempts) {
      requests += a.requests;
      if (a.cached) cacheHits++;
      if (a.error) callErrors++;
      if (a.parseError) parseFailures++;
      promptTokens += a.usage?.promptTokens ?? 0;
      completionTokens += a.usage?.completionTokens ?? 0;
      if (!a.cached && a.text !== undefined) {
        callMs += a.ms;
        freshCalls++;
      }
    }
  }
  return { requests, cacheHits, callErrors, parseFailures, promptTokens, completionTokens, callMs, freshCalls };
}
