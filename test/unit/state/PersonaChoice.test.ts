import { describe, expect, it } from 'vitest';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { generatePersonas } from '../../../src/core/personas/generate';
import type { Persona } from '../../../src/core/personas/schema';
import { PersonaLabDb } from '../../../src/db/database';
import { PersonaSetStore, type PersonaSetRow } from '../../../src/db/persona-sets';
import { FREE_TEXT, PersonaChoice } from '../../../src/state/PersonaChoice.svelte';
import { examplesSource, type PersonaList, type PersonaSource } from '../../../src/state/persona-sources';
import { FIXTURE_SOURCE } from '../../fixtures/census-fixture';

const big = generatePersonas(FIXTURE_SOURCE, { seed: 'chat-picker', count: 20_000 });

/** A source with one big list that counts its loads. */
function bigSource(personas: readonly Persona[] = big) {
  let loads = 0;
  const list: PersonaList = { id: 'set:big', label: 'Set: big', count: personas.length, load: async () => (loads++, personas) };
  const source: PersonaSource = { id: 'big', lists: async () => [list] };
  return { source, loads: () => loads };
}

describe('PersonaChoice', () => {
  it('lists every source cheaply, shows the first list and chooses its first persona', async () => {
    const b = bigSource();
    const c = new PersonaChoice([examplesSource, b.source]);
    await c.ready();
    expect(c.lists.map((l) => [l.id, l.label, l.count])).toEqual([
      ['example', 'Examples', EXAMPLE_PERSONAS.length],
      ['set:big', 'Set: big', 20_000],
    ]);
    expect(b.loads()).toBe(0); // the big set is not read until it is shown
    expect(c.listId).toBe('example');
    expect(c.selectedId).toBe('example:paper-c1');
    expect(c.selected).toMatchObject({ id: 'example:paper-c1', group: 'Examples' });
    expect(c.selected!.text).toContain('ancestry: Filipino');
  });

  it('searches within a long list by every attribute and picks from the matches', async () => {
    const b = bigSource();
    const c = new PersonaChoice([examplesSource, b.source]);
    await c.ready();
    await c.show('set:big');
    expect(b.loads()).toBe(1);
    expect(c.shown).toHaveLength(20_000);
    expect(c.selectedId).toBe('example:paper-c1'); // showing a list does not change the choice
    const target = big[12_345]!;
    c.setQuery(`${target.id} ${String(target.sex).toUpperCase()}`);
    expect(c.shown).toEqual([12_345]);
    c.setQuery('too young to have political views');
    const kids = c.shown;
    expect(kids.length).toBeGreaterThan(100);
    expect(kids.every((i) => (big[i]!.age as number) < 18)).toBe(true);
    c.pick(kids[3]!);
    expect(c.selectedId).toBe(`set:big:${big[kids[3]!]!.id}`);
    expect(c.selected).toMatchObject({ group: 'Set: big', label: expect.stringContaining(String(big[kids[3]!]!.age)) });
  });

  it('selects a persona by option id (a chat link), showing its list', async () => {
    const b = bigSource();
    const c = new PersonaChoice([examplesSource, b.source]);
    const id = `set:big:${big[19_999]!.id}`;
    expect(await c.select(id)).toBe(true);
    expect(c.listId).toBe('set:big');
    expect(c.selected?.id).toBe(id);
    expect(await c.select('set:gone:p-1')).toBe(false);
    expect(c.selected).toBeUndefined();
  });

  it('keeps a stored conversation’s persona when no list holds it, and takes free text', async () => {
    const c = new PersonaChoice([examplesSource]);
    await c.ready();
    await c.adopt({ id: 'set:deleted:p-9', label: '40, Male', text: 'age: 40' });
    expect(c.selected).toEqual({ id: 'set:deleted:p-9', label: '40, Male', group: 'From this conversation', text: 'age: 40' });
    await c.adopt({ id: FREE_TEXT, label: 'Free-text persona', text: 'A sailor from Maine.' });
    expect(c.listId).toBe(FREE_TEXT);
    expect(c.selected).toMatchObject({ id: FREE_TEXT, text: 'A sailor from Maine.' });
    c.setFreeText('   ');
    expect(c.selected).toBeUndefined();
  });

  it('falls back to free text when there is no list, and names a source that failed', async () => {
    const broken: PersonaSource = { id: 'broken', lists: () => Promise.reject(new Error('no db')) };
    const c = new PersonaChoice([broken]);
    await c.ready();
    expect(c.failed).toEqual(['broken']);
    expect(c.listId).toBe(FREE_TEXT);
    expect(c.selectedId).toBe(FREE_TEXT);
  });

  it('shows only the latest list when loads overlap', async () => {
    let release: (() => void) | undefined;
    const slow: PersonaList = { id: 'slow', label: 'Slow', count: 1, load: () => new Promise((r) => (release = () => r(big.slice(0, 1)))) };
    const c = new PersonaChoice([{ id: 's', lists: async () => [slow] }, examplesSource]);
    await c.refresh(); // lists only: no first-time defaults
    const first = c.show('slow');
    await c.show('example');
    release!();
    await first;
    expect(c.listId).toBe('example');
    expect(c.personas).toHaveLength(EXAMPLE_PERSONAS.length);
  });
});

describe('the persona-set source', () => {
  it('lists stored sets with their counts and reads a set only when it is loaded', async () => {
    const { app } = await import('../../../src/state/app');
    const { personaSetSource } = await import('../../../src/state/persona-set-source');
    const db: PersonaLabDb = app().db;
    const personas = big.slice(0, 30);
    const row = {
      id: 'set-abc',
      name: 'Thirty',
      createdAt: 1,
      origin: 'generated',
      census: { kind: 'default', label: 'x' },
      count: 30,
      train: 20,
      fingerprint: 'f',
      comparison: [],
      history: [],
    } satisfies PersonaSetRow;
    await new PersonaSetStore(db).put(row, personas);
    const lists = await personaSetSource.lists();
    expect(lists.map((l) => [l.id, l.label, l.count])).toEqual([['set:set-abc', 'Set: Thirty', 30]]);
    expect(await lists[0]!.load()).toEqual(personas);
    await db.delete();
  });
});
