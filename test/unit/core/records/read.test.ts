import { describe, expect, it } from 'vitest';
import { detectFormat, readRecords, readTextRecords } from '../../../../src/core/records/read';
import { JsonlLines, readJsonDocument } from '../../../../src/core/records/json-text';
import { formatProblem, ProblemLog, PROBLEM_CAP, problemLines } from '../../../../src/core/records/problems';
import { tinyParquet } from '../../../fixtures/tiny-parquet';

const lines = (r: { log: ProblemLog }) => r.log.list().problems.map(formatProblem);

describe('the record reader', () => {
  it('reads JSON lines with their line numbers: BOM stripped, CRLF handled, blank lines skipped', () => {
    const r = readTextRecords('p.jsonl', '\uFEFF{"a":1}\r\n\r\n   \n{"a":2}\r\n{"a":3}');
    expect(r.format).toBe('jsonl');
    expect(r.rows).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
      { line: 5, value: { a: 3 } },
    ]);
    expect(r.log.total).toBe(0);
  });

  it('makes a damaged, null or non-object line a problem of that line and reads the rest', () => {
    const r = readTextRecords('people.jsonl', ['{"a":1}', 'null', '{"a":"unterminated', '[1,2]', '42', '"text"', '{"a":2}'].join('\n'));
    expect(r.rows.map((x) => x.line)).toEqual([1, 7]);
    expect(lines(r)).toEqual([
      'people.jsonl, line 2: the line is null, not a record (a JSON object)',
      'people.jsonl, line 3: not valid JSON (unterminated string at column 19)',
      'people.jsonl, line 4: the line is an array, not a record (a JSON object)',
      'people.jsonl, line 5: the line is a number, not a record (a JSON object)',
      'people.jsonl, line 6: the line is a string, not a record (a JSON object)',
    ]);
    // Never the engine's raw wording.
    expect(lines(r).join()).not.toMatch(/position/);
  });

  it('takes bare strings as records when asked (prompt lists)', () => {
    const r = readTextRecords('p.json', '["Why?", {"text":"How?"}, null]', { stringField: 'text' });
    expect(r.format).toBe('json');
    expect(r.rows).toEqual([
      { line: 1, value: { text: 'Why?' } },
      { line: 2, value: { text: 'How?' } },
    ]);
    expect(lines(r)).toEqual(['p.json, item 3: the item is null, not a record or a string']);
  });

  it('reads a JSON array by element index, and names a broken or non-array document once', () => {
    const r = readTextRecords('a.json', '\uFEFF[{"x":1},{"x":2}]');
    expect(r.rows.map((x) => x.line)).toEqual([1, 2]);
    expect(lines(readTextRecords('a.json', '[{"x":1},\n{"x":2,}]'))).toEqual([
      'a.json: not valid JSON (expected double-quoted property name at line 2, column 8)',
    ]);
    expect(lines(readTextRecords('a.json', '[{"x":1}'))[0]).toMatch(/^a\.json: not valid JSON \(/);
    expect(lines(readTextRecords('b.txt', '[1', { format: 'json' }))).toHaveLength(1);
    expect(lines(readTextRecords('c.json', '[]x', { format: 'json' }))[0]).toMatch(/after the JSON value/);
    expect(lines(readTextRecords('d', '{"a":1}', { format: 'json' }))).toEqual(['d: expected a JSON array of records, found an object']);
  });

  it('reads CSV by header with physical line numbers, quoted line breaks and CRLF', () => {
    const text = '\uFEFFid , text\r\n1,"two\r\nlines"\r\n\r\n,\r\n2,plain\r\n3\r\n4,x,,\r\n5,y,extra\r\n';
    const r = readTextRecords('t.csv', text);
    expect(r.columns).toEqual(['id', 'text']);
    expect(r.rows).toEqual([
      { line: 2, value: { id: '1', text: 'two\r\nlines' } },
      { line: 6, value: { id: '2', text: 'plain' } },
      { line: 8, value: { id: '4', text: 'x' } },
    ]);
    expect(lines(r)).toEqual(['t.csv, line 7: has 1 cell, the header has 2', 't.csv, line 9: has 3 cells, the header has 2']);
  });

  it('names broken quoting, repeated columns and an empty CSV', () => {
    expect(lines(readTextRecords('q.csv', 'a,b\n1,2\n"3,4\n5,6'))).toEqual([
      'q.csv, line 3: broken CSV quoting (quoted field unterminated)',
    ]);
    expect(lines(readTextRecords('r.csv', 'a,b,a\n1,2,3'))).toEqual(['r.csv, line 1, field "a": the column "a" appears twice']);
    expect(lines(readTextRecords('e.csv', '\n\n'))).toEqual(['e.csv: the file is empty: a CSV file needs a header row naming its columns']);
  });

  it('detects tab and semicolon delimiters and takes off the formula guard', () => {
    expect(readTextRecords('t.tsv', 'a\tb\n1,5\t2').rows[0]!.value).toEqual({ a: '1,5', b: '2' });
    expect(readTextRecords('s.csv', 'a;b\n1;2').rows[0]!.value).toEqual({ a: '1', b: '2' });
    expect(readTextRecords('f.csv', "a,b\n'=1+1,''-x").rows[0]!.value).toEqual({ a: '=1+1', b: "'-x" });
  });

  it('tells formats apart by name, then by the first bytes', () => {
    expect(detectFormat('x.PARQUET')).toBe('parquet');
    expect(detectFormat('x.ndjson')).toBe('jsonl');
    expect(detectFormat('x.tsv')).toBe('csv');
    expect(detectFormat('x.json', '\uFEFF  [')).toBe('json');
    expect(detectFormat('x.json', '{"a":1}\n{"a":2}')).toBe('jsonl');
    expect(detectFormat('x.txt', '{"a":1}')).toBe('jsonl');
    expect(detectFormat('x.txt', 'a,b')).toBe('csv');
    expect(detectFormat('x.bin', new TextEncoder().encode('PAR1....'))).toBe('parquet');
  });

  it('decodes bytes as UTF-8, or UTF-16 with its byte-order mark', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'a,b\n1,2'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect((await readRecords('u.csv', utf16)).rows[0]!.value).toEqual({ a: '1', b: '2' });
    expect((await readRecords('u.jsonl', new TextEncoder().encode('\uFEFF{"a":1}'))).rows).toEqual([{ line: 1, value: { a: 1 } }]);
  });

  it('reads Parquet by row, only the columns asked for, and names an unreadable file', async () => {
    const bytes = new Uint8Array(tinyParquet('opening_prompt', ['Should we tax meat?', 'Is AI good for us?']));
    const r = await readRecords('p.parquet', bytes);
    expect(r.columns).toEqual(['opening_prompt']);
    expect(r.rows).toEqual([
      { line: 1, value: { opening_prompt: 'Should we tax meat?' } },
      { line: 2, value: { opening_prompt: 'Is AI good for us?' } },
    ]);
    expect((await readRecords('p.parquet', bytes, { columns: () => [] })).rows).toEqual([]);
    // A view into a larger buffer (as Node's Buffer can be) reads only its own bytes.
    const view = new Uint8Array([...new Uint8Array(64).fill(7), ...bytes]).subarray(64);
    expect((await readRecords('v.parquet', view)).rows).toHaveLength(2);
    const bad = await readRecords('bad.parquet', new Uint8Array([1, 2, 3]));
    expect(lines(bad)[0]).toMatch(/^bad\.parquet: not a readable Parquet file/);
    expect(bad.log.unit).toBe('row');
  });

  it('keeps the first problems and counts the rest', () => {
    const text = Array.from({ length: 120 }, () => 'null').join('\n');
    const r = readTextRecords('n.jsonl', text);
    expect(r.log.list().problems).toHaveLength(PROBLEM_CAP);
    expect(r.log.total).toBe(120);
    expect(problemLines(r.log.list()).at(-1)).toBe(`… and ${120 - PROBLEM_CAP} more problems`);
  });

  it('streams JSON lines split anywhere, with the same rules', () => {
    const log = new ProblemLog('s.jsonl');
    const rows: unknown[] = [];
    const s = new JsonlLines(log, (r) => rows.push(r));
    for (const piece of ['\uFEFF{"a"', ':1}\r', '\n\nnu', 'll\n{"a":2}']) s.push(piece);
    s.end();
    expect(rows).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
    ]);
    expect(log.list().problems.map(formatProblem)).toEqual(['s.jsonl, line 3: the line is null, not a record (a JSON object)']);
  });

  it('reads one JSON document, naming the line and column of a syntax error', () => {
    const log = new ProblemLog('kit.json');
    expect(readJsonDocument('\uFEFF{"a": [1]}', log)).toEqual({ ok: true, value: { a: [1] } });
    expect(readJsonDocument('{\n  "a": 1,\n  "b": "x\n}', log)).toEqual({ ok: false });
    expect(readJsonDocument('{\n  "a": 1,\n  "b": tru\n}', log)).toEqual({ ok: false });
    expect(readJsonDocument('  ', log)).toEqual({ ok: false });
    // Whole-file problems are listed first, then by line.
    expect(log.list().problems.map(formatProblem)).toEqual([
      'kit.json: not valid JSON (unexpected line break)',
      'kit.json: the file is empty',
      expect.stringMatching(/^kit\.json, line 3: not valid JSON \(.* at column \d+\)$/),
    ]);
  });
});
