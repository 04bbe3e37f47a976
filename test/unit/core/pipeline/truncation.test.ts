import { describe, expect, it } from 'vitest';
import { labelSetFromRun } from '../../../../src/core/judging/from-run';
import { LlmError } from '../../../../src/core/llm/errors';
import { exportPairs, type TrlRecord } from '../../../../src/core/pipeline/export-formats';
import { JudgeTally, readPairs, readVerdicts, type PairView } from '../../../../src/core/pipeline/pairs';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { retryFailed } from '../../../../src/core/pipeline/run-scan';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { ScriptedClient, dpfResponder, templateOf } from '../../../doubles/scripted-client';
import { clientsOf, config, newRun, prompts } from './helpers';

const fast = { retryDelayMs: () => 0 };
const LONG = 'word '.repeat(5000);

async function pairs(store: MemoryStore, runId: string): Promise<PairView[]> {
  const out: PairView[] = [];
  for await (const p of readPairs(store, runId)) out.push(p);
  return out;
}

describe('answers cut off at the token limit in a run', () => {
  it('fails the pair as truncated, keeps its cut text out of the exports and the judge statistics, and asks again only on retry', async () => {
    const longFor = 'age: 21'; // persona-1's critiques quote it, so its revision prompts hold it
    let cutRevisions = true;
    const llm = new ScriptedClient((r) => {
      const user = r.messages.at(-1)!.content;
      if (templateOf(r) === 'revise' && user.includes(longFor) && cutRevisions) return `REVISED PREFERENCE: ${LONG}`;
      return dpfResponder(r);
    });
    const store = new MemoryStore();
    const runId = await newRun(store, config(llm));
    const out = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    const cut = (await pairs(store, runId)).filter((p) => p.truncated);
    expect(cut.length).toBeGreaterThan(0);
    expect(out.pairs.failed).toBe(cut.length);
    for (const p of cut) {
      expect(p.truncated).toEqual(['revise']);
      expect(p.status).toBe('failed');
      expect(p.yw).toBeUndefined();
      expect(p.error).toMatch(/cut off at the token limit/);
    }
    // the revision was asked twice per pair: the role's budget, then twice that
    const budgets = llm.requests.filter((r) => templateOf(r) === 'revise' && r.messages.at(-1)!.content.includes(longFor));
    expect(budgets.map((r) => r.max_tokens).sort()).toEqual([...cut.map(() => 1024), ...cut.map(() => 2048)]);
    expect(out.counters.truncatedOutputs).toBe(2 * cut.length);
    const lines: TrlRecord[] = [];
    await exportPairs(store, runId, 'trl', (chunk) => {
      for (const l of chunk.trim().split('\n')) if (l) lines.push(JSON.parse(l) as TrlRecord);
    });
    expect(lines).toHaveLength(12 - cut.length);
    expect(lines.every((l) => !l.chosen.includes('word word'))).toBe(true);

    // resuming does not ask again (the same budget would be cut again); retryFailed does
    const sent = llm.requests.length;
    await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(llm.requests.length).toBe(sent);
    cutRevisions = false;
    expect(await retryFailed(store, runId)).toBe(cut.length);
    const again = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(again.pairs.done).toBe(12);
    expect((await pairs(store, runId)).some((p) => p.truncated)).toBe(false);
  });

  it('leaves a pair with a cut-off verdict out of the judge statistics unless asked, in the pipeline and the label set alike', async () => {
    const cutPrompt = prompts(12)[1]!.text;
    const llm = new ScriptedClient((r) => {
      const user = r.messages.at(-1)!.content;
      if (templateOf(r) === 'judge' && user.includes(cutPrompt) && /ANSWER A:\nA short/.test(user))
        return `{"preferred": "A", "reason": "${LONG}"}`;
      return dpfResponder(r);
    });
    const store = new MemoryStore();
    const runId = await newRun(store, config(llm));
    await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    const all = await pairs(store, runId);
    const cut = all.filter((p) => p.truncated);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.every((p) => p.truncated!.join() === 'judge:0:wl' && p.yw && p.verdicts[0]!.lw && !p.verdicts[0]!.wl)).toBe(true);

    const tally = new JudgeTally();
    all.forEach((p) => tally.add(p));
    expect(tally.leftOut).toBe(cut.length);
    expect(tally.finish()[0]!.verdicts).toBe(2 * (all.length - cut.length));
    const every = new JudgeTally({ includeTruncated: true });
    all.forEach((p) => every.add(p));
    expect(every.finish()[0]!.verdicts).toBe(2 * all.length - cut.length);

    const run = (await store.getRun(runId))!;
    expect((await labelSetFromRun(run, all, 1)).pairs).toHaveLength(all.length - cut.length);
    expect((await labelSetFromRun(run, all, 1, { includeTruncated: true })).pairs).toHaveLength(all.length);
    let rows = 0;
    for await (const _ of readVerdicts(store, runId)) rows++;
    expect(rows).toBe(2 * (all.length - cut.length));
  });

  it('fails a pair at once, with the hint, when the backend refuses the request as it is, and does not ask again on resume', async () => {
    const overflow = prompts(12)[0]!.text;
    const llm = new ScriptedClient((r) => {
      if (templateOf(r) === 'critique' && r.messages.at(-1)!.content.includes(overflow))
        return new LlmError('context-overflow', 'The prompt does not fit the context window of 2048 tokens.', {
          hint: 'Use a model with a longer context.',
        });
      return dpfResponder(r);
    });
    const store = new MemoryStore();
    const runId = await newRun(store, config(llm));
    const out = await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    const failed = (await pairs(store, runId)).filter((p) => p.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(out.pairs.failed).toBe(failed.length);
    expect(failed.every((p) => /context window of 2048 tokens\. Use a model with a longer context\./.test(p.error ?? ''))).toBe(true);
    const critiques = () =>
      llm.requests.filter((r) => templateOf(r) === 'critique' && r.messages.at(-1)!.content.includes(overflow)).length;
    expect(critiques()).toBe(failed.length);
    await executeRun(runId, { store, clients: clientsOf(llm), ...fast });
    expect(critiques()).toBe(failed.length);
  });
});
