import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { readPromptFile } from '../../../../src/core/prompts/importers';
import { countByTopic, ruleFilter } from '../../../../src/core/prompts/filters';
import { splitByTopic } from '../../../../src/core/prompts/split';
import { FileProblemsError, formatProblem } from '../../../../src/core/records/problems';
import { tinyParquet } from '../../../fixtures/tiny-parquet';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string, name: string, sameText?: 'keep' | 'reject') =>
  readPromptFile(bytes(text), name, undefined, sameText ? { sameText } : {});

describe('prompt importers', () => {
  it('reads our prompts.jsonl and PRISM conversations.jsonl, naming bad lines by file, line and field', async () => {
    const text = [
      '\uFEFF{"text":"Should voting be compulsory for everyone?","id":"v1","topic":"politics","split":"test"}',
      '{"conversation_id":"c1","opening_prompt":"Who is right in the war, and why?","conversation_history":[{"role":"user","content":"x"}]}',
      'not json',
      '{"foo":"bar"}',
      'null',
      '{"text":"Is it fair?","id":"v1"}',
      '{"text":"Is it fair?","split":"validation"}',
      '{"text":"   "}',
      '',
    ].join('\r\n');
    const r = await read(text, 'conversations.jsonl');
    expect(r.prompts).toEqual([
      { id: 'v1', text: 'Should voting be compulsory for everyone?', topic: 'politics', split: 'heldout' },
      expect.objectContaining({ text: 'Who is right in the war, and why?', topic: 'politics' }),
    ]);
    expect(r.total).toBe(6);
    expect(r.problems.map(formatProblem)).toEqual([
      "conversations.jsonl, line 3: not valid JSON (unexpected token 'o')",
      expect.stringMatching(/^conversations\.jsonl, line 4: no text field/),
      'conversations.jsonl, line 5: the line is null, not a record or a string',
      'conversations.jsonl, line 6, field "id": duplicate id "v1" (first on line 1)',
      'conversations.jsonl, line 7, field "split": "validation" is not a split (train or heldout)',
      'conversations.jsonl, line 8, field "text": the text is empty',
    ]);
  });

  it('keeps the same text twice for the duplicate filter, or refuses it for a run', async () => {
    const text = '{"text":"Is lying ever right?"}\n{"text":"is lying  ever right?"}\n';
    expect((await read(text, 'p.jsonl')).prompts).toHaveLength(2);
    const run = await read(text, 'p.jsonl', 'reject');
    expect(run.prompts).toHaveLength(1);
    expect(run.problems.map(formatProblem)).toEqual(['p.jsonl, line 2, field "text": the same text as line 1']);
  });

  it('reads a JSON array of strings by item, and refuses a file with no prompt', async () => {
    expect((await read('["Is it okay to lie sometimes?", "Hello"]', 'a.json')).prompts).toHaveLength(2);
    await expect(read('{"a":1}', 'a.json')).rejects.toThrow(/^a\.json, line 1: no text field/);
    await expect(read('[1, 2]', 'a.json')).rejects.toThrow(FileProblemsError);
    await expect(read('[1, 2]', 'a.json')).rejects.toThrow(
      'a.json, item 1: the item is a number, not a record or a string (and 1 more problem)',
    );
    await expect(read('[', 'a.json')).rejects.toThrow(/^a\.json: not valid JSON/);
    await expect(read('\n', 'e.jsonl')).rejects.toThrow('e.jsonl: the file holds no prompts');
  });

  it('reads CSV with a named text column or the first column', async () => {
    const named = await read('id,question,topic\nq1,"Is it fair, really?",ethics\n', 'p.csv');
    expect(named.prompts).toEqual([{ id: 'q1', text: 'Is it fair, really?', topic: 'ethics' }]);
    const first = await read('\uFEFFmy prompts\r\nShould we tax meat?\r\n', 'p.csv');
    expect(first.prompts[0]?.text).toBe('Should we tax meat?');
  });

  it('reads Parquet (written here with a minimal encoder) and names a missing text column', async () => {
    const pq = new Uint8Array(tinyParquet('opening_prompt', ['Should we tax meat?', 'Is AI good for us?']));
    const r = await readPromptFile(pq, 'p.parquet');
    expect(r.prompts.map((p) => p.text)).toEqual(['Should we tax meat?', 'Is AI good for us?']);
    await expect(readPromptFile(new Uint8Array(tinyParquet('body', ['x'])), 'q.parquet')).rejects.toThrow(
      /q\.parquet: no text column .*found body/,
    );
    await expect(readPromptFile(new Uint8Array([1, 2, 3]), 'bad.parquet')).rejects.toThrow(/bad\.parquet: not a readable Parquet file/);
    expect((await readPromptFile(pq, 'x.bin')).prompts).toHaveLength(2);
  });

  const PRISM = '../shared/data/prism/prism_opening_prompts.json';
  it.skipIf(!existsSync(PRISM))(`reads PRISM's opening prompts and applies the paper's rule filters (${PRISM})`, async () => {
    const r = await readPromptFile(readFileSync(PRISM), 'prism_opening_prompts.json');
    expect(r.prompts.length).toBe(8011);
    const { prompts, report } = ruleFilter(r.prompts);
    // Rule filters only; the paper's LLM controversy filter then kept 3,868.
    console.log(
      `PRISM rule filters: ${report.input} in, ${report.kept} kept, dropped ${JSON.stringify(report.dropped)}; topics ${JSON.stringify(Object.fromEntries(countByTopic(prompts)))}`,
    );
    expect(report.kept).toBeGreaterThan(3868);
    expect(report.kept).toBeLessThan(7811);
    expect(prompts.every((p) => p.text.includes('?'))).toBe(true);
    const split = splitByTopic(prompts, { seed: 1 });
    expect(split.filter((p) => p.split === 'heldout').length).toBe(Math.round(prompts.length * (868 / 3868)));
  });
});

if (!existsSync('../shared/data/prism/prism_opening_prompts.json')) {
  console.warn('Skipping the PRISM importer test: ../shared/data/prism/prism_opening_prompts.json is absent.');
}
