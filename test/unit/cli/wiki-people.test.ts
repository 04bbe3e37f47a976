import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPeopleFile } from '../../../src/cli/wiki/options';
import { famousCsv } from '../../../src/core/wiki/famous';
import { FileProblemsError, formatProblem } from '../../../src/core/records/problems';

describe('wiki --people-file through the record reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'people-'));

  it('reads people from JSON lines (BOM and all) and from the CSV the app exports', () => {
    const jsonl = join(dir, 'people.jsonl');
    writeFileSync(
      jsonl,
      '\uFEFF' + JSON.stringify({ name: 'Ada Lovelace', profession: 'mathematician', axes: ['gender: Female'] }) + '\r\n',
    );
    const [ada] = readPeopleFile(jsonl, new Set());
    expect(ada).toMatchObject({ name: 'Ada Lovelace', axes: [{ axis: 'gender', category: 'Female' }], custom: true });
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, famousCsv([ada!]));
    expect(readPeopleFile(csv, new Set())).toEqual([ada]);
  });

  it('refuses a file with problems, naming every line and field', () => {
    const path = join(dir, 'bad.jsonl');
    const lines = [
      JSON.stringify({ name: 'Grace Hopper' }),
      JSON.stringify({ name: 'Grace Hopper' }),
      '{"name":',
      'null',
      JSON.stringify({ name: 'X', axes: ['oops'] }),
    ];
    writeFileSync(path, lines.join('\n'));
    const err = (() => {
      try {
        readPeopleFile(path, new Set());
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FileProblemsError);
    expect((err as FileProblemsError).list.problems.map(formatProblem)).toEqual([
      'bad.jsonl, line 2, field "name": "Grace Hopper" is already in the set.',
      expect.stringMatching(/^bad\.jsonl, line 3: not valid JSON \(/),
      'bad.jsonl, line 4: the line is null, not a record (a JSON object)',
      'bad.jsonl, line 5, field "axes[0]": "oops" is not "axis: category".',
    ]);
  });
});
