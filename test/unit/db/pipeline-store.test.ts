import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { executeRun } from '../../../src/core/pipeline/runner';
import { readPairs } from '../../../src/core/pipeline/pairs';
import type { RunItem } from '../../../src/core/pipeline/records';
import { ScriptedClient, dpfResponder } from '../../doubles/scripted-client';
import { clientsOf, config, newRun } from '../core/pipeline/helpers';

let db: PersonaLabDb;
beforeEach(() => {
  db = new PersonaLabDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('database v4 and DexiePipelineStore', () => {
  it('declares the pipeline tables in schema version 4', async () => {
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['promptSets', 'runs', 'runItems', 'llmCache']));
  });

  it('runs, pauses and resumes a run over IndexedDB with every call checkpointed', async () => {
    const store = new DexiePipelineStore(db);
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm));
    const controller = new AbortController();
    let calls = 0;
    const slow = new ScriptedClient(async (r) => {
      if (++calls === 10) controller.abort();
      return dpfResponder(r);
    });
    const first = await executeRun(runId, { store, clients: clientsOf(slow), signal: controller.signal, retryDelayMs: () => 0 });
    expect(first.status).toBe('paused');
    // a fresh store over the same database sees every checkpoint
    const reopened = new DexiePipelineStore(db);
    const cached = await reopened.cachedCalls();
    expect(cached).toBeGreaterThanOrEqual(8); // the 10th call is stopped mid-reply by the pause, as a real engine stops
    const second = await executeRun(runId, { store: reopened, clients: clientsOf(llm), retryDelayMs: () => 0 });
    expect(second.status).toBe('done');
    expect(second.pairs.done).toBe(12);
    expect(llm.requests.length + calls).toBeLessThanOrEqual(second.counters.requests + 2);
    const views = [];
    for await (const p of readPairs(reopened, runId)) views.push(p);
    expect(views).toHaveLength(12);
    expect(views.every((v) => v.yw && v.yl && v.verdicts[0]?.outcome === 'yw')).toBe(true);
    await reopened.deleteRun(runId);
    expect(await reopened.getRun(runId)).toBeUndefined();
    expect(await db.runItems.count()).toBe(0);
    expect(await reopened.cachedCalls()).toBe(cached + llm.requests.length);
  });

  it('lists a run of more than one page of items in id order, and coalesces concurrent checkpoints', async () => {
    const store = new DexiePipelineStore(db);
    const items: RunItem[] = Array.from({ length: 1203 }, (_, i) => ({
      id: `r1:pair:p:${String(i).padStart(5, '0')}`,
      runId: 'r1',
      kind: 'pair',
      seq: i,
      promptId: 'q',
      sampleIndex: 0,
      status: 'pending',
      stages: {},
      round: 0,
      updatedAt: 0,
    }));
    await Promise.all(items.map((it) => store.checkpoint(it)));
    await store.checkpoint({ ...items[0]!, id: 'r10:pair:x', runId: 'r10' });
    const seen: string[] = [];
    for await (const it of store.listItems('r1')) seen.push(it.id);
    expect(seen).toEqual(items.map((i) => i.id));
  });
});
