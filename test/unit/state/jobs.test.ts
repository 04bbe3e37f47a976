// The header's jobs list: the composition root gathers every made state's running jobs, each with its
// progress and Stop in the tab that runs it, and lists another tab's job without Stop. Benches hold the
// cross-tab job lock like runs, leave-one-out and WikiPersonas.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeBenchConfig } from '../../../src/core/bench/config';
import type { GenerateRequest } from '../../../src/core/llm/types';
import { Lanes } from '../../../src/core/pipeline/lanes';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { DexieBenchStore } from '../../../src/db/bench-store';
import { PersonaLabDb } from '../../../src/db/database';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { ComputeClient } from '../../../src/platform/compute-client';
import { LlmWorkerClient } from '../../../src/platform/llm-worker-client';
import { AppRoot } from '../../../src/state/app';
import { BenchRuns } from '../../../src/state/BenchRuns.svelte';
import type { Services } from '../../../src/state/services';
import { benchResponder } from '../../doubles/bench-responder';
import { FakeLockManager, LockRegistry } from '../../doubles/lock-manager';
import { startScriptedServer, type ScriptedServer } from '../../doubles/openai-server';
import { ScriptedClient, dpfResponder } from '../../doubles/scripted-client';

const dbs: PersonaLabDb[] = [];
const servers: ScriptedServer[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
  for (const s of servers.splice(0)) await s.close();
});
const openDb = (name: string) => {
  const db = new PersonaLabDb(name);
  dbs.push(db);
  return db;
};
const questions = [
  { id: 'q1', text: 'Should I move abroad?' },
  { id: 'q2', text: 'Is saving for retirement early worth it?' },
];
const tab = (locks: FakeLockManager) => vi.stubGlobal('navigator', { locks });

describe('app().jobs', () => {
  it('lists a running leave-one-out design with its progress and Stop, and as running elsewhere in another tab', async () => {
    const name = `jobs-${Math.random()}`;
    const registry = new LockRegistry();
    const locksA = new FakeLockManager(registry);
    const locksB = new FakeLockManager(registry);
    const a = new AppRoot(openDb(name), new LlmWorkerClient(), new ComputeClient());
    const b = new AppRoot(openDb(name), new LlmWorkerClient(), new ComputeClient());
    expect(a.jobs).toEqual([]); // no state made yet: nothing can run

    tab(locksA);
    await a.loo.load();
    await a.loo.create(
      'Jobs LOO',
      { personas: EXAMPLE_PERSONAS, attributes: ['age', 'religion'], perAttribute: 2, questions, seed: 's' },
      'x',
    );
    const id = a.loo.current!.id;
    const slow = new ScriptedClient((r: GenerateRequest) => new Promise<string>((ok) => setTimeout(() => ok(dpfResponder(r)), 5)));
    const running = a.loo.start(slow);
    await vi.waitFor(() => expect(a.jobs[0]?.done).toBeGreaterThan(0));
    expect(a.jobs).toEqual([
      {
        id: `loo:${id}`,
        kind: 'loo',
        label: 'Leave-one-out “Jobs LOO”',
        href: '#/loo',
        unit: 'questions',
        done: expect.any(Number),
        total: 2 * 2 * 2,
        stop: expect.any(Function),
      },
    ]);

    // The other tab lists it as running there, without Stop.
    tab(locksB);
    await b.loo.load();
    expect(b.jobs).toEqual([expect.objectContaining({ id: `loo:${id}`, elsewhere: true, label: 'Leave-one-out “Jobs LOO”' })]);
    expect(b.jobs[0]!.stop).toBeUndefined();

    // Stop from the list: the design stops where it was, resumable, and leaves the list.
    tab(locksA);
    a.jobs[0]!.stop!();
    await running;
    expect(a.loo.running).toBe(false);
    expect(a.loo.current).toMatchObject({ id, status: 'stopped' });
    expect(a.jobs).toEqual([]);
    expect(slow.requests.length).toBeLessThan(2 + 2 * 2 * 2 * 6);
  });

  it('lists a prompt set whose topics a model is labelling, with its Stop; stopping stores nothing', async () => {
    const a = new AppRoot(openDb(`jobs-${Math.random()}`), new LlmWorkerClient(), new ComputeClient());
    const server = await startScriptedServer(() => ({ content: '{"topic": "Work and careers"}', delayMs: 20 }));
    servers.push(server);
    await a.promptSets.load();
    const set = a.promptSets.all[0]!; // the built-in set
    const before = a.promptSets.sets.length;
    const labelling = a.promptSets.classifyTopics(set.id, { backend: 'openai-http', model: 'tiny', baseUrl: server.url });
    await vi.waitFor(() => expect(a.jobs[0]?.done).toBeGreaterThan(0));
    expect(a.jobs).toEqual([
      {
        id: 'prompts-classify',
        kind: 'prompts',
        label: `Topics of “${set.name}” by a model`,
        href: '#/prompts',
        unit: 'prompts',
        done: expect.any(Number),
        total: set.prompts.length,
        stop: expect.any(Function),
      },
    ]);
    a.jobs[0]!.stop!();
    expect(await labelling).toBeUndefined();
    expect(a.jobs).toEqual([]);
    expect(a.promptSets.sets.length).toBe(before);
  });
});

describe('benches under the cross-tab job lock', () => {
  it('runs a bench in one tab only; the other lists it as running there and resumes nothing', async () => {
    const respond = benchResponder();
    const server = await startScriptedServer((body) => ({ content: respond(body), delayMs: 80 }));
    servers.push(server);
    const name = `bench-lock-${Math.random()}`;
    const storeOf = () => {
      const db = openDb(name);
      return new DexieBenchStore(db, new DexiePipelineStore(db));
    };
    const services = {
      settings: { llm: { baseUrl: '', apiKey: '' }, timeouts: () => ({ timeoutMs: 60_000, idleTimeoutMs: 30_000 }) },
    } as unknown as Services;
    const ref = { backend: 'openai-http', model: 'm', baseUrl: server.url };
    const config = makeBenchConfig({ model: ref, critic: ref }, { methods: ['baseline', 'persona'], samples: 2 });
    const personas = Array.from({ length: 3 }, (_, i) => ({ id: `p${i}`, split: 'test' as const, text: `age: ${30 + i}` }));
    const prompts = Array.from({ length: 6 }, (_, i) => ({
      id: `q${i}`,
      text: `Question ${i}?`,
      topic: 'ethics',
      split: 'heldout' as const,
    }));
    const registry = new LockRegistry();
    const locksA = new FakeLockManager(registry);
    const locksB = new FakeLockManager(registry);

    tab(locksA);
    const a = new BenchRuns(storeOf(), new Lanes(), services);
    await a.load();
    const [id] = await a.createAndStart([{ model: ref, sampling: config.model.sampling }], { name: 'Locked', config, personas, prompts });
    await expect.poll(() => a.progress[id!]?.samples.done ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(a.runningJobs).toEqual([
      expect.objectContaining({ id: `bench:${id}`, kind: 'bench', label: 'Bench “Locked”', unit: 'samples' }),
    ]);

    tab(locksB);
    const b = new BenchRuns(storeOf(), new Lanes(), services);
    await b.load();
    expect(b.list.find((x) => x.id === id)?.status).toBe('running'); // not marked interrupted: its tab holds the lock
    expect(b.elsewhere.has(id!)).toBe(true);
    b.enqueue(id!);
    await expect.poll(() => b.problem?.message).toMatch(/running in another tab/);
    expect(b.current).toBeUndefined();
    expect(b.runningJobs).toEqual([expect.objectContaining({ id: `bench:${id}`, elsewhere: true })]);

    // Tab A stops it; once its lock is let go, tab B can resume it.
    tab(locksA);
    a.stop();
    await expect.poll(() => a.current, { timeout: 20_000 }).toBeUndefined();
    tab(locksB);
    await b.elsewhere.check();
    expect(b.elsewhere.has(id!)).toBe(false);
    expect(b.runningJobs).toEqual([]);
  });
});
