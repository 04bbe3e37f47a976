import { describe, expect, it } from 'vitest';
import { generatePersonas } from '../../../../src/core/personas/generate';
import { formatIssue, parseCsv, parseJsonl, parsePersonaFile, setFingerprint, toCsv, toJsonl } from '../../../../src/core/personas/io';
import { PERSONA_KEYS } from '../../../../src/core/personas/schema';
import { FIXTURE_SOURCE } from '../../../fixtures/census-fixture';

const set = generatePersonas(FIXTURE_SOURCE, { seed: 'io', count: 40 });

describe('persona files', () => {
  it('round-trips JSONL and CSV exactly', () => {
    const jsonl = toJsonl(set);
    expect(jsonl.split('\n')).toHaveLength(41);
    expect(Object.keys(JSON.parse(jsonl.split('\n')[0]!))).toEqual(['id', 'split', ...PERSONA_KEYS]);
    expect(parseJsonl(jsonl)).toEqual({ ok: true, personas: set });
    expect(parseCsv(toCsv(set))).toEqual({ ok: true, personas: set });
    expect(parsePersonaFile('x.CSV', toCsv(set))).toEqual({ ok: true, personas: set });
  });

  it('fingerprints a set by its content', () => {
    expect(setFingerprint(set)).toMatch(/^[0-9a-f]{32}$/);
    expect(setFingerprint(set)).toBe(setFingerprint(parseJsonl(toJsonl(set)).ok ? set : []));
    expect(setFingerprint(set.slice(1))).not.toBe(setFingerprint(set));
  });

  it('names the line and field of every JSONL problem and keeps nothing', () => {
    const lines = toJsonl(set.slice(0, 4)).trim().split('\n');
    const bad = JSON.parse(lines[1]!);
    bad.age = 'forty';
    const extra = { ...JSON.parse(lines[2]!), mood: 'happy' };
    const text = [lines[0], JSON.stringify(bad), '', JSON.stringify(extra), '{not json', lines[0]].join('\n');
    const r = parseJsonl(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.issues.map(formatIssue);
    expect(msgs[0]).toMatch(/^line 2, field "age": /);
    expect(msgs).toContain('line 4, field "mood": unknown field');
    expect(msgs.some((m) => /^line 5: not valid JSON/.test(m))).toBe(true);
    expect(msgs.some((m) => /^line 6, field "id": duplicate id ".*" \(first on line 1\)/.test(m))).toBe(true);
  });

  it('names missing columns, bad cells and their lines in CSV', () => {
    const csv = toCsv(set.slice(0, 3)).split('\r\n');
    expect(parseCsv(csv[0]!.replace(',religion', '') + '\r\n')).toEqual({
      ok: false,
      issues: [{ line: 1, field: 'religion', message: 'missing column' }],
    });
    const cells = csv[2]!.split(',');
    cells[2] = '12.5'; // age column
    const r = parseCsv([csv[0], csv[1], cells.join(','), csv[3]].join('\r\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issues[0]!)).toMatch(/^line 3, field "age": /);
    expect(parseCsv('')).toEqual({ ok: false, issues: [{ line: 1, message: 'the file is empty' }] });
    expect(parseJsonl('\n\n')).toEqual({ ok: false, issues: [{ line: 1, message: 'the file holds no personas' }] });
  });
});
