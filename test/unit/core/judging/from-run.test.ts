import { describe, expect, it } from 'vitest';
import { analyseJudges } from '../../../../src/core/judging/analysis';
import { labelSetFromRun } from '../../../../src/core/judging/from-run';
import { readPairs } from '../../../../src/core/pipeline/pairs';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from '../pipeline/helpers';

describe('a pipeline run as a label set (the seam to issue #4)', () => {
  it('gives two raters per judge (one per order), grouped, with lengths and orders', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm, {}, 2));
    await executeRun(runId, { store, clients: clientsOf(llm, 2), retryDelayMs: () => 0 });
    const run = (await store.getRun(runId))!;
    const set = await labelSetFromRun(run, readPairs(store, runId), 1);
    expect(set.categories).toEqual(['a', 'b']);
    expect(set.raters.map((r) => r.id)).toEqual([
      'judge 1: scripted:scripted-model · y_w first',
      'judge 1: scripted:scripted-model · y_l first',
      'judge 2: scripted:scripted-model · y_w first',
      'judge 2: scripted:scripted-model · y_l first',
    ]);
    expect(set.pairs).toHaveLength(12);
    expect(set.pairs.every((p) => p.lengthA! > 0 && p.lengthB! > 0)).toBe(true);
    // dpfResponder's judge always prefers the revision (y_w = "b"), in either order.
    expect([...set.choices].every((c) => c === 1)).toBe(true);
    // y_w shown first → shownFirst "b" (1); y_l shown first → "a" (0).
    expect(set.shownFirst[0]).toBe(1);
    expect(set.shownFirst[12]).toBe(0);
    const a = analyseJudges(set);
    // Everyone always picks y_w: kappa undefined (never 0), percent agreement 1.
    expect(a.pairwise.kappa[1]).toBeNull();
    expect(a.pairwise.percent[1]).toBe(1);
    // Bias pooled per judge over both orders: first-shown picked exactly half of the time.
    expect(a.bias!.map((b) => [b.rater, b.position.rate, b.pooled?.length])).toEqual([
      ['judge 1: scripted:scripted-model', 0.5, 2],
      ['judge 2: scripted:scripted-model', 0.5, 2],
    ]);
  });
});
