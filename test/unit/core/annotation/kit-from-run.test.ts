import { describe, expect, it } from 'vitest';
import { fittingKitSize, kitCapacity, kitDraftFromPairs, kitFitProblem } from '../../../../src/core/annotation/kit-from-run';
import { makeKit } from '../../../../src/core/annotation/kit';
import { readKitPairsFile } from '../../../../src/core/annotation/pairs-file';
import { FileProblemsError, formatProblem } from '../../../../src/core/records/problems';
import { readPairs, type PairView } from '../../../../src/core/pipeline/pairs';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun } from '../pipeline/helpers';

describe('kits', () => {
  it('from a run: personas with enough finished pairs, seeded, y_l as a and y_w as b', async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm), 5, 12);
    await executeRun(runId, { store, clients: clientsOf(llm), retryDelayMs: () => 0 });
    const pairs: PairView[] = [];
    for await (const p of readPairs(store, runId)) pairs.push(p);
    const { draft, eligible } = kitDraftFromPairs(pairs, { title: 'Class', personas: 3, perPersona: 2, seed: 's', createdAt: 'now' });
    expect(eligible).toBe(5);
    expect(draft.personas).toHaveLength(3);
    expect(draft.items).toHaveLength(6);
    const item = draft.items[0]!;
    const pair = pairs.find((p) => p.id === item.pairId)!;
    expect(item).toEqual({ pairId: pair.id, personaId: pair.personaId, question: pair.prompt, responseA: pair.yl, responseB: pair.yw });
    expect(kitDraftFromPairs(pairs, { title: 'Class', personas: 3, perPersona: 2, seed: 's', createdAt: 'later' }).draft.items).toEqual(
      draft.items,
    );
    expect(makeKit(draft).items).toHaveLength(6);
  });

  it("fit the run: usable pairs counted per persona, the paper's default lowered to fit or the gap named", async () => {
    const store = new MemoryStore();
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm), 4, 3);
    const before: PairView[] = [];
    for await (const p of readPairs(store, runId)) before.push(p);
    const none = kitCapacity(before);
    expect(none.pairs).toBe(0);
    expect(kitFitProblem(none, { personas: 20, perPersona: 10 })).toBe('This run has no finished pairs yet: finish the run first.');
    await executeRun(runId, { store, clients: clientsOf(llm), retryDelayMs: () => 0 });
    const pairs: PairView[] = [];
    for await (const p of readPairs(store, runId)) pairs.push(p);
    const cap = kitCapacity(pairs);
    expect(cap.perPersona).toEqual([3, 3, 3, 3]);
    expect(kitFitProblem(cap, { personas: 20, perPersona: 10 })).toBe(
      'This run has 4 personas with finished pairs (3 each at most; 0 personas with 10); a kit of 20 personas × 10 questions needs 20 with 10 each: ' +
        'lower the counts (at most 4 personas × 3 questions) or finish the run.',
    );
    const fit = fittingKitSize(cap);
    expect(fit).toEqual({ personas: 4, perPersona: 3 });
    expect(kitFitProblem(cap, fit)).toBeNull();
    expect(kitDraftFromPairs(pairs, { title: 'k', seed: 's', createdAt: 'now', ...fit }).draft.items).toHaveLength(12);
    // A pair whose y_w failed is not usable; judged-only counts pairs with every judge's two verdicts.
    const broken = pairs.map((p, i) => (i === 0 ? { ...p, status: 'failed' as const, yw: undefined } : p));
    expect(kitCapacity(broken).perPersona).toEqual([3, 3, 3, 2]);
    expect(kitCapacity(pairs, true).pairs).toBe(
      pairs.filter((p) => p.verdicts.length && p.verdicts.every((v) => v.outcome !== 'incomplete')).length,
    );
  });

  it('from a pairs file, with every problem named by file, line and field', async () => {
    const head = 'pair_id,persona_id,persona,question,response_a,response_b';
    const csv = [head, 'p1,A,age: 30,Q?,x,y', 'p2,A,age: 31,Q?,x,y', 'p1,B,age: 50,,x,y', ''].join('\r\n');
    const err = await readKitPairsFile('pairs.csv', csv, 'k', 'now').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileProblemsError);
    expect((err as FileProblemsError).list.problems.map(formatProblem)).toEqual([
      'pairs.csv, line 3, field "persona": persona "A" is described differently than on line 2',
      'pairs.csv, line 4, field "question": question is empty',
    ]);
    const ok = await readKitPairsFile('pairs.csv', '\uFEFF' + [head, 'p1,A,age: 30,Q?,x,y'].join('\n'), 'k', 'now');
    expect(ok.personas).toEqual([{ id: 'A', description: 'age: 30' }]);
    const jsonl = JSON.stringify({ pair_id: 1, persona_id: 'A', persona: 'p', question: 'Q?', response_a: 'x', response_b: 'y' });
    expect((await readKitPairsFile('p.jsonl', `${jsonl}\n\n`, 'k', 'now')).items[0]!.pairId).toBe('1');
    await expect(readKitPairsFile('p.jsonl', `${jsonl}\n[1]\n${jsonl}\n`, 'k', 'now')).rejects.toThrow(
      'p.jsonl, line 2: the line is an array, not a record (a JSON object) (and 1 more problem)',
    );
  });
});
