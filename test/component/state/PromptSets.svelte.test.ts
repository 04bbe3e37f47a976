import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import type { PromptSetRow } from '../../../src/db/pipeline-rows';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { PromptSetStore } from '../../../src/db/prompt-set-store';
import { PromptSets } from '../../../src/state/PromptSets.svelte';
import type { Services } from '../../../src/state/services';

const dbs: PersonaLabDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A stored prompt set with one prompt. */
const row = (id: string, createdAt: number): PromptSetRow => ({
  id,
  name: `Set ${id}`,
  source: `${id}.jsonl`,
  createdAt,
  prompts: [{ id: `${id}-q`, text: 'Is it fair to tax inherited wealth heavily?', topic: 'politics', split: 'train' }],
  report: { input: 1, kept: 1, dropped: {} },
  topics: 'given',
  split: { seed: 1, heldoutFraction: 0.25 },
});

/** Prompt sets over a database of their own in this browser's IndexedDB. */
function promptSets() {
  const db = new PersonaLabDb(`component-prompt-sets-${crypto.randomUUID()}`);
  dbs.push(db);
  const store = new PromptSetStore(db);
  // Listing and reading sets asks nothing of the services (they serve downloads and classifiers).
  return { store, sets: new PromptSets(store, new DexiePipelineStore(db), {} as Services) };
}

describe('PromptSets (a state whose stored list follows the database while an effect reads it)', () => {
  it('shows a set written elsewhere (another state, the Data page, another tab) and drops a deleted one, without a re-read', async () => {
    const { store, sets } = promptSets();
    const seen: string[][] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(sets.all.map((s) => s.id));
      });
    });
    flushSync();
    expect(seen).toEqual([['default']]);

    await store.put(row('a', 1));
    await expect.poll(() => seen.at(-1)).toEqual(['default', 'a']);
    await store.put(row('b', 2));
    await expect.poll(() => seen.at(-1)).toEqual(['default', 'b', 'a']); // newest first, the built-in set ahead
    expect(sets.get('b')?.name).toBe('Set b');
    await store.delete('a');
    await expect.poll(() => seen.at(-1)).toEqual(['default', 'b']);
    expect(sets.get('a')).toBeUndefined();
    stop();
  });

  it('where no effect reads it, keeps the last list seen until load() reads again', async () => {
    const { store, sets } = promptSets();
    await store.put(row('a', 1));
    expect(sets.sets).toEqual([]);
    await sets.load();
    expect(sets.sets.map((s) => s.id)).toEqual(['a']);
  });
});
