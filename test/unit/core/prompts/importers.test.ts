import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import {
  ImportError,
  detectFormat,
  readPromptFile,
  readPromptsCsv,
  readPromptsJson,
  readPromptsJsonl,
  readPromptsParquet,
} from '../../../../src/core/prompts/importers';
import { countByTopic, ruleFilter } from '../../../../src/core/prompts/filters';
import { splitByTopic } from '../../../../src/core/prompts/split';
import { tinyParquet } from '../../../fixtures/tiny-parquet';

describe('prompt importers', () => {
  it('reads our prompts.jsonl and PRISM conversations.jsonl, naming bad lines', () => {
    const text = [
      '{"text":"Should voting be compulsory for everyone?","id":"v1","topic":"politics","split":"test"}',
      '{"conversation_id":"c1","opening_prompt":"Who is right in the war, and why?","conversation_history":[{"role":"user","content":"x"}]}',
      'not json',
      '{"foo":"bar"}',
      '',
    ].join('\n');
    const r = readPromptsJsonl(text, 'conversations.jsonl');
    expect(r.prompts).toEqual([
      { id: 'v1', text: 'Should voting be compulsory for everyone?', topic: 'politics', split: 'heldout' },
      expect.objectContaining({ text: 'Who is right in the war, and why?', topic: 'politics' }),
    ]);
    expect(r.skipped).toBe(2);
    expect(r.problems[0]).toBe('conversations.jsonl line 3: not JSON');
    expect(r.problems[1]).toMatch(/^conversations\.jsonl line 4: no text field/);
  });

  it('reads a JSON array of strings and refuses a non-array', () => {
    expect(readPromptsJson('["Is it okay to lie sometimes?", "Hello"]', 'a.json').prompts).toHaveLength(2);
    expect(() => readPromptsJson('{"a":1}', 'a.json')).toThrow(/a\.json: expected a JSON array/);
    expect(() => readPromptsJson('[1, 2]', 'a.json')).toThrow(ImportError);
    expect(() => readPromptsJson('[', 'a.json')).toThrow(/a\.json: not valid JSON/);
  });

  it('reads CSV with a named text column or the first column', () => {
    const named = readPromptsCsv('id,question,topic\nq1,"Is it fair, really?",ethics\n', 'p.csv');
    expect(named.prompts).toEqual([{ id: 'q1', text: 'Is it fair, really?', topic: 'ethics' }]);
    const first = readPromptsCsv('\uFEFFmy prompts\nShould we tax meat?\n', 'p.csv');
    expect(first.prompts[0]?.text).toBe('Should we tax meat?');
  });

  it('reads Parquet (written here with a minimal encoder) and names a missing text column', async () => {
    const bytes = tinyParquet('opening_prompt', ['Should we tax meat?', 'Is AI good for us?']);
    const r = await readPromptsParquet(bytes, 'p.parquet');
    expect(r.prompts.map((p) => p.text)).toEqual(['Should we tax meat?', 'Is AI good for us?']);
    await expect(readPromptsParquet(tinyParquet('body', ['x']), 'q.parquet')).rejects.toThrow(/q\.parquet: no text column .*found body/);
    await expect(readPromptsParquet(new Uint8Array([1, 2, 3]).buffer, 'bad.parquet')).rejects.toThrow(
      /bad\.parquet: not a readable Parquet file/,
    );
    expect(detectFormat('x.bin', new Uint8Array(bytes))).toBe('parquet');
    expect((await readPromptFile(new Uint8Array(bytes), 'x.parquet')).prompts).toHaveLength(2);
  });

  const PRISM = '../shared/data/prism/prism_opening_prompts.json';
  it.skipIf(!existsSync(PRISM))(`reads PRISM's opening prompts and applies the paper's rule filters (${PRISM})`, () => {
    const r = readPromptsJson(readFileSync(PRISM, 'utf8'), 'prism_opening_prompts.json');
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
