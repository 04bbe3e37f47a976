import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../../src/core/llm/errors';
import { judgeNames } from '../../../../src/core/pipeline/judge-names';
import { describeServerChange, editRunServers } from '../../../../src/core/pipeline/edit-server';
import { readPairs } from '../../../../src/core/pipeline/pairs';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from './helpers';

const gone = () => new LlmError('network', 'Could not reach 127.0.0.1:9.');

describe('editRunServers', () => {
  it('moves a stopped run to another server: finished pairs kept, the rest made there, the change recorded', async () => {
    const store = new MemoryStore();
    const first = new ScriptedClient((r, n) => (n < 14 ? dpfResponder(r) : gone()), { model: 'm', baseUrl: 'http://a/v1' });
    const ref = { backend: 'openai-http', model: 'm', baseUrl: 'http://a/v1' };
    const cfg = { ...config(first), generator: { ...config(first).generator, model: ref } };
    const runId = await newRun(store, {
      ...cfg,
      critic: { ...cfg.critic, model: ref },
      judges: cfg.judges.map((j) => ({ ...j, model: ref })),
    });
    const stopped = await executeRun(runId, { store, clients: clientsOf(first), retryDelayMs: () => 0 });
    expect(stopped.status).toBe('failed');
    const before = (await store.getRun(runId))!;
    const doneBefore = [];
    for await (const p of readPairs(store, runId)) doneBefore.push(p.id);
    expect(doneBefore.length).toBeGreaterThan(0);
    expect(doneBefore.length).toBeLessThan(before.manifest.plan.pairs);

    const to = { backend: 'openai-http', model: 'm2', baseUrl: 'http://b/v1' };
    const edited = editRunServers(
      before,
      [
        { role: 'generator', model: to },
        { role: 'critic', model: to },
        { role: 'judge:0', model: to },
      ],
      Date.parse('2026-12-05T01:00:00Z'),
    );
    expect(edited.status).toBe('paused');
    expect(edited.error).toBeUndefined();
    expect(edited.config.generator).toEqual({ ...before.config.generator, model: to });
    expect(edited.config.judges[0]!.sampling).toEqual(before.config.judges[0]!.sampling);
    expect(edited.manifest.config).toEqual(edited.config);
    expect(edited.manifest.serverChanges).toHaveLength(3);
    expect(edited.manifest.serverChanges![2]).toEqual({ at: '2026-12-05T01:00:00.000Z', role: 'judge:0', from: ref, to });
    expect(describeServerChange(edited.manifest.serverChanges![2]!)).toBe(
      'Judge 1: openai-http:m@http://a/v1 → openai-http:m2@http://b/v1 (2026-12-05T01:00:00.000Z)',
    );
    expect(judgeNames(edited.config.judges)).toEqual(['openai-http:m2@http://b/v1']);
    await store.putRun(edited);

    const second = new ScriptedClient(dpfResponder, { model: 'm2', baseUrl: 'http://b/v1' });
    const resumed = await executeRun(runId, { store, clients: clientsOf(second), retryDelayMs: () => 0 });
    expect(resumed.status).toBe('done');
    expect(resumed.pairs.done).toBe(before.manifest.plan.pairs);
    const after = [];
    for await (const p of readPairs(store, runId)) after.push(p.id);
    expect(after).toEqual(expect.arrayContaining(doneBefore));
    // The first server's finished work was not asked again.
    expect(second.requests.length).toBeLessThan(first.requests.length + 40);
    expect((await store.getRun(runId))!.manifest.serverChanges).toHaveLength(3);
  });

  it('refuses a running run, an unknown role, a change to nothing and a server without an address', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const run = (await store.getRun(await newRun(store, config(llm))))!;
    const same = run.config.generator.model;
    expect(() => editRunServers({ ...run, status: 'running' }, [{ role: 'generator', model: { ...same, model: 'x' } }])).toThrow(
      /pause it/,
    );
    expect(() => editRunServers(run, [{ role: 'judge:3', model: same }])).toThrow(/no role "judge:3"/);
    expect(() => editRunServers(run, [{ role: 'generator', model: same }])).toThrow(/Nothing changed/);
    expect(() => editRunServers(run, [{ role: 'critic', model: { backend: 'openai-http', model: 'm' } }])).toThrow(/address/);
    const ok = editRunServers({ ...run, status: 'done' }, [{ role: 'critic', model: { ...same, model: 'other' } }]);
    expect(ok.status).toBe('done');
    expect(ok.config.generator).toEqual(run.config.generator);
  });
});
