import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBenchConfig } from '../../../src/core/bench/config';
import { createBench } from '../../../src/core/bench/create';
import { executeBench } from '../../../src/core/bench/runner';
import { DexieBenchStore } from '../../../src/db/bench-store';
import { PersonaLabDb } from '../../../src/db/database';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { benchResponder } from '../../doubles/bench-responder';
import { ScriptedClient } from '../../doubles/scripted-client';

let db: PersonaLabDb;
beforeEach(() => {
  db = new PersonaLabDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const personas = Array.from({ length: 4 }, (_, i) => ({
  id: `p${i}`,
  split: 'test' as const,
  text: `age: ${40 + i}\nreligion: Faith ${i}`,
}));
const prompts = Array.from({ length: 8 }, (_, i) => ({
  id: `q${i}`,
  text: `Question ${i}?`,
  topic: 'ethics',
  split: i % 2 ? ('heldout' as const) : ('train' as const),
}));

describe('database v7 and DexieBenchStore', () => {
  it('declares the bench tables in schema version 7', async () => {
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['benches', 'benchSamples', 'llmCache']));
  });

  it('stops and resumes a bench over IndexedDB, sharing the runs’ call cache, and deletes it with its samples', async () => {
    const calls = new DexiePipelineStore(db);
    const store = new DexieBenchStore(db, calls);
    const respond = benchResponder();
    const controller = new AbortController();
    let n = 0;
    const llm = new ScriptedClient((r) => {
      if (++n === 12) controller.abort();
      return respond(r);
    });
    const ref = { backend: llm.backend, model: llm.model };
    const bench = await createBench(store, {
      name: 'b',
      config: makeBenchConfig({ model: ref }, { methods: ['baseline', 'summary'], samples: 2 }),
      personas,
      prompts,
      appVersion: '0',
    });
    const first = await executeBench(bench.id, {
      store,
      clients: { model: llm, critic: llm },
      signal: controller.signal,
      retryDelayMs: () => 0,
    });
    expect(first.status).toBe('paused');
    expect(await calls.cachedCalls()).toBeGreaterThanOrEqual(10);

    // A fresh store over the same database sees every checkpoint and finishes without repeating a call.
    const again = new DexieBenchStore(db, new DexiePipelineStore(db));
    const sent = llm.requests.length;
    const second = await executeBench(bench.id, { store: again, clients: { model: llm, critic: llm }, retryDelayMs: () => 0 });
    expect(second.status).toBe('done');
    expect(second.samples).toMatchObject({ total: 32, done: 32 });
    const answered = llm.requests.slice(0, sent).map((r) => JSON.stringify(r));
    const repeated = llm.requests.slice(sent).filter((r) => answered.includes(JSON.stringify(r)));
    expect(repeated.length).toBeLessThanOrEqual(2); // at most the calls in flight when it stopped
    const stored = await again.getBench(bench.id);
    expect(stored).toMatchObject({ status: 'done', counts: { done: 32, missing: 0, failed: 0, pending: 0 } });
    expect(stored!.results!.methods.summary!.n_items).toBe(8);

    const listed = [];
    for await (const s of again.listSamples(bench.id)) listed.push(s.id);
    expect(listed).toHaveLength(32);
    expect(listed).toEqual([...listed].sort());
    await again.deleteBench(bench.id);
    expect(await db.benchSamples.count()).toBe(0);
    expect(await again.listBenches()).toEqual([]);
    expect(await calls.cachedCalls()).toBeGreaterThan(0); // the cache stays
  });
});
