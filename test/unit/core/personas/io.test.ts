import { describe, expect, it } from 'vitest';
import { generatePersonas } from '../../../../src/core/personas/generate';
import { readPersonaFile, setFingerprint, toCsv, toJsonl } from '../../../../src/core/personas/io';
import { PERSONA_KEYS } from '../../../../src/core/personas/schema';
import { formatProblem } from '../../../../src/core/records/problems';
import { FIXTURE_SOURCE } from '../../../fixtures/census-fixture';

const set = generatePersonas(FIXTURE_SOURCE, { seed: 'io', count: 40 });

async function problems(name: string, text: string): Promise<string[]> {
  const r = await readPersonaFile(name, text);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
}

describe('persona files', () => {
  it('round-trips JSONL and CSV exactly', async () => {
    const jsonl = toJsonl(set);
    expect(jsonl.split('\n')).toHaveLength(41);
    expect(Object.keys(JSON.parse(jsonl.split('\n')[0]!))).toEqual(['id', 'split', ...PERSONA_KEYS]);
    expect(await readPersonaFile('x.jsonl', jsonl)).toEqual({ ok: true, personas: set });
    expect(await readPersonaFile('x.csv', toCsv(set))).toEqual({ ok: true, personas: set });
    expect(await readPersonaFile('x.CSV', new TextEncoder().encode(toCsv(set)))).toEqual({ ok: true, personas: set });
  });

  it('keeps a text that looks like a formula through a CSV export and import', async () => {
    const odd = { ...set[0]!, quirks: undefined, 'defining quirks': '=HYPERLINK("http://x")', mannerisms: '- taps the table' };
    delete (odd as Record<string, unknown>).quirks;
    const csv = toCsv([odd]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`'- taps the table`);
    expect(await readPersonaFile('x.csv', csv)).toEqual({ ok: true, personas: [odd] });
  });

  it('fingerprints a set by its content', async () => {
    expect(setFingerprint(set)).toMatch(/^[0-9a-f]{32}$/);
    const back = await readPersonaFile('x.jsonl', toJsonl(set));
    expect(setFingerprint(back.ok ? back.personas : [])).toBe(setFingerprint(set));
    expect(setFingerprint(set.slice(1))).not.toBe(setFingerprint(set));
  });

  it('reads the first persona after a BOM, and a CRLF file', async () => {
    const r = await readPersonaFile('bom.jsonl', '\uFEFF' + toJsonl(set.slice(0, 3)).replace(/\n/g, '\r\n'));
    expect(r).toEqual({ ok: true, personas: set.slice(0, 3) });
  });

  it('names the file, line and field of every JSONL problem and keeps nothing', async () => {
    const lines = toJsonl(set.slice(0, 4)).trim().split('\n');
    const bad = JSON.parse(lines[1]!);
    bad.age = 'forty';
    const extra = { ...JSON.parse(lines[2]!), mood: 'happy' };
    const text = [lines[0], JSON.stringify(bad), '', JSON.stringify(extra), '{"id":"x", "age": 4', 'null', lines[0]].join('\n');
    const msgs = await problems('people.jsonl', text);
    expect(msgs[0]).toMatch(/^people\.jsonl, line 2, field "age": expected number, received string/);
    expect(msgs).toContain('people.jsonl, line 4, field "mood": unknown field');
    expect(msgs).toContain("people.jsonl, line 5: not valid JSON (expected ',' or '}' after property value at column 20)");
    expect(msgs).toContain('people.jsonl, line 6: the line is null, not a record (a JSON object)');
    expect(msgs.some((m) => /^people\.jsonl, line 7, field "id": duplicate id ".*" \(first on line 1\)/.test(m))).toBe(true);
  });

  it('names missing columns, bad cells and their lines in CSV', async () => {
    const csv = toCsv(set.slice(0, 3)).split('\r\n');
    expect(await readPersonaFile('p.csv', csv[0]!.replace(',religion', '') + '\r\n')).toEqual({
      ok: false,
      problems: [{ file: 'p.csv', line: 1, field: 'religion', message: 'missing column' }],
      total: 1,
    });
    const cells = csv[2]!.split(',');
    cells[2] = '12.5'; // age column
    expect((await problems('p.csv', [csv[0], csv[1], cells.join(','), csv[3]].join('\r\n')))[0]).toMatch(/^p\.csv, line 3, field "age": /);
    expect(await problems('e.csv', '')).toEqual(['e.csv: the file is empty: a CSV file needs a header row naming its columns']);
    expect(await problems('e.jsonl', '\n\n')).toEqual(['e.jsonl: the file holds no personas']);
  });
});
