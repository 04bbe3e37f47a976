/**
 * Reading a run's state back from its items (the items are the record, so this survives any crash)
 * and making its failed items ready for another round.
 */
import { addCounters, forRetry, hasRetryableFailure } from './item-state';
import { ZERO_COUNTERS, type RunCounters, type RunItem } from './records';
import type { PipelineStore } from './store';

/**
 * Adds up a run's counters, item statuses (slots and pairs), stage outcomes and the failed items a
 * resume would try again (a pair whose y_l failed counts when its y_l's failure does).
 */
export async function scanRun(
  store: PipelineStore,
  runId: string,
): Promise<{
  counters: RunCounters;
  statuses: Map<string, RunItem['status']>;
  stageCounts: Map<string, { done: number; failed: number }>;
  retryable: Set<string>;
}> {
  let counters = ZERO_COUNTERS;
  const statuses = new Map<string, RunItem['status']>();
  const stageCounts = new Map<string, { done: number; failed: number }>();
  const retryable = new Set<string>();
  const ylFailed: Array<[pair: string, slot: string]> = [];
  for await (const item of store.listItems(runId)) {
    counters = addCounters(counters, item);
    statuses.set(item.id, item.status);
    if (hasRetryableFailure(item)) retryable.add(item.id);
    else if (item.status === 'failed' && item.error && item.ylId) ylFailed.push([item.id, item.ylId]);
    for (const [name, s] of Object.entries(item.stages)) {
      const key = name.startsWith('judge:') ? 'judge' : name;
      const c = stageCounts.get(key) ?? { done: 0, failed: 0 };
      if (s.status === 'done') c.done++;
      if (s.status === 'failed') c.failed++;
      stageCounts.set(key, c);
    }
  }
  for (const [pair, slot] of ylFailed) if (retryable.has(slot) || statuses.get(slot) !== 'failed') retryable.add(pair);
  return { counters, statuses, stageCounts, retryable };
}

/** Makes every failed item of a run ready for another round of attempts (new calls). Returns how many. */
export async function retryFailed(store: PipelineStore, runId: string): Promise<number> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`No run with id "${runId}".`);
  const failed: RunItem[] = [];
  for await (const item of store.listItems(runId)) if (item.status === 'failed') failed.push(item);
  for (const item of failed) await store.checkpoint(forRetry(item, run.config.judges.length));
  return failed.length;
}
