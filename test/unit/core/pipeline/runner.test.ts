import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../../src/core/llm/errors';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { retryFailed } from '../../../../src/core/pipeline/run-scan';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { outputOf, verdictOf } from '../../../../src/core/pipeline/records';
import { ScriptedClient, dpfResponder, templateOf } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from './helpers';

const fast = { retryDelayMs: () => 0 };

async function items(store: MemoryStore) {
  return [...store.items.values()];
}

describe('executeRun', () => {
  it('makes every pair with one shared y_l per prompt, judges both orders, and reruns from the cache alone', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm));
    const out = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(out.status).toBe('done');
    expect(out.pairs).toMatchObject({ total: 12, done: 12, failed: 0 });
    const run = await store.getRun(runId);
    const slots = run!.manifest.plan.ylSlots;
    const byTemplate = (t: string) => llm.requests.filter((r) => templateOf(r) === t).length;
    expect(byTemplate('base')).toBe(slots);
    expect(slots).toBeLessThan(12);
    expect(byTemplate('critique')).toBe(12);
    expect(byTemplate('revise')).toBe(12);
    expect(byTemplate('judge')).toBe(24);
    expect(out.counters.requests).toBe(llm.requests.length);
    const pair = (await items(store)).find((i) => i.kind === 'pair')!;
    expect(outputOf(pair, 'revise')?.text).toMatch(/^A short, tailored answer/);
    expect(verdictOf(pair, 0, 'wl')).toMatchObject({ choice: 'A', winner: 'yw' });
    expect(verdictOf(pair, 0, 'lw')).toMatchObject({ choice: 'B', winner: 'yw' });

    const again = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(again.status).toBe('done');
    expect(again.session).toEqual({ requests: 0, answered: 0, cacheHits: 0 });
    expect(llm.requests.length).toBe(out.counters.requests);
  });

  it('serves a new run with the same config from the cache, and makes new calls when a sampling parameter changes', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const cfg = config(llm);
    await executeRun(await newRun(store, cfg), { store, clients: clientsOf(llm), ...fast });
    const sent = llm.requests.length;
    const copy = await newRun(store, { ...cfg, concurrency: 1 }, 3, 12);
    const second = await store.getRun(copy);
    await store.putRun({ ...second!, id: 'copy' });
    // a different run id over the same work: every call is a cache hit
    const other = await import('../../../../src/core/pipeline/create').then((m) =>
      m.createRun(store, { id: 'other', name: 'o', config: cfg, personas: second!.personas, prompts: second!.prompts, appVersion: 't' }),
    );
    const o = await executeRun(other.id, { store, clients: clientsOf(llm), ...fast });
    expect(o.session.requests).toBe(0);
    expect(o.session.cacheHits).toBeGreaterThan(0);
    expect(llm.requests.length).toBe(sent);
    const hotter = await newRun(store, {
      ...cfg,
      generator: { ...cfg.generator, sampling: { ...cfg.generator.sampling, temperature: 0.9 } },
    });
    const h = await executeRun(hotter, { store, clients: clientsOf(llm), ...fast });
    expect(h.session.requests).toBeGreaterThan(0);
  });

  it('follows the paper recipe with one y_l per pair when asked', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm, { yl: { mode: 'per-pair', samples: 1 } }, 0));
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(out.pairs.done).toBe(12);
    expect(llm.requests.filter((r) => templateOf(r) === 'base')).toHaveLength(12);
    expect(out.counters.ylCalls).toBe(12);
  });

  it('retries unreadable output, keeps every raw output, fails the item after the bounded attempts, and retries on request', async () => {
    const store = new MemoryStore();
    let critiques = 0;
    const llm = new ScriptedClient((r) => {
      if (templateOf(r) !== 'critique') return dpfResponder(r);
      critiques++;
      if (r.messages[0]!.content.includes("DEMOGRAPHIC: 'age: 20")) return 'garbage that names no section';
      return critiques % 2 ? 'I cannot comply.' : dpfResponder(r);
    });
    const runId = await newRun(store, config(llm, { maxAttempts: 3 }, 0));
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(out.pairs.failed).toBe(4); // persona-0's four pairs
    expect(out.pairs.done).toBe(8);
    const failed = (await items(store)).filter((i) => i.status === 'failed');
    for (const f of failed) {
      const s = f.stages.critique!;
      expect(s.failure).toBe('unparseable');
      expect(s.attempts.map((a) => a.text)).toEqual([
        'garbage that names no section',
        'garbage that names no section',
        'garbage that names no section',
      ]);
      expect(s.attempts.every((a) => a.parseError)).toBe(true);
    }
    const before = llm.requests.length;
    const rerun = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(rerun.session.requests).toBe(0);
    expect(llm.requests.length).toBe(before);
    expect(await retryFailed(store, runId)).toBe(4);
    const third = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(third.session.requests).toBe(12); // a new round of 3 attempts for each of the 4 pairs
    expect((await store.getItem(failed[0]!.id))!.stages.critique!.attempts).toHaveLength(6);
  });

  it('retries transient HTTP errors, records a persistent one for its item and goes on, and tries it again on resume', async () => {
    const store = new MemoryStore();
    let n = 0;
    let broken = true;
    const llm = new ScriptedClient((r) => {
      n++;
      if (n === 2) return new LlmError('http', 'server answered 503', { status: 503 });
      if (broken && templateOf(r) === 'revise' && r.messages[0]!.content.includes('number 1 a hard'))
        return new LlmError('http', 'server answered 400: bad field', { status: 400 });
      return dpfResponder(r);
    });
    const runId = await newRun(store, config(llm, {}, 0));
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    const failed = (await items(store)).filter((i) => i.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(out.pairs.done + out.pairs.failed).toBe(12);
    expect(failed[0]!.stages.revise).toMatchObject({ status: 'failed', failure: 'llm-error' });
    expect(failed[0]!.stages.revise!.attempts[0]!.error).toMatchObject({ kind: 'http', status: 400 });
    broken = false;
    const again = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(again.pairs.done).toBe(12);
    expect(again.session.requests).toBe(failed.length);
  });

  it('stops the whole run with a clear message when the backend cannot be reached', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient([
      new LlmError('network', 'Could not reach 127.0.0.1:9 (connection refused).', { hint: 'Check that the server is running.' }),
    ]);
    const runId = await newRun(store, config(llm));
    const out = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(out.status).toBe('failed');
    expect(out.error).toMatch(/Could not reach 127\.0\.0\.1:9.*Check that the server is running/);
    expect(out.pairs.done).toBe(0);
    expect(llm.requests.length).toBeLessThanOrEqual(2 * 5); // the calls in flight, each with its 4 retries
    expect((await store.getRun(runId))!.status).toBe('failed');
  });

  it('pauses on abort and resumes without repeating finished calls', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    const seen = new Map<string, number>();
    const llm = new ScriptedClient(async (r) => {
      const k = JSON.stringify(r.messages);
      seen.set(k, (seen.get(k) ?? 0) + 1);
      if (seen.size === 15) controller.abort();
      await new Promise((res) => setTimeout(res, 1));
      return dpfResponder(r);
    });
    const runId = await newRun(store, config(llm));
    const first = await executeRun(runId, { store, clients: clientsOf(llm), signal: controller.signal, ...fast });
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('paused');
    expect(first.pairs.done).toBeLessThan(12);
    const second = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(second.status).toBe('done');
    const repeated = [...seen.values()].filter((v) => v > 1).length;
    expect(repeated).toBeLessThanOrEqual(2); // at most the calls that were in flight when paused
  });
});
