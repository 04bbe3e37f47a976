import { describe, expect, it } from 'vitest';
import { buildPlan, topicCounts } from '../../../../src/core/pipeline/plan';
import { makeRun } from '../../../../src/core/pipeline/create';
import { ScriptedClient } from '../../../doubles/scripted-client';
import { config, prompts } from './helpers';

const personas = [1, 2, 3].map((i) => ({ id: `p${i}`, text: `age: ${30 + i}` }));

describe('a run limited to some topics', () => {
  const cfg = config(new ScriptedClient(['x']));
  const all = prompts(24);

  it('samples prompts only from the chosen topics, the same ones for the same seed, and records the topics', () => {
    const plan = buildPlan('r', { ...cfg, topics: ['ethics'] }, personas, all);
    expect(plan.pairs.length).toBe(personas.length * 4);
    const byId = new Map(all.map((p) => [p.id, p]));
    expect(plan.pairs.every((p) => byId.get(p.promptId)!.topic === 'ethics')).toBe(true);
    expect(buildPlan('r', { ...cfg, topics: ['ethics'] }, personas, all)).toEqual(plan);
    expect(buildPlan('r', { ...cfg, seed: 2, topics: ['ethics'] }, personas, all).pairs.map((p) => p.promptId)).not.toEqual(
      plan.pairs.map((p) => p.promptId),
    );
    const run = makeRun({ name: 'n', config: { ...cfg, topics: ['ethics'] }, personas, prompts: all, appVersion: 't' });
    expect(run.manifest.config.topics).toEqual(['ethics']);
    // Another topic choice is other work: another run.
    expect(makeRun({ name: 'n', config: cfg, personas, prompts: all, appVersion: 't' }).id).not.toBe(run.id);
  });

  it('warns about a topic no prompt has, and has no pairs when none matches', () => {
    expect(buildPlan('r', { ...cfg, topics: ['ethics', 'sport'] }, personas, all).warnings[0]).toBe('No prompt has the topic "sport".');
    expect(() => makeRun({ name: 'n', config: { ...cfg, topics: ['sport'] }, personas, prompts: all, appVersion: 't' })).toThrow(
      /no pairs.*"sport"/,
    );
  });

  it('counts prompts per topic', () => {
    expect(topicCounts(all)).toEqual([
      { topic: 'politics', count: 12 },
      { topic: 'ethics', count: 12 },
    ]);
  });
});
