import { afterAll, describe, expect, it, vi } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { DataStore } from '../../../src/db/data-store';
import { DexieBenchStore } from '../../../src/db/bench-store';
import { CensusModelStore } from '../../../src/db/census-models';
import { ConversationStore } from '../../../src/db/conversation-store';
import { LabelStore } from '../../../src/db/label-store';
import { LooStore } from '../../../src/db/loo-store';
import { PersonaSetStore } from '../../../src/db/persona-sets';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { PromptSetStore } from '../../../src/db/prompt-set-store';
import { DexieWikiStore } from '../../../src/db/wiki-store';
import type { ItemKind } from '../../../src/db/item-rows';
import { UndoDeletes } from '../../../src/state/UndoDeletes.svelte';

const dbs: PersonaLabDb[] = [];
afterAll(() => Promise.all(dbs.map((d) => d.delete())));

/** Two items of every kind (`a` is deleted, `b` must stay as it is), rows shaped enough for the stores' deletes. */
async function filled(): Promise<PersonaLabDb> {
  const db = new PersonaLabDb(`undo-${Math.random()}`);
  dbs.push(db);
  for (const id of ['a', 'b']) {
    await db.table('personaSets').put({ id, name: `Set ${id}`, createdAt: 1, fingerprint: `f-${id}` });
    await db.table('personaSetData').put({ setId: id, personas: [{ id: `${id}1` }, { id: `${id}2` }] });
    await db.table('promptSets').put({ id, name: `Prompts ${id}`, createdAt: 1, prompts: [] });
    await db.table('runs').put({ id, name: `Run ${id}`, createdAt: 1 });
    await db.table('runItems').bulkPut([1, 2, 3].map((i) => ({ id: `${id}/${i}`, runId: id, text: `item ${i}` })));
    await db.table('conversations').put({ id, title: `Chat ${id}`, updatedAt: 1, turns: [{ role: 'user', content: 'hi' }] });
    await db.table('labelSets').put({ id, name: `Labels ${id}`, createdAt: 1 });
    await db.table('classrooms').put({ id, kitId: id, files: [{ name: 'x.json', text: '{}' }], resolutions: [], updatedAt: 1 });
    await db.table('looRuns').put({ id, name: `Loo ${id}`, createdAt: 1 });
    await db.table('looJudgements').bulkPut([1, 2].map((i) => ({ runId: id, key: `k${i}`, choice: 'A' })));
    await db.table('benches').put({ id, name: `Bench ${id}`, createdAt: 1 });
    await db.table('benchSamples').bulkPut([1, 2].map((i) => ({ id: `${id}/${i}`, benchId: id })));
    await db.table('wikiStudies').put({ id, name: `Study ${id}`, createdAt: 1 });
    await db.table('wikiValues').bulkPut([1, 2].map((i) => ({ studyId: id, kind: 'pair', key: `p${i}`, value: i })));
    await db.table('wikiPeople').put({ id, name: `Person ${id}` });
    await db.table('censusModels').put({ id, name: `Census ${id}`, createdAt: 1 });
  }
  return db;
}

/** Every table's rows, by table, as JSON (for equality before the delete and after the undo). */
async function everything(db: PersonaLabDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of db.tables) if (t.name !== 'settings') out[t.name] = JSON.stringify(await t.toArray());
  return out;
}
const counts = async (db: PersonaLabDb) => Object.fromEntries((await new DataStore(db).list()).map((k) => [k.kind, k.rows]));

/** Each kind's delete, through the store the app's state calls. */
function deleters(db: PersonaLabDb): Record<ItemKind, (id: string) => Promise<unknown>> {
  const runs = new DexiePipelineStore(db);
  const wiki = new DexieWikiStore(db);
  return {
    personaSet: (id) => new PersonaSetStore(db).delete(id),
    promptSet: (id) => new PromptSetStore(db).delete(id),
    run: (id) => runs.deleteRun(id),
    conversation: (id) => new ConversationStore(db).delete(id),
    labelSet: (id) => new LabelStore(db).delete(id),
    classroom: async (id) => db.table('classrooms').update(id, { files: [] }), // removing an answer file edits the row
    looRun: (id) => new LooStore(db).deleteRun(id),
    bench: (id) => new DexieBenchStore(db, runs).deleteBench(id),
    wikiStudy: (id) => wiki.deleteStudy(id),
    wikiPerson: (id) => wiki.deletePerson(id),
    censusModel: (id) => new CensusModelStore(db).delete(id),
  };
}

describe('undo for deletes', () => {
  const kinds = Object.keys(deleters(new PersonaLabDb('unused'))) as ItemKind[];

  // Equal to the rows before the delete after the undo, which restores only the snapshot: so the other item was never touched.
  it.each(kinds)('a deleted %s comes back with the same ids and rows, and the other items are untouched', async (kind) => {
    const db = await filled();
    const before = await everything(db);
    const rowsBefore = await counts(db);
    let changed = 0;
    const undo = new UndoDeletes(db, async () => void changed++);
    expect(await undo.delete({ kind, id: 'a', name: `the ${kind}` }, () => deleters(db)[kind]('a'))).toBe(true);
    expect(await everything(db)).not.toEqual(before);
    expect(undo.offers).toEqual([expect.objectContaining({ message: `${kind === 'classroom' ? 'Removed' : 'Deleted'} “the ${kind}”.` })]);
    await undo.undo(undo.offers[0]!.id);
    expect(undo.offers).toEqual([]);
    expect(await counts(db)).toEqual(rowsBefore);
    expect(await everything(db)).toEqual(before);
    expect(changed).toBe(1);
    expect(undo.said).toBe(`Restored “the ${kind}”.`);
  });

  it('deletes the item’s own rows only, and its row counts fall by what it held', async () => {
    const db = await filled();
    const undo = new UndoDeletes(db);
    await undo.delete({ kind: 'run', id: 'a', name: 'Run a' }, () => deleters(db).run('a'));
    expect(await db.table('runs').count()).toBe(1);
    expect(await db.table('runItems').where('runId').equals('b').count()).toBe(3);
    expect(await db.table('runItems').count()).toBe(3);
  });

  it('offers no undo when the state refused the delete (a running job’s item), nor for an item not stored', async () => {
    const db = await filled();
    const undo = new UndoDeletes(db);
    const refused = vi.fn(async () => {});
    expect(await undo.delete({ kind: 'run', id: 'a', name: 'Run a' }, refused)).toBe(false);
    expect(refused).toHaveBeenCalledOnce();
    expect(await undo.delete({ kind: 'run', id: 'nope', name: 'Nope' }, async () => {})).toBe(false);
    expect(undo.offers).toEqual([]);
  });

  it('lets an offer go when its time is up: the item stays deleted', async () => {
    const db = await filled();
    const undo = new UndoDeletes(db, undefined, 30);
    await undo.delete({ kind: 'personaSet', id: 'a', name: 'Set a' }, () => deleters(db).personaSet('a'));
    expect(undo.offers).toHaveLength(1);
    await vi.waitFor(() => expect(undo.offers).toHaveLength(0));
    expect(await db.table('personaSets').get('a')).toBeUndefined();
  });

  it('keeps one offer per delete, each undone on its own', async () => {
    const db = await filled();
    const undo = new UndoDeletes(db);
    await undo.delete({ kind: 'run', id: 'a', name: 'Run a' }, () => deleters(db).run('a'));
    await undo.delete({ kind: 'run', id: 'b', name: 'Run b' }, () => deleters(db).run('b'));
    expect(undo.offers.map((o) => o.message)).toEqual(['Deleted “Run a”.', 'Deleted “Run b”.']);
    await undo.undo(undo.offers[1]!.id);
    expect(await db.table('runs').toCollection().primaryKeys()).toEqual(['b']);
    undo.dismiss(undo.offers[0]!.id);
    expect(undo.offers).toEqual([]);
  });
});
