import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
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

describe('database v6: one call cache', () => {
  it('drops the persona and leave-one-out call caches, empties the old-format llmCache, and keeps the rest', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // The schema as version 5 left it, with a row in each cache table and a run.
    const old = new Dexie(name);
    old.version(1).stores({ settings: 'key', conversations: 'id, updatedAt' });
    old.version(2).stores({ personaSets: 'id, createdAt', personaSetData: 'setId', personaLlmCache: 'key' });
    old.version(3).stores({ censusModels: 'id, createdAt' });
    old.version(4).stores({ promptSets: 'id, createdAt', runs: 'id, createdAt', runItems: 'id, runId', llmCache: 'key' });
    old.version(5).stores({ looRuns: 'id, createdAt', looJudgements: '[runId+key], runId', looCalls: 'key' });
    await old.open();
    const call = { key: 'c-old', text: 'hi', finishReason: 'stop', model: 'm', ms: 1, createdAt: 1 };
    await old.table('llmCache').put(call);
    await old.table('looCalls').put(call);
    await old.table('personaLlmCache').put({ key: 'p|review', text: 'PLAUSIBLE' });
    await old.table('runs').put({ id: 'run-1', createdAt: 1 });
    old.close();

    const upgraded = new PersonaLabDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(6);
    const names = upgraded.tables.map((t) => t.name);
    expect(names).not.toContain('personaLlmCache');
    expect(names).not.toContain('looCalls');
    const stores = [...upgraded.backendDB().objectStoreNames];
    expect(stores).not.toContain('personaLlmCache');
    expect(stores).not.toContain('looCalls');
    expect(await upgraded.llmCache.count()).toBe(0);
    expect(await upgraded.runs.get('run-1')).toBeDefined();
    await upgraded.delete();
  });

  it('lists the cache newest first and clears it', async () => {
    const store = new DexiePipelineStore(db);
    for (const [i, key] of ['c-a', 'c-b', 'c-c'].entries())
      await store.checkpoint(undefined, { key, text: key, finishReason: 'stop', model: 'm', ms: 1, createdAt: 10 + i });
    expect((await store.listCalls(2)).map((c) => c.key)).toEqual(['c-c', 'c-b']);
    expect((await store.listCalls(2, 2)).map((c) => c.key)).toEqual(['c-a']);
    expect(await store.getCall('c-a')).toBeDefined();
    expect(await store.clearCache()).toBe(3);
    expect(await store.cachedCalls()).toBe(0);
    expect(await store.getCall('c-a')).toBeUndefined();
  });
});
