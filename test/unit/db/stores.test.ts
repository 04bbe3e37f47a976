import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/core/chat/conversation';
import { ConversationStore } from '../../../src/db/conversation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { DEFAULT_LLM, DEFAULT_CHAT_SAMPLING, SettingsStore } from '../../../src/db/settings-store';

let db: PersonaLabDb;
beforeEach(() => {
  db = new PersonaLabDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const conv = (id: string, updatedAt: number): Conversation => ({
  id,
  title: `t-${id}`,
  createdAt: 1,
  updatedAt,
  persona: { id: 'p', label: 'P', text: 'age: 1' },
  templateId: 'roleplay-v1',
  systemPrompt: 'SYS',
  backend: 'webllm',
  model: 'm',
  sampling: {},
  turns: [{ role: 'user', content: 'hi', at: 1 }],
});

describe('database v1', () => {
  it('has the settings and conversations tables of schema version 1', async () => {
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    expect(db.table('settings').schema.primKey.keyPath).toBe('key');
    expect(db.table('conversations').schema.primKey.keyPath).toBe('id');
    expect(db.table('conversations').schema.indexes.map((i) => i.keyPath)).toContain('updatedAt');
  });
});

describe('SettingsStore', () => {
  it('gives defaults, stores valid settings and ignores a damaged row', async () => {
    const s = new SettingsStore(db);
    expect(await s.llm()).toEqual(DEFAULT_LLM);
    expect(await s.sampling()).toEqual(DEFAULT_CHAT_SAMPLING);
    await s.saveLlm({ ...DEFAULT_LLM, backend: 'openai-http', httpModel: 'llama3.2:1b' });
    await s.saveSampling({ temperature: 0.2, top_p: 1, max_tokens: 64, seed: 3 });
    const again = new SettingsStore(db);
    expect((await again.llm()).backend).toBe('openai-http');
    expect(await again.sampling()).toEqual({ temperature: 0.2, top_p: 1, max_tokens: 64, seed: 3 });
    await db.settings.put({ key: 'sampling', value: { temperature: 'hot' } });
    expect(await again.sampling()).toEqual(DEFAULT_CHAT_SAMPLING);
    await expect(s.saveSampling({ temperature: 5, top_p: 1, max_tokens: 1 })).rejects.toThrow();
  });
});

describe('ConversationStore', () => {
  it('lists newest first, reads, replaces and deletes', async () => {
    const s = new ConversationStore(db);
    await s.put(conv('a', 10));
    await s.put(conv('b', 30));
    await s.put(conv('c', 20));
    expect((await s.list()).map((c) => c.id)).toEqual(['b', 'c', 'a']);
    await s.put({ ...conv('a', 40), turns: [] });
    expect((await s.list())[0]).toEqual({ id: 'a', title: 't-a', updatedAt: 40, turns: 0 });
    expect((await s.get('c'))?.systemPrompt).toBe('SYS');
    await s.delete('c');
    await s.delete('nope');
    expect(await s.get('c')).toBeUndefined();
    expect((await s.list()).length).toBe(2);
  });
});
