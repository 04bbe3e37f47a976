import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION, readBundle } from '../../../src/core/data/bundle';
import { formatProblem } from '../../../src/core/records/problems';
import { PersonaLabDb } from '../../../src/db/database';
import { DataStore } from '../../../src/db/data-store';

const dbs: PersonaLabDb[] = [];
afterAll(() => Promise.all(dbs.map((d) => d.delete())));

async function filled(): Promise<PersonaLabDb> {
  const db = new PersonaLabDb(`data-${Math.random()}`);
  dbs.push(db);
  await db.settings.put({ key: 'llm', value: { apiKey: 'sk-secret' } });
  await db.table('promptSets').bulkPut([
    { id: 'p1', name: 'One', createdAt: 1 },
    { id: 'p2', name: 'Two', createdAt: 2 },
  ]);
  await db.table('llmCache').bulkPut([{ key: 'k1', text: 'a' }]);
  await db.table('annotationAnswers').put({ sessionId: 's', pairId: 'x', choice: 'A' });
  return db;
}
const rowsOf = (kinds: { kind: string; rows: number }[]) => Object.fromEntries(kinds.filter((k) => k.rows).map((k) => [k.kind, k.rows]));

describe('the data bundle', () => {
  it('lists kinds with counts, exports all but the settings, and restores into an empty database with the same counts', async () => {
    const db = await filled();
    const store = new DataStore(db);
    const before = rowsOf(await store.list());
    expect(before).toEqual({ 'Prompt sets': 2, 'Call cache': 1, 'Annotations and label sets': 1, Settings: 1 });
    const text = (await store.exportParts(new Date('2026-01-02T03:04:05Z'))).join('');
    expect(text).not.toContain('sk-secret');
    const header = JSON.parse(text.split('\n')[0]!);
    expect(header).toMatchObject({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, schemaVersion: db.verno });

    const fresh = new PersonaLabDb(`data-${Math.random()}`);
    dbs.push(fresh);
    const target = new DataStore(fresh);
    const r = await readBundle('b.jsonl', text, target.target());
    if (!r.ok) throw new Error(r.problems.problems.map(formatProblem).join('; '));
    expect(await target.plan(r.bundle)).toContainEqual({ kind: 'Prompt sets', rows: 2, existing: 0 });
    expect(await target.restore(r.bundle, 'keep')).toEqual({ added: 4, replaced: 0, kept: 0 });
    const { Settings: _s, ...exported } = before;
    expect(rowsOf(await target.list())).toEqual(exported);
  });

  it('keeps stored rows unless asked to replace them', async () => {
    const db = await filled();
    const store = new DataStore(db);
    const text = (await store.exportParts(new Date())).join('');
    await db.table('promptSets').put({ id: 'p1', name: 'Renamed here', createdAt: 1 });
    const r = await readBundle('b.jsonl', text, store.target());
    if (!r.ok) throw new Error('refused');
    expect(await store.plan(r.bundle)).toContainEqual({ kind: 'Prompt sets', rows: 2, existing: 2 });
    expect(await store.restore(r.bundle, 'keep')).toEqual({ added: 0, replaced: 0, kept: 4 });
    expect((await db.table('promptSets').get('p1')).name).toBe('Renamed here');
    expect(await store.restore(r.bundle, 'replace')).toEqual({ added: 0, replaced: 4, kept: 0 });
    expect((await db.table('promptSets').get('p1')).name).toBe('One');
  });

  it('refuses a damaged, cut-short or foreign bundle naming the line and field', async () => {
    const db = await filled();
    const store = new DataStore(db);
    const lines = (await store.exportParts(new Date())).join('').trimEnd().split('\n');
    const problems = async (text: string) => {
      const r = await readBundle('b.jsonl', text, store.target());
      return r.ok ? [] : r.problems.problems.map(formatProblem);
    };
    expect(await problems(lines.slice(0, -1).join('\n'))).toEqual([
      expect.stringMatching(/header promises \d+ rows of "\w+" but the file holds \d+: is it cut short/),
    ]);
    expect(await problems([lines[0], '{"table":"nope","row":{"id":"x"}}'].join('\n'))).toContainEqual(
      'b.jsonl, line 2, field "table": unknown table "nope"',
    );
    expect(await problems([lines[0], '{"table":"promptSets","row":{"name":"no id"}}'].join('\n'))).toContainEqual(
      'b.jsonl, line 2, field "row.id": the row has no usable key (a string or number)',
    );
    expect(await problems('{"format":"other"}')).toContainEqual(expect.stringMatching(/^b\.jsonl, line 1, field "format"/));
    const newer = lines[0]!.replace(`"version":${BUNDLE_VERSION}`, '"version":99');
    expect(await problems([newer, ...lines.slice(1)].join('\n'))).toContainEqual(expect.stringMatching(/bundle version 99 is newer/));
    expect(await problems('')).toEqual(['b.jsonl: the file is empty: a bundle starts with its header line']);
  });

  it('clears one kind and leaves the others', async () => {
    const db = await filled();
    const store = new DataStore(db);
    await store.clear('Call cache');
    expect(rowsOf(await store.list())).toEqual({ 'Prompt sets': 2, 'Annotations and label sets': 1, Settings: 1 });
  });
});
