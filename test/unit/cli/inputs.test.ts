import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPersonasJsonl, readPromptsFile } from '../../../src/cli/pipeline/inputs';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { problemLines } from '../../../src/core/records/problems';

const line = (o: unknown) => JSON.stringify(o);

describe('CLI run inputs (--personas, --prompts)', () => {
  it('reads the CLI files from disk: a BOM keeps the first record, the same prompt twice is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inputs-'));
    const personas = join(dir, 'personas.jsonl');
    writeFileSync(personas, '\uFEFF' + EXAMPLE_PERSONAS.map(line).join('\n') + '\n');
    expect(readPersonasJsonl(personas).personas).toHaveLength(EXAMPLE_PERSONAS.length);
    const prompts = join(dir, 'prompts.jsonl');
    const q = 'Should cities ban cars from their centres?';
    writeFileSync(prompts, '\uFEFF' + [line({ text: q, id: 'a' }), line({ text: q }), line({ text: 'Is it fair?', id: 'a' })].join('\n'));
    const r = readPromptsFile(prompts);
    expect(r.prompts.map((p) => p.id)).toEqual(['a']);
    expect(problemLines(r)).toEqual([
      'prompts.jsonl, line 2, field "text": the same text as line 1',
      'prompts.jsonl, line 3, field "id": duplicate id "a" (first on line 1)',
    ]);
  });

  it('exits 2 listing every problem when a run input has nothing usable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inputs-'));
    const personas = join(dir, 'bad.jsonl');
    writeFileSync(personas, ['null', line({ id: 'x', age: 'old' }), '{"id":'].join('\n'));
    const prompts = join(dir, 'prompts.jsonl');
    writeFileSync(prompts, line({ text: 'Is it fair?' }) + '\n');
    const args = [
      'run',
      '--endpoint',
      'http://127.0.0.1:9/v1',
      '--model',
      'm',
      '--personas',
      personas,
      '--prompts',
      prompts,
      '--out',
      join(dir, 'out'),
    ];
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'run: bad.jsonl, line 1: the line is null, not a record (a JSON object)',
      'run: bad.jsonl, line 2, field "age": expected number, received string',
      expect.stringMatching(/^run: bad\.jsonl, line 3: not valid JSON \(/),
    ]);
  }, 30_000);
});
