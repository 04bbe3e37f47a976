// How a run meets backend faults: transport retries with backoff and Retry-After, one retry budget
// per shared call, refusals that stop the run at once, refusals that fail one item for good, a server
// failing everything, and the run status words that say which.
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../../src/core/llm/errors';
import type { GenerateRequest } from '../../../../src/core/llm/types';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { retryFailed } from '../../../../src/core/pipeline/run-scan';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder, templateOf } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from './helpers';

const fast = { retryDelayMs: () => 0 };
/** Every persona draws the one held-out prompt q3 (4 prompts, plan 1 + 1, plus 1). */
const sharedPlan = { plan: { train: 1, seenTest: 1, heldout: 1 } };
const isQ3Base = (r: GenerateRequest) => templateOf(r) === 'base' && r.messages.at(-1)!.content.includes('number 3 a hard');

describe('executeRun under backend faults', () => {
  it('asks a failing shared base answer once per session, not once per pair waiting on it', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient((r) => (isQ3Base(r) ? new LlmError('http', 'server answered 500', { status: 500 }) : dpfResponder(r)));
    const runId = await newRun(store, config(llm, sharedPlan, 0), 6, 4);
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(llm.requests.filter(isQ3Base)).toHaveLength(5); // one call: the first request and its 4 retries
    expect(out.pairs.failed).toBe(6);
    expect(out.retryableFailed).toBe(6);
    expect(out.status).toBe('incomplete');
    expect(out.error).toMatch(/6 pair\(s\) failed on backend errors.*resume/);
    expect((await store.getRun(runId))!.status).toBe('incomplete');

    const again = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(llm.requests.filter(isQ3Base)).toHaveLength(10); // a resume tries the shared call once more
    expect(again.status).toBe('incomplete');
  });

  it('fails a request the server refuses as it is (context overflow) without retrying it, for good', async () => {
    const store = new MemoryStore();
    const overflow = new LlmError('context-overflow', 'maximum context length is 4096 tokens', { status: 400 });
    let broken = true;
    const llm = new ScriptedClient((r) => (broken && isQ3Base(r) ? overflow : dpfResponder(r)));
    const runId = await newRun(store, config(llm, sharedPlan, 0), 4, 4);
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(llm.requests.filter(isQ3Base)).toHaveLength(1);
    expect(out.pairs).toMatchObject({ failed: 4, done: 8 });
    expect(out.retryableFailed).toBe(0);
    expect(out.status).toBe('done'); // every pair reached a final state
    const before = llm.requests.length;
    expect((await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast })).session.requests).toBe(0);
    expect(llm.requests.length).toBe(before);
    broken = false;
    expect(await retryFailed(store, runId)).toBe(5); // the slot and its 4 pairs
    expect((await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast })).pairs.done).toBe(12);
  });

  it('stops the run at once on refused credentials (401) and on a missing model (404), with no retry', async () => {
    for (const [kind, status] of [
      ['auth', 401],
      ['not-found', 404],
    ] as const) {
      const store = new MemoryStore();
      const llm = new ScriptedClient([new LlmError(kind, `127.0.0.1 answered ${status}`, { status, hint: 'Check it.' })]);
      const runId = await newRun(store, config(llm));
      const out = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
      expect(out.status).toBe('failed');
      expect(out.error).toMatch(new RegExp(`answered ${status}.*Check it`));
      expect(llm.requests.length).toBeLessThanOrEqual(2); // the calls in flight, none retried
      expect(out.retryableFailed).toBeGreaterThan(0); // a resume after fixing the key tries them again
    }
  });

  it("waits as long as a 429's Retry-After asks (over the backoff), then goes on", async () => {
    const store = new MemoryStore();
    let n = 0;
    const llm = new ScriptedClient((r) =>
      n++ < 2 ? new LlmError('http', 'answered 429', { status: 429, retryAfterMs: 40 }) : dpfResponder(r),
    );
    const waits: number[] = [];
    const runId = await newRun(store, config(llm, { concurrency: 1 }));
    const out = await executeRun(runId, {
      store,
      clients: clientsOf(llm),
      ...fast,
      onTransportRetry: (e, ms, retry) => waits.push(ms * 10 + retry + (e.status === 429 ? 0 : 1e6)),
    });
    expect(out.status).toBe('done');
    expect(waits).toEqual([401, 402]);
    expect(out.counters.requests).toBe(llm.requests.length);
  });

  it('retries resets and timeouts with growing, jittered delays and finishes', async () => {
    const store = new MemoryStore();
    let n = 0;
    const llm = new ScriptedClient((r) => {
      n++;
      if (n === 1) return new LlmError('network', 'The connection to h broke in the middle of the reply.');
      if (n === 2) return new LlmError('timeout', 'h did not finish answering within 1 s.');
      return dpfResponder(r);
    });
    const waits: number[] = [];
    const runId = await newRun(store, config(llm, { concurrency: 1 }));
    const out = await executeRun(runId, {
      store,
      clients: clientsOf(llm),
      retryDelayMs: () => 0,
      onTransportRetry: (_e, _ms, k) => waits.push(k),
    });
    expect(out.status).toBe('done');
    expect(waits).toEqual([1, 2]);
    const first = [...store.items.values()].find((i) => i.kind === 'yl' && i.stages.base!.attempts[0]!.requests === 3);
    expect(first).toBeDefined(); // one attempt, three requests
  });

  it('stops a run whose server fails every call after its retries, instead of failing every item in turn', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient([new LlmError('http', 'answered 503', { status: 503 })]);
    const runId = await newRun(store, config(llm, { concurrency: 1 }), 6, 12);
    const out = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(out.status).toBe('failed');
    expect(out.error).toMatch(/3 calls in a row failed after all their retries; the last: answered 503/);
    expect(llm.requests.length).toBe(3 * 5);
    expect(out.pairs.pending).toBeGreaterThan(0);
  });

  it('keeps going past one failing call when the others succeed', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient((r) =>
      templateOf(r) === 'critique' && r.messages.at(-1)!.content.includes('number 3 a hard')
        ? new LlmError('http', 'answered 500', { status: 500 })
        : dpfResponder(r),
    );
    const runId = await newRun(store, config(llm, sharedPlan, 0), 4, 4);
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(out.status).toBe('incomplete');
    expect(out.pairs.failed).toBe(4);
    expect(out.pairs.done).toBe(8);
  });

  it('says "failed", not "done", when every pair failed', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient((r) => (templateOf(r) === 'critique' ? 'no sections here at all' : dpfResponder(r)));
    const runId = await newRun(store, config(llm, {}, 0), 2, 12);
    const out = await executeRun(runId, { store, clients: clientsOf(llm, 0), ...fast });
    expect(out.pairs.done).toBe(0);
    expect(out.status).toBe('failed');
    expect(out.error).toMatch(/No pair could be made: all 8 failed/);
    expect((await store.getRun(runId))!.status).toBe('failed');
  });
});
