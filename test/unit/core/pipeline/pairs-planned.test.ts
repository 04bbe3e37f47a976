import { describe, expect, it } from 'vitest';
import { readPairs, type PairView } from '../../../../src/core/pipeline/pairs';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from './helpers';

async function all(store: MemoryStore, runId: string, planned: boolean): Promise<PairView[]> {
  const out: PairView[] = [];
  for await (const p of readPairs(store, runId, { planned })) out.push(p);
  return out;
}

describe('readPairs with planned pairs', () => {
  it('lists every pair of an interrupted run, the ones not started as pending, and each once', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    let calls = 0;
    const llm = new ScriptedClient(async (r) => {
      if (++calls === 6) controller.abort();
      return dpfResponder(r);
    });
    const runId = await newRun(store, config(llm), 3, 12);
    // 3 personas × (2 train + 1 seen-test + 1 held-out) pairs.
    expect(await all(store, runId, true)).toHaveLength(12);
    expect(await all(store, runId, false)).toHaveLength(0);
    const first = await executeRun(runId, { store, clients: clientsOf(llm), signal: controller.signal, retryDelayMs: () => 0 });
    expect(first.status).toBe('paused');
    const started = await all(store, runId, false);
    const every = await all(store, runId, true);
    expect(started.length).toBeGreaterThan(0);
    expect(started.length).toBeLessThan(12);
    expect(every).toHaveLength(12);
    expect(new Set(every.map((p) => p.id)).size).toBe(12);
    const fresh = every.slice(started.length);
    expect(fresh.every((p) => p.status === 'pending' && p.verdicts.every((v) => v.outcome === 'incomplete'))).toBe(true);
    expect(fresh.every((p) => p.prompt !== '' && p.persona.startsWith('age: '))).toBe(true);
    await executeRun(runId, { store, clients: clientsOf(llm), retryDelayMs: () => 0 });
    const done = await all(store, runId, true);
    expect(done).toHaveLength(12);
    expect(done.every((p) => p.status === 'done')).toBe(true);
  });
});
