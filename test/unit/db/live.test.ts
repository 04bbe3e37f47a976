import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../../../src/core/chat/conversation';
import { ConversationStore } from '../../../src/db/conversation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { watched } from '../../../src/db/live';

let name: string;
let db: PersonaLabDb;
beforeEach(() => {
  name = `test-${crypto.randomUUID()}`;
  db = new PersonaLabDb(name);
});
afterEach(async () => {
  await db.delete();
});

const conv = (id: string): Conversation => ({
  id,
  title: `t-${id}`,
  createdAt: 1,
  updatedAt: 1,
  persona: { id: 'p', label: 'P', text: 'age: 1' },
  templateId: 'roleplay-v1',
  systemPrompt: 'SYS',
  backend: 'webllm',
  model: 'm',
  sampling: {},
  turns: [{ role: 'user', content: 'hi', at: 1 }],
});

describe('watched', () => {
  it('gives the list now, again after each write (this connection or another one), and nothing after unsubscribing', async () => {
    const store = new ConversationStore(db);
    const seen: string[][] = [];
    const stop = watched(() => store.list()).subscribe(
      (rows) => seen.push(rows.map((r) => r.id)),
      (e) => {
        throw e;
      },
    );
    await vi.waitFor(() => expect(seen).toEqual([[]]));
    await store.put(conv('a'));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['a']));

    // A second connection to the same database (as another tab has) writes: the watcher hears it.
    const other = new PersonaLabDb(name);
    await new ConversationStore(other).put(conv('b'));
    await vi.waitFor(() => expect([...(seen.at(-1) ?? [])].sort()).toEqual(['a', 'b']));
    other.close();

    stop();
    const count = seen.length;
    // A second watcher, still subscribed, hears the delete: by then the stopped one would have too.
    const later: string[][] = [];
    const stopLater = watched(() => store.list()).subscribe(
      (rows) => later.push(rows.map((r) => r.id)),
      () => {},
    );
    await vi.waitFor(() => expect(later).toHaveLength(1));
    await store.delete('a');
    await vi.waitFor(() => expect(later.at(-1)).toEqual(['b']));
    stopLater();
    expect(seen.length).toBe(count);
  });

  it('passes a failed read to error', async () => {
    const errors: unknown[] = [];
    const stop = watched(() => Promise.reject(new Error('broken'))).subscribe(
      () => {},
      (e) => errors.push(e),
    );
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(String(errors[0])).toContain('broken');
    stop();
  });
});
