import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { executeRun } from '../../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { exportPairs, type TrlRecord } from '../../../../src/core/pipeline/export-formats';
import { importPairsRun, readPairsFile } from '../../../../src/core/pipeline/import-pairs';
import { JudgeTally, readPairs, readVerdicts } from '../../../../src/core/pipeline/pairs';
import { createJudgeRun, UnavailableClient } from '../../../../src/core/pipeline/judge-run';
import { DEFAULT_SAMPLING } from '../../../../src/core/pipeline/config';
import { ScriptedClient, dpfResponder, templateOf } from '../../../doubles/scripted-client';
import { formatProblem } from '../../../../src/core/records/problems';
import { clientsOf, config, newRun } from './helpers';

async function finishedRun() {
  const store = new MemoryStore();
  const llm = new ScriptedClient(dpfResponder);
  const runId = await newRun(store, config(llm));
  await executeRun(runId, { store, clients: clientsOf(llm), retryDelayMs: () => 0 });
  return { store, runId, llm };
}

async function collect(store: MemoryStore, runId: string, format: 'trl' | 'persona' | 'csv') {
  let text = '';
  const n = await exportPairs(store, runId, format, (c) => void (text += c));
  return { n, text };
}

describe('pair exports and imports', () => {
  it('exports TRL JSONL with plain texts and the extra fields', async () => {
    const { store, runId } = await finishedRun();
    const { n, text } = await collect(store, runId, 'trl');
    expect(n).toBe(12);
    const rec = JSON.parse(text.split('\n')[0]!) as TrlRecord;
    expect(Object.keys(rec).slice(0, 9)).toEqual([
      'prompt',
      'chosen',
      'rejected',
      'persona_id',
      'persona',
      'prompt_id',
      'topic',
      'split',
      'models',
    ]);
    expect(rec.chosen).toMatch(/^A short, tailored answer \(\d+\)\.$/);
    expect(rec.chosen).not.toMatch(/REVISED|DONE/);
    expect(rec.rejected).toMatch(/^A balanced general answer/);
    expect(rec.models).toEqual({
      generator: 'scripted:scripted-model',
      critic: 'scripted:scripted-model',
      judges: ['scripted:scripted-model'],
    });
    expect(rec.verdicts).toEqual([{ model: 'scripted:scripted-model', yw_first: 'yw', yl_first: 'yw' }]);
  });

  it('exports the PERSONA columns and CSV, and imports all three formats back', async () => {
    const { store, runId } = await finishedRun();
    const persona = await collect(store, runId, 'persona');
    expect(Object.keys(JSON.parse(persona.text.split('\n')[0]!))).toEqual([
      'persona',
      'instruction',
      'original',
      'critique',
      'data',
      'question type',
    ]);
    const csv = await collect(store, runId, 'csv');
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(12);
    expect(rows[0]!.persona).toContain('\n'); // multi-line fields survive quoting
    const trl = await collect(store, runId, 'trl');
    for (const [text, name] of [
      [trl.text, 'x.trl.jsonl'],
      [persona.text, 'x.persona.jsonl'],
      [csv.text, 'x.csv'],
    ] as const) {
      const file = await readPairsFile(name, text);
      expect(file.pairs).toHaveLength(12);
      const run = await importPairsRun(store, file, { name, appVersion: 't', source: name });
      const again = await collect(store, run.id, 'trl');
      const a = trl.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as TrlRecord)
        .map((r) => [r.prompt, r.chosen, r.rejected].join('|'))
        .sort();
      const b = again.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as TrlRecord)
        .map((r) => [r.prompt, r.chosen, r.rejected].join('|'))
        .sort();
      expect(b).toEqual(a);
    }
    await expect(readPairsFile('bad.jsonl', '{"prompt":"x"}\n')).rejects.toThrow(
      'bad.jsonl, line 1, field "chosen": no chosen (or data) (and 1 more problem)',
    );
  });

  it('neutralises formulas in the CSV export and reads them back as they were; repeated pairs are named', async () => {
    const store = new MemoryStore();
    const evil = '=HYPERLINK("http://evil.example","click")';
    const llm = new ScriptedClient((r) => (templateOf(r) === 'base' ? evil : dpfResponder(r)));
    const runId = await newRun(store, config(llm));
    await executeRun(runId, { store, clients: clientsOf(llm), retryDelayMs: () => 0 });
    const csv = await collect(store, runId, 'csv');
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const back = await readPairsFile('x.csv', csv.text);
    expect(back.pairs.every((p) => p.yl === evil)).toBe(true);
    const lines = csv.text.split('\r\n');
    const twice = await readPairsFile('twice.csv', [lines[0], lines[1], lines[1], ''].join('\r\n'));
    expect(twice.pairs).toHaveLength(1);
    // The persona cell holds a line break, so the repeated record starts on physical line 4.
    expect(twice.problems.map(formatProblem)).toEqual([
      'twice.csv, line 4: the pair of persona "persona-0" and prompt "q1" again (first on line 2)',
    ]);
  });

  it('judges an existing run with another judge without remaking y_l, critique or revision', async () => {
    const { store, runId } = await finishedRun();
    const judgeLlm = new ScriptedClient(
      (r) => (templateOf(r) === 'judge' ? '{"preferred":"A","reason":"first is fine"}' : 'should not be called'),
      { model: 'other-judge' },
    );
    const run = await createJudgeRun(store, {
      sourceRunId: runId,
      judges: [{ model: { backend: 'scripted', model: 'other-judge' }, sampling: DEFAULT_SAMPLING.judge }],
      name: 'j',
      appVersion: 't',
    });
    const src = (await store.getRun(runId))!;
    const gen = new UnavailableClient(src.config.generator.model);
    const out = await executeRun(run.id, { store, clients: { generator: gen, critic: gen, judges: [judgeLlm] } });
    expect(out.pairs.done).toBe(12);
    expect(judgeLlm.requests.every((r) => templateOf(r) === 'judge')).toBe(true);
    expect(judgeLlm.requests).toHaveLength(24);
    const tally = new JudgeTally();
    for await (const p of readPairs(store, run.id)) tally.add(p);
    // always "A": y_w wins when shown first, loses when shown second → every pair disagrees across orders
    expect(tally.finish()).toEqual([
      {
        judge: 0,
        model: 'scripted:other-judge',
        verdicts: 24,
        ywWins: 12,
        ywWinRate: 0.5,
        pairsBothOrders: 12,
        disagreements: 12,
        disagreementRate: 1,
      },
    ]);
    const rows = [];
    for await (const v of readVerdicts(store, run.id)) rows.push(v);
    expect(rows).toHaveLength(24);
    expect(rows[0]).toMatchObject({ runId: run.id, judge: 0, judgeModel: 'scripted:other-judge', choice: 'A' });
  });
});
