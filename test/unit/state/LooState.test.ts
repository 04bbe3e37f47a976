import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/core/llm/errors';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { PersonaLabDb } from '../../../src/db/database';
import { LooStore } from '../../../src/db/loo-store';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { LooState, looState } from '../../../src/state/LooState.svelte';
import { ScriptedClient, dpfResponder } from '../../doubles/scripted-client';

const dbs: PersonaLabDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});
const questions = [
  { id: 'q1', text: 'Should I move abroad?' },
  { id: 'q2', text: 'Is saving for retirement early worth it?' },
];

describe('LooState', () => {
  it('runs a design with the pipeline stages, stops on a backend failure, and resumes from stored judgements and calls', async () => {
    const db = new PersonaLabDb(`loo-${Math.random()}`);
    dbs.push(db);
    const calls = new DexiePipelineStore(db);
    const loo = new LooState(new LooStore(db), calls);
    await loo.load();
    await loo.create(
      'test',
      { personas: EXAMPLE_PERSONAS, attributes: ['age', 'religion'], perAttribute: 2, questions, seed: 's' },
      'scripted',
    );
    expect(loo.current!.status).toBe('ready');

    // The server goes away after 20 calls.
    const flaky = new ScriptedClient((r, n) => (n >= 20 ? new LlmError('network', 'http://127.0.0.1:1 is unreachable') : dpfResponder(r)));
    await loo.start(flaky);
    expect(loo.current!.status).toBe('failed');
    expect(loo.error).toMatch(/unreachable/);
    const partial = loo.judgements.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(16);

    const good = new ScriptedClient(dpfResponder);
    await loo.start(good);
    expect(loo.current!.status).toBe('done');
    expect(loo.judgements).toHaveLength(2 * 2 * 2 * 2);
    // Calls already answered were served from the one call cache.
    expect(good.requests.length).toBeLessThan(2 * 2 * 2 * 7);
    expect(await calls.cachedCalls()).toBe(20 + good.requests.length); // the flaky server answered 20 (its failures were retried, then stopped the run)
    expect(loo.boxes.map((b) => b.attribute)).toEqual(['age', 'religion']);
    expect(loo.csv().split('\r\n')[0]).toBe('attribute,pair,persona_id,kappa,questions,agreement');
  });

  it('marks a run left "running" by a reload as stopped, and is one state for the whole app', async () => {
    const db = new PersonaLabDb(`loo-${Math.random()}`);
    dbs.push(db);
    const store = new LooStore(db);
    const first = new LooState(store);
    await first.create('test', { personas: EXAMPLE_PERSONAS, attributes: ['age'], perAttribute: 1, questions, seed: 's' }, 'scripted');
    await store.setStatus(first.current!.id, 'running'); // as a page closed in the middle of the run leaves it
    const after = new LooState(store);
    await after.load();
    expect(after.current).toMatchObject({
      status: 'stopped',
      error: expect.stringMatching(/reloaded while it ran; start again to resume/),
    });
    const calls = new DexiePipelineStore(db);
    expect(looState(store, calls)).toBe(looState(new LooStore(db), calls));
  });

  it('imports judgements and reports bad files', async () => {
    const db = new PersonaLabDb(`loo-${Math.random()}`);
    dbs.push(db);
    const loo = new LooState(new LooStore(db));
    await loo.importFile(
      'j.csv',
      new TextEncoder().encode('attribute,pair,persona_id,question_id,judge,choice\nage,1,p,q1,without,with\nage,1,p,q1,with,with\n'),
    );
    expect(loo.current!.source).toBe('import');
    expect(loo.kappas).toEqual([{ attribute: 'age', unit: 0, personaId: 'p', kappa: null, questions: 1, agreement: 1 }]);
    await loo.importFile('bad.csv', 'attribute,pair,persona_id,question_id,judge,choice\n,1,p,q1,with,with\n');
    expect(loo.error).toBe('bad.csv was not imported (1 problem).');
    expect(loo.fileProblems.problems).toEqual([{ file: 'bad.csv', line: 2, field: 'attribute', message: 'attribute is empty' }]);
  });
});
