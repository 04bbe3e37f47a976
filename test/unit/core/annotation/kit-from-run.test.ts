import { describe, expect, it } from 'vitest';
import { kitDraftFromPairs } from '../../../../src/core/annotation/kit-from-run';
import { makeKit } from '../../../../src/core/annotation/kit';
import { jsonlRows, kitDraftFromRows, PairsFileError } from '../../../../src/core/annotation/pairs-file';
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

  it('from a pairs file, with every problem named by row', () => {
    const rows = [
      { pair_id: 'p1', persona_id: 'A', persona: 'age: 30', question: 'Q?', response_a: 'x', response_b: 'y' },
      { pair_id: 'p2', persona_id: 'A', persona: 'age: 31', question: 'Q?', response_a: 'x', response_b: 'y' },
      { pair_id: 'p1', persona_id: 'B', persona: 'age: 50', question: '', response_a: 'x', response_b: 'y' },
    ];
    expect(() => kitDraftFromRows(rows, 'k', 'now')).toThrow(PairsFileError);
    expect(() => kitDraftFromRows(rows, 'k', 'now')).toThrow(
      /row 3: persona "A" is described differently than on an earlier row; row 4: question is empty/,
    );
    const ok = kitDraftFromRows(rows.slice(0, 1), 'k', 'now');
    expect(ok.personas).toEqual([{ id: 'A', description: 'age: 30' }]);
    expect(jsonlRows('{"a":1}\n\n{"b":2}')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => jsonlRows('[1]')).toThrow(/line 1 is not a JSON object/);
  });
});
