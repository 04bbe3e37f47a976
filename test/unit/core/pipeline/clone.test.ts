import { describe, expect, it } from 'vitest';
import { cloneRun } from '../../../../src/core/pipeline/clone';
import { DEFAULT_SAMPLING } from '../../../../src/core/pipeline/config';
import { readPairs } from '../../../../src/core/pipeline/pairs';
import { UnavailableClient } from '../../../../src/core/pipeline/judge-run';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder, templateOf } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from './helpers';

async function finished() {
  const store = new MemoryStore();
  const llm = new ScriptedClient(dpfResponder);
  const runId = await newRun(store, config(llm));
  await executeRun(runId, { store, clients: clientsOf(llm), retryDelayMs: () => 0 });
  return { store, runId };
}

describe('cloneRun', () => {
  it('with another judge: the same pairs, only judge calls, the new judge named', async () => {
    const { store, runId } = await finished();
    const judge = new ScriptedClient(dpfResponder, { model: 'other-judge' });
    const role = { model: { backend: judge.backend, model: judge.model }, sampling: { ...DEFAULT_SAMPLING.judge, temperature: 0.3 } };
    const clone = await cloneRun(store, runId, { kind: 'judges', judges: [role] }, { name: 'clone', appVersion: 't' });
    expect(clone.id).not.toBe(runId);
    expect(clone.source).toBe(`run:${runId}`);
    expect(clone.config.judges).toEqual([role]);
    const src = (await store.getRun(runId))!;
    const gen = new UnavailableClient(src.config.generator.model);
    const out = await executeRun(clone.id, { store, clients: { generator: gen, critic: gen, judges: [judge] }, retryDelayMs: () => 0 });
    expect(out.pairs.done).toBe(src.manifest.plan.pairs);
    expect(judge.requests.every((r) => templateOf(r) === 'judge')).toBe(true);
    const a = [];
    for await (const p of readPairs(store, runId)) a.push([p.prompt, p.yl, p.yw]);
    const b = [];
    for await (const p of readPairs(store, clone.id)) b.push([p.prompt, p.yl, p.yw]);
    expect(b).toEqual(a);
    // The same clone again is the same run.
    expect((await cloneRun(store, runId, { kind: 'judges', judges: [role] }, { name: 'again', appVersion: 't' })).id).toBe(clone.id);
  });

  it('with another model: a new run over the same personas, prompts and plan, judges kept', async () => {
    const { store, runId } = await finished();
    const src = (await store.getRun(runId))!;
    const role = { model: { backend: 'scripted', model: 'bigger' }, sampling: DEFAULT_SAMPLING.generator };
    const clone = await cloneRun(store, runId, { kind: 'models', generator: role, critic: role }, { name: 'bigger', appVersion: 't' });
    expect(clone.id).not.toBe(runId);
    expect(clone.status).toBe('ready');
    expect(clone.source).toBeUndefined();
    expect(clone.config).toEqual({ ...src.config, generator: role, critic: role });
    expect(clone.personas).toEqual(src.personas);
    expect(clone.prompts).toEqual(src.prompts);
    expect(clone.manifest.plan.pairs).toBe(src.manifest.plan.pairs);
    await expect(cloneRun(store, 'nope', { kind: 'judges', judges: [role] }, { name: 'x', appVersion: 't' })).rejects.toThrow(/No run/);
    await expect(cloneRun(store, runId, { kind: 'judges', judges: [] }, { name: 'x', appVersion: 't' })).rejects.toThrow(/at least one/);
  });
});
