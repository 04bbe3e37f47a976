import { describe, expect, it } from 'vitest';
import { isLlmError } from '../../../src/core/llm/errors';
import type { GenerateRequest } from '../../../src/core/llm/types';
import { ScriptedClient } from '../../doubles/scripted-client';

const user = (content: string) => ({ role: 'user' as const, content });
const refused = async (client: ScriptedClient, r: GenerateRequest, kind: string) => {
  const e = await client.generate(r).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(isLlmError(e) && e.kind).toBe(kind);
};

describe('the scripted client is as strict as a real backend', () => {
  it('refuses what web-llm and OpenAI-compatible servers refuse', async () => {
    const c = new ScriptedClient(['ok'], { contextWindow: 20 });
    await refused(c, { messages: [] }, 'invalid-request');
    await refused(c, { messages: [user('a'), { role: 'system', content: 'late' }, user('b')] }, 'invalid-request');
    await refused(c, { messages: [user('a'), { role: 'assistant', content: 'b' }] }, 'invalid-request');
    await refused(c, { messages: [user('a')], seed: 1.5 }, 'invalid-request');
    await refused(c, { messages: [user('a')], temperature: 2.5 }, 'invalid-request');
    await refused(c, { messages: [user('a')], top_p: 0 }, 'invalid-request');
    await refused(c, { messages: [user('a')], max_tokens: 0 }, 'invalid-request');
    await refused(c, { messages: [user('one two three')], max_tokens: 18 }, 'context-overflow');
    expect((await c.generate({ messages: [{ role: 'system', content: 's' }, user('a')], max_tokens: 10 })).text).toBe('ok');
  });

  it('cuts at max_tokens with finish reason "length", and thinks unless asked not to', async () => {
    const c = new ScriptedClient(['one two three four'], { thinks: 'hmm' });
    const cut = await c.generate({ messages: [user('q')], max_tokens: 2 }); // cut while thinking
    expect(cut).toMatchObject({ text: '<think>\nhmm\n', finishReason: 'length' });
    const plain = await c.generate({ messages: [user('q')], max_tokens: 10, thinking: false });
    expect(plain).toMatchObject({ text: 'one two three four', finishReason: 'stop' });
    expect((await c.generate({ messages: [user('q')] })).text).toBe('<think>\nhmm\n</think>\n\none two three four');
  });
});
