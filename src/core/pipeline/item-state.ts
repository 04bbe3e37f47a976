/**
 * Pure updates of run items: adding an attempt to a stage, setting a stage, deriving an item's
 * status, and adding up a run's call counters from its items (the items are the record, so the
 * counters survive any crash).
 */
import type { AttemptRecord } from './context';
import { judgeStage, type ItemStatus, type RunCounters, type RunItem, type StageState } from './records';

/**
 * Adds an attempt, one entry per call key: a replay from the cache never overwrites the original
 * record; an answer after an earlier failure of the same key replaces it, keeping the request count.
 */
export function mergeAttempt(list: readonly AttemptRecord[], a: AttemptRecord): AttemptRecord[] {
  const i = list.findIndex((x) => x.key === a.key);
  if (i < 0) return [...list, a];
  const old = list[i] as AttemptRecord;
  if (old.text !== undefined) return [...list];
  const merged: AttemptRecord = { ...a, requests: old.requests + a.requests };
  return [...list.slice(0, i), merged, ...list.slice(i + 1)];
}

/** The stages a pair needs: critique, revise, and both orders of every judge. */
function pairStages(judges: number): string[] {
  const names = ['critique', 'revise'];
  for (let j = 0; j < judges; j++) names.push(judgeStage(j, 'wl'), judgeStage(j, 'lw'));
  return names;
}

/** An item's status from its stages: done when all required ones are; else waiting, failed, pending in that order. */
export function itemStatus(item: RunItem, judges: number): ItemStatus {
  if (item.error) return 'failed';
  const names = item.kind === 'yl' ? ['base'] : pairStages(judges);
  const states = names.map((n) => item.stages[n]?.status ?? 'pending');
  if (states.every((s) => s === 'done')) return 'done';
  if (states.includes('waiting')) return 'waiting';
  if (states.includes('failed')) return 'failed';
  return 'pending';
}

/** The item with one stage replaced and its status recomputed. */
export function withStage(item: RunItem, name: string, state: StageState, judges: number, now = Date.now()): RunItem {
  const next: RunItem = { ...item, stages: { ...item.stages, [name]: state }, updatedAt: now };
  return { ...next, status: itemStatus(next, judges) };
}

/** Backend failures that the same request would meet again: a resume does not repeat them (`retryFailed` does). */
const FINAL_KINDS: ReadonlySet<string> = new Set(['context-overflow', 'invalid-request', 'grammar', 'too-large']);

/**
 * A stage that failed for a reason a resume should try again: a backend error that may pass
 * (unreachable, timeout, 5xx, auth or model fixed since). Not unreadable or cut-off output, nor a
 * request the backend refused as it is (context overflow, invalid request, grammar, a reply over
 * the size cap): those wait for `retryFailed`.
 */
export function isRetryableFailure(s: StageState | undefined): boolean {
  if (s?.status !== 'failed' || (s.failure !== undefined && s.failure !== 'llm-error')) return false;
  const kind = s.attempts.at(-1)?.error?.kind;
  return kind === undefined || !FINAL_KINDS.has(kind);
}

/** True when an item failed and a resume would try it again (its y_l's failure decides for a pair whose y_l failed: see `scanRun`). */
export function hasRetryableFailure(item: RunItem): boolean {
  return item.status === 'failed' && Object.values(item.stages).some(isRetryableFailure);
}

/** Adds one item's attempts to counters. */
export function addCounters(c: RunCounters, item: RunItem): RunCounters {
  let { requests, cacheHits, callErrors, parseFailures, truncatedOutputs, promptTokens, completionTokens, ylCalls } = c;
  for (const [name, stage] of Object.entries(item.stages)) {
    for (const a of stage.attempts) {
      requests += a.requests;
      if (a.cached) cacheHits++;
      if (a.error) callErrors++;
      if (a.parseError) parseFailures++;
      if (a.finishReason === 'length') truncatedOutputs++;
      promptTokens += a.usage?.promptTokens ?? 0;
      completionTokens += a.usage?.completionTokens ?? 0;
      if (name === 'base') ylCalls++;
    }
  }
  return { requests, cacheHits, callErrors, parseFailures, truncatedOutputs, promptTokens, completionTokens, ylCalls };
}

/** A failed item made ready for another round: failed stages reset to pending, round + 1, y_l error cleared. */
export function forRetry(item: RunItem, judges: number, now = Date.now()): RunItem {
  const stages: Record<string, StageState> = {};
  for (const [name, s] of Object.entries(item.stages)) {
    stages[name] = s.status === 'failed' ? { status: 'pending', attempts: s.attempts } : s;
  }
  const { error: _drop, ...rest } = item;
  const next: RunItem = { ...rest, stages, round: item.round + 1, updatedAt: now };
  return { ...next, status: itemStatus(next, judges) };
}
