import { afterEach, describe, expect, it } from 'vitest';
import { makeBenchConfig } from '../../../src/core/bench/config';
import { Lanes } from '../../../src/core/pipeline/lanes';
import { DexieBenchStore } from '../../../src/db/bench-store';
import { PersonaLabDb } from '../../../src/db/database';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { BenchRuns } from '../../../src/state/BenchRuns.svelte';
import type { Services } from '../../../src/state/services';
import { benchResponder } from '../../doubles/bench-responder';
import { startScriptedServer, type ScriptedServer } from '../../doubles/openai-server';

const dbs: PersonaLabDb[] = [];
const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
  for (const s of servers.splice(0)) await s.close();
});

const personas = Array.from({ length: 3 }, (_, i) => ({
  id: `p${i}`,
  split: 'test' as const,
  text: `age: ${30 + i}\nreligion: Faith ${i}`,
}));
const prompts = Array.from({ length: 6 }, (_, i) => ({ id: `q${i}`, text: `Question ${i}?`, topic: 'ethics', split: 'heldout' as const }));
// The state only reads the server settings (an API key, the timeouts) when it makes a server client.
const services = {
  settings: { llm: { baseUrl: '', apiKey: '' }, timeouts: () => ({ timeoutMs: 60_000, idleTimeoutMs: 30_000 }) },
} as unknown as Services;

async function setUp(delayMs = 0) {
  const respond = benchResponder();
  const server = await startScriptedServer((b) => ({ content: respond(b), delayMs }));
  servers.push(server);
  const db = new PersonaLabDb(`bench-state-${Math.random()}`);
  dbs.push(db);
  const store = new DexieBenchStore(db, new DexiePipelineStore(db));
  const ref = (model: string) => ({ backend: 'openai-http', model, baseUrl: server.url });
  const config = makeBenchConfig({ model: ref('a'), critic: ref('judge') }, { methods: ['baseline', 'persona'], samples: 2 });
  return { server, db, store, ref, config };
}

describe('BenchRuns', () => {
  it('runs one bench per model in turn and ranks them in the leaderboard', async () => {
    const { server, store, ref, config } = await setUp();
    const runs = new BenchRuns(store, new Lanes(), services);
    await runs.load();
    const models = [ref('small'), ref('large')].map((model) => ({ model, sampling: config.model.sampling }));
    const ids = await runs.createAndStart(models, { name: 'Two models', config, personas, prompts });
    expect(ids).toHaveLength(2);
    await expect.poll(() => runs.queue.length, { timeout: 20_000 }).toBe(0);
    expect(runs.problem).toBeUndefined();
    expect(runs.list.map((b) => [b.name, b.status]).sort()).toEqual([
      ['Two models · large', 'done'],
      ['Two models · small', 'done'],
    ]);
    // Never two benches at once: every request of the second model came after the first model's last.
    const order = server.requests.filter((r) => r.model !== 'judge').map((r) => r.model);
    expect(order.lastIndexOf('small')).toBeLessThan(order.indexOf('large'));
    expect(runs.leaderboard.map((r) => `${r.model}/${r.method}`).sort()).toEqual([
      'large/baseline',
      'large/persona',
      'small/baseline',
      'small/persona',
    ]);
    expect(runs.measured(ref('small')).freshCalls).toBeGreaterThan(0);
    expect(runs.measured(ref('other')).freshCalls).toBe(0);
  });

  it('stops a bench (queued ones are dropped), resumes it, and marks one left running by a closed page as interrupted', async () => {
    const { store, ref, config } = await setUp(15);
    const runs = new BenchRuns(store, new Lanes(), services);
    await runs.load();
    const models = [ref('a'), ref('b')].map((model) => ({ model, sampling: config.model.sampling }));
    const [first, second] = await runs.createAndStart(models, { name: 'Stopped', config, personas, prompts });
    await expect.poll(() => runs.progress[first!]?.samples.done ?? 0, { timeout: 20_000 }).toBeGreaterThan(2);
    runs.stop();
    await expect.poll(() => runs.current, { timeout: 20_000 }).toBeUndefined();
    expect(runs.queue).toEqual([]);
    const stopped = runs.list.find((b) => b.id === first);
    expect(stopped?.status).toBe('paused');
    expect(runs.list.find((b) => b.id === second)?.status).toBe('ready');
    runs.enqueue(first!);
    await expect.poll(() => runs.list.find((b) => b.id === first)?.status, { timeout: 20_000 }).toBe('done');

    // A bench stored as running with nobody running it (the page was closed) is interrupted, ready to resume.
    await store.putBench({ ...runs.list.find((b) => b.id === second)!, status: 'running' });
    const later = new BenchRuns(store, new Lanes(), services);
    await later.load();
    expect(later.list.find((b) => b.id === second)).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/resume/) });
  });
});
