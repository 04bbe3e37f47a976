import { describe, expect, it } from 'vitest';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';
import { readRunPersonas } from '../../../../src/core/pipeline/personas-input';
import { FileProblemsError, formatProblem } from '../../../../src/core/records/problems';

const line = (o: unknown) => JSON.stringify(o);

describe('run personas (the CLI --personas and the Runs page persona file)', () => {
  it('reads full and loose personas, type-checks every attribute, and refuses repeated ids with the line', async () => {
    const full = EXAMPLE_PERSONAS[0]!;
    const text = [
      '\uFEFF' + line(full),
      line({ id: 'loose', age: 40, occupation: 'ignored', religion: 'Buddhist' }),
      line({ id: 'typed', age: 'forty', religion: 'None' }),
      line({ id: 'empty' }),
      line({ id: full.id, age: 30 }),
      'null',
      '{"id": "cut',
    ].join('\r\n');
    const r = await readRunPersonas('people.jsonl', text);
    expect(r.personas.map((p) => p.id)).toEqual([full.id, 'loose']);
    expect(r.personas[1]!.text).toMatch(/Age: 40|age: 40/i);
    expect(r.problems.map(formatProblem)).toEqual([
      'people.jsonl, line 3, field "age": expected number, received string',
      'people.jsonl, line 4: no persona attribute (expected keys such as age, sex, race)',
      `people.jsonl, line 5, field "id": duplicate id "${full.id}" (first on line 1)`,
      'people.jsonl, line 6: the line is null, not a record (a JSON object)',
      expect.stringMatching(/^people\.jsonl, line 7: not valid JSON \(unterminated string at column \d+\)$/),
    ]);
    await expect(readRunPersonas('none.jsonl', 'null\n')).rejects.toThrow(FileProblemsError);
    await expect(readRunPersonas('none.jsonl', '\n')).rejects.toThrow('none.jsonl: the file holds no personas');
  });
});
