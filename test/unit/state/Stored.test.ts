import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { ConversationStore } from '../../../src/db/conversation-store';
import { Stored } from '../../../src/state/Stored.svelte';

// Node runs Svelte's server build, where no effect reads `current` and so nothing subscribes: `current` is the
// initial value until `refresh()`. The watching itself is `watched`'s test (test/unit/db/live.test.ts) and the
// two-tab end-to-end test (test/e2e/live-lists.e2e.ts).
let db: PersonaLabDb;
beforeEach(() => {
  db = new PersonaLabDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('Stored', () => {
  it('shows the initial value, then what refresh() read', async () => {
    const store = new ConversationStore(db);
    const list = new Stored(() => store.list(), [] as { id: string }[]);
    expect(list.current).toEqual([]);
    await store.put({
      id: 'a',
      title: 't',
      createdAt: 1,
      updatedAt: 1,
      persona: { id: 'p', label: 'P', text: 'age: 1' },
      templateId: 'roleplay-v1',
      systemPrompt: 'SYS',
      backend: 'webllm',
      model: 'm',
      sampling: {},
      turns: [],
    });
    expect(list.current).toEqual([]);
    expect((await list.refresh()).map((c) => c.id)).toEqual(['a']);
    expect(list.current.map((c) => c.id)).toEqual(['a']);
  });
});
