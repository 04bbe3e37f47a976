// Two tabs of the app over one database and one set of cross-tab locks: a job runs in one tab only,
// the other shows it as running there with its progress, and resumes it once that tab is closed,
// without asking again any call the first tab answered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GenerateRequest } from '../../../src/core/llm/types';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { PersonaLabDb } from '../../../src/db/database';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { LooStore } from '../../../src/db/loo-store';
import { LooState } from '../../../src/state/LooState.svelte';
import { FakeLockManager, LockRegistry } from '../../doubles/lock-manager';
import { ScriptedClient, dpfResponder } from '../../doubles/scripted-client';

const dbs: PersonaLabDb[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});
const questions = [
  { id: 'q1', text: 'Should I move abroad?' },
  { id: 'q2', text: 'Is saving for retirement early worth it?' },
];
const asKey = (r: GenerateRequest) => JSON.stringify([r.messages, r.seed]);

describe('a leave-one-out run in two tabs', () => {
  it('runs in one tab; the other shows it running there, then resumes it after that tab closes, asking nothing twice', async () => {
    const db = new PersonaLabDb(`tabs-${Math.random()}`);
    dbs.push(db);
    const registry = new LockRegistry();
    const tabA = new FakeLockManager(registry);
    const tabB = new FakeLockManager(registry);
    // Each tab has its own handle on the one call cache, as the app's pipeline store is per page.
    const a = new LooState(new LooStore(db), new DexiePipelineStore(db));
    const b = new LooState(new LooStore(db), new DexiePipelineStore(db));

    vi.stubGlobal('navigator', { locks: tabA });
    await a.load();
    await a.create('two tabs', { personas: EXAMPLE_PERSONAS, attributes: ['age', 'religion'], perAttribute: 2, questions, seed: 's' }, 'x');
    const id = a.current!.id;
    // Tab A answers 12 calls, then its model stops answering (the tab is about to be closed).
    const stalled = new ScriptedClient((r, n) => (n < 12 ? dpfResponder(r) : new Promise<string>(() => {})));
    void a.start(stalled);
    await vi.waitFor(() => expect(stalled.requests.length).toBe(13));
    const storedByA = (await new LooStore(db).judgements(id)).length;
    expect(storedByA).toBeGreaterThan(0);

    // Tab B opens: the run is running elsewhere (not "stopped"), and starting it there runs nothing.
    vi.stubGlobal('navigator', { locks: tabB });
    await b.load();
    expect(b.current).toMatchObject({ id, status: 'running' });
    expect(b.elsewhere.has(id)).toBe(true);
    expect(b.progress).toEqual({ done: storedByA / 2, total: 2 * 2 * 2 });
    const fresh = new ScriptedClient(dpfResponder);
    await b.start(fresh);
    expect(b.error).toMatch(/running in another tab/);
    expect(fresh.requests).toHaveLength(0);
    expect(b.running).toBe(false);
    expect(b.elsewhere.has(id)).toBe(true); // still shown as running there after the refused start

    // Tab A is closed: its lock goes; tab B marks the run stopped and resumes it.
    registry.closeClient(tabA.clientId);
    await b.elsewhere.check();
    expect(b.elsewhere.has(id)).toBe(false);
    expect(b.current).toMatchObject({ id, status: 'stopped' });
    await b.start(fresh);
    expect(b.current).toMatchObject({ id, status: 'done' });
    expect(b.judgements).toHaveLength(2 * 2 * 2 * 2);
    const answeredByA = new Set(stalled.requests.slice(0, 12).map(asKey));
    expect(fresh.requests.filter((r) => answeredByA.has(asKey(r)))).toEqual([]);
  });
});

describe('the pipeline call cache in two tabs', () => {
  it("finds a call another tab stored after this tab first read the cache's keys", async () => {
    const name = `tabs-${Math.random()}`;
    const dbA = new PersonaLabDb(name);
    const dbB = new PersonaLabDb(name);
    dbs.push(dbA, dbB);
    const a = new DexiePipelineStore(dbA);
    const b = new DexiePipelineStore(dbB);
    expect(await b.getCall('k1')).toBeUndefined(); // tab B reads the keys once…
    const call = { key: 'k1', text: 'stored by tab A', model: 'm', createdAt: 1 } as unknown as Parameters<typeof a.checkpoint>[1];
    await a.checkpoint(undefined, call); // …then tab A stores a call
    await vi.waitFor(async () => expect((await b.getCall('k1'))?.key).toBe('k1'));
    await a.clearCache();
    await vi.waitFor(async () => expect(await b.getCall('k1')).toBeUndefined());
  });
});
