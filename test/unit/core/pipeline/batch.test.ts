import { formatProblem } from '../../../../src/core/records/problems';
import { describe, expect, it } from 'vitest';
import { batchManifest, collectBatch, importBatchOutput, type BatchRequestLine } from '../../../../src/core/pipeline/batch';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { UnavailableClient } from '../../../../src/core/pipeline/judge-run';
import type { GenerateRequest } from '../../../../src/core/llm/types';
import { dpfResponder } from '../../../doubles/scripted-client';
import { config, newRun } from './helpers';

/** Answers a batch file the way vLLM run-batch would (new format), with one failed line. */
function answer(lines: BatchRequestLine[], failFirst: boolean, oldVllm = false): string {
  return lines
    .map((l, i) => {
      if (failFirst && i === 0)
        return JSON.stringify({
          id: 'x',
          custom_id: l.custom_id,
          response: { status_code: 500, request_id: 'r', body: null },
          error: 'engine died',
        });
      const body = l.body as { messages: GenerateRequest['messages'] };
      const completion = {
        id: 'c',
        object: 'chat.completion',
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: dpfResponder({ messages: body.messages }) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      };
      return JSON.stringify({
        id: `vllm-${i}`,
        custom_id: l.custom_id,
        response: oldVllm ? completion : { status_code: 200, request_id: `r${i}`, body: completion },
        error: null,
      });
    })
    .join('\n');
}

describe('batch export and import', () => {
  it('goes stage by stage through request files and output files, joined on custom_id', async () => {
    const store = new MemoryStore();
    const ref = { backend: 'openai-http', model: 'm' };
    const client = new UnavailableClient(ref, true);
    const cfg = config(client);
    const runId = await newRun(store, cfg);
    const clients = { generator: client, critic: client, judges: [client] };
    const seenStages: string[] = [];
    const manifests = [];
    for (let round = 0; round < 8; round++) {
      const { lines, stages, outcome } = await collectBatch(runId, store, clients);
      if (lines.length === 0) {
        expect(outcome.status).toBe('done');
        break;
      }
      expect(outcome.status).toBe('waiting');
      seenStages.push(Object.keys(stages).join('+'));
      for (const l of lines) {
        expect(l).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
        expect(l.body.model).toBe('m');
        expect(l.body.stream).toBeUndefined();
      }
      const m = batchManifest(`batch-${round}`, runId, `batch-${round}.jsonl`, lines, stages);
      manifests.push(m);
      const r = await importBatchOutput(
        store,
        manifests,
        '\uFEFF' + answer(lines, round === 1, round === 2) + '\n{"custom_id":"nobody"}\nnot json\nnull\n{"response":{}}',
        'out.jsonl',
      );
      expect(r.imported).toBe(lines.length - (round === 1 ? 1 : 0));
      expect(r.unknown).toBe(1);
      // A BOM does not cost the first line; a damaged, null or id-less line is a problem of its own line.
      expect(r.problems.map(formatProblem)).toEqual([
        `out.jsonl, line ${lines.length + 2}: not valid JSON (unexpected token 'o')`,
        `out.jsonl, line ${lines.length + 3}: the line is null, not a record (a JSON object)`,
        `out.jsonl, line ${lines.length + 4}, field "custom_id": no custom_id`,
      ]);
      if (round === 1) expect(r.failed[0]!.message).toBe('engine died');
    }
    // base, critique, revise, then both judge orders; the failed critique line comes back in the next file
    expect(seenStages).toEqual(['base', 'critique', 'critique+revise', 'revise+judge', 'judge']);
    const done = await executeRun(runId, { store, clients });
    expect(done.pairs.done).toBe(12);
    expect(done.session.requests).toBe(0);
    const judgeLine = manifests.flatMap((m) => m.customIds).length;
    expect(judgeLine).toBeGreaterThan(0);
  });

  it('is linear in pairs: a shared base answer is read and deferred once, and pairs waiting on a batch are not written', async () => {
    /** A MemoryStore that counts reads and writes per item. */
    class CountingStore extends MemoryStore {
      readonly reads = new Map<string, number>();
      readonly writes = new Map<string, number>();
      override async getItem(id: string) {
        this.reads.set(id, (this.reads.get(id) ?? 0) + 1);
        return super.getItem(id);
      }
      override async checkpoint(...args: Parameters<MemoryStore['checkpoint']>) {
        const id = args[0]?.id;
        if (id) this.writes.set(id, (this.writes.get(id) ?? 0) + 1);
        return super.checkpoint(...args);
      }
    }
    const store = new CountingStore();
    const client = new UnavailableClient({ backend: 'openai-http', model: 'm' }, true);
    const runId = await newRun(store, config(client, { plan: { train: 1, seenTest: 1, heldout: 1 } }), 40, 4);
    const clients = { generator: client, critic: client, judges: [client] };
    const streamed: BatchRequestLine[] = [];
    const first = await collectBatch(runId, store, clients, { onLine: (l) => streamed.push(l) });
    expect(first.lines).toEqual([]); // handed to onLine instead of kept
    expect(streamed.map((l) => l.custom_id)).toEqual(first.customIds);
    expect(first.customIds).toHaveLength(4); // one base answer per prompt for 120 pairs
    expect(first.outcome.pairs).toMatchObject({ total: 120, waiting: 120 });
    expect(store.writes.size).toBe(0);
    expect(batchManifest('b', runId, 'f', first, first.stages)).toMatchObject({ count: 4, models: ['m'], stages: { base: 4 } });
    await importBatchOutput(store, [batchManifest('b', runId, 'f', streamed, first.stages)], answer(streamed, false), 'o');
    store.reads.clear();
    const second = await collectBatch(runId, store, clients);
    expect(second.customIds).toHaveLength(120); // one critique per pair
    const slotReads = [...store.reads].filter(([id]) => id.includes(':yl:'));
    expect(slotReads.every(([, n]) => n <= 1)).toBe(true); // each shared y_l read once, not once per pair
    expect([...store.writes.keys()].every((id) => id.includes(':yl:'))).toBe(true); // only the 4 slots, made from the cache
  });
});
