import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonaOption } from '../../../src/core/chat/persona-option';
import { LlmError } from '../../../src/core/llm/errors';
import { ConversationStore } from '../../../src/db/conversation-store';
import { PersonaLabDb } from '../../../src/db/database';
import { ChatSession } from '../../../src/state/ChatSession.svelte';
import { ScriptedClient } from '../../doubles/scripted-client';

const persona: PersonaOption = { id: 'example:x', label: '40, Male, Teacher, Ohio', group: 'Examples', text: 'age: 40\nsex: Male' };
const sampling = { temperature: 0.5, max_tokens: 100 };
let db: PersonaLabDb;
let store: ConversationStore;
beforeEach(() => {
  db = new PersonaLabDb(`chat-${crypto.randomUUID()}`);
  store = new ConversationStore(db);
});
afterEach(async () => {
  await db.delete();
});

describe('ChatSession', () => {
  it('sends as the persona, streams, saves, and reopens after a "reload"', async () => {
    const client = new ScriptedClient(['I teach history.']);
    const chat = new ChatSession(store);
    await chat.send('What do you do?', persona, { client, sampling });
    const sent = client.requests[0]!;
    expect(sent.messages[0]!.role).toBe('system');
    expect(sent.messages[0]!.content).toContain('age: 40\nsex: Male');
    expect(sent.messages.slice(1)).toEqual([{ role: 'user', content: 'What do you do?' }]);
    expect(sent).toMatchObject(sampling);
    expect(chat.conversation?.turns.map((t) => [t.role, t.content])).toEqual([
      ['user', 'What do you do?'],
      ['assistant', 'I teach history.'],
    ]);
    expect(chat.lastRate).toBe(40);
    const fresh = new ChatSession(store);
    await fresh.refreshHistory();
    expect(fresh.history.map((h) => h.title)).toEqual(['40, Male, Teacher, Ohio: What do you do?']);
    await fresh.open(fresh.history[0]!.id);
    expect(fresh.conversation?.turns.length).toBe(2);
    expect(fresh.conversation).toMatchObject({ model: 'scripted-model', backend: 'scripted', templateId: 'roleplay-v1' });
  });

  it('stop keeps the partial reply marked as stopped; regenerate replaces it', async () => {
    const client = new ScriptedClient(['one two three four five six seven', 'fresh answer'], { tokenDelayMs: 10 });
    const chat = new ChatSession(store);
    const sending = chat.send('Go', persona, { client, sampling });
    while (chat.streaming.split(' ').length < 3) await new Promise((r) => setTimeout(r, 5));
    chat.stop();
    await sending;
    const stopped = chat.conversation!.turns[1]!;
    expect(stopped.finishReason).toBe('abort');
    expect(stopped.content.startsWith('one two')).toBe(true);
    expect(stopped.content.length).toBeLessThan('one two three four five six seven'.length);
    expect(chat.error).toBeUndefined();
    await chat.regenerate({ client, sampling });
    expect(chat.conversation!.turns.map((t) => t.content)).toEqual(['Go', 'fresh answer']);
    expect(client.requests[1]!.messages.at(-1)).toEqual({ role: 'user', content: 'Go' });
  });

  it('keeps a failed reply with its message, and starts a new conversation for another persona', async () => {
    const failing = new ScriptedClient([new LlmError('network', 'Could not reach localhost:11434.', { hint: 'Start the server.' })]);
    const chat = new ChatSession(store);
    await chat.send('Hi', persona, { client: failing, sampling });
    expect(chat.error?.message).toBe('Could not reach localhost:11434.');
    expect(chat.conversation!.turns[1]).toMatchObject({ role: 'assistant', error: 'Could not reach localhost:11434.' });
    const first = chat.conversation!.id;
    await chat.send('Hi', { ...persona, id: 'text', text: 'A pirate.' }, { client: new ScriptedClient(['Arr.']), sampling });
    expect(chat.conversation!.id).not.toBe(first);
    expect((await store.list()).length).toBe(2);
  });

  it("leaves the oldest turns out so the prompt and max_tokens fit the model's context window, and says how many", async () => {
    const long = 'word '.repeat(300).trim();
    const client = new ScriptedClient([long]);
    const chat = new ChatSession(store);
    const ctx = { client, sampling: { max_tokens: 256 }, contextWindow: 1024 };
    await chat.send('First question?', persona, ctx);
    await chat.send('Second question?', persona, ctx);
    expect(chat.conversation!.turns[3]!.contextDropped).toBeUndefined();
    await chat.send('Third question?', persona, ctx);
    const sent = client.requests[2]!.messages;
    expect(sent[0]!.role).toBe('system');
    expect(sent[1]).toEqual({ role: 'user', content: 'Second question?' });
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'Third question?' });
    const reply = chat.conversation!.turns.at(-1)!;
    expect(reply.contextDropped).toBe(2);
    expect(chat.dropped).toBe(2);
    // the whole conversation stays stored and shown
    expect(chat.conversation!.turns.length).toBe(6);
  });

  it('shows only finite speeds', async () => {
    const chat = new ChatSession(store);
    const client = new ScriptedClient(['Yes.']);
    await chat.send('Well?', persona, { client, sampling });
    const last = chat.conversation!.turns.at(-1)!;
    await store.put({
      ...chat.conversation!,
      turns: [
        chat.conversation!.turns[0]!,
        { ...last, usage: { promptTokens: 3, completionTokens: 1, decodeTokensPerSecond: Number.NaN } },
      ],
    });
    await chat.open(chat.conversation!.id);
    expect(chat.lastRate).toBeUndefined();
  });
});
