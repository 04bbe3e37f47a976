import { describe, expect, it } from 'vitest';
import { classifyPrompts } from '../../../../src/core/prompts/classify';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { promptId, type PromptItem } from '../../../../src/core/prompts/types';
import { ScriptedClient, templateOf } from '../../../doubles/scripted-client';

const p = (text: string): PromptItem => ({ id: promptId(text), text, topic: 'other' });

describe('classifyPrompts', () => {
  it('drops prompts the model calls not controversial, relabels topics, counts unreadable answers, and caches calls', async () => {
    const llm = new ScriptedClient((r) => {
      const user = r.messages.at(-1)!.content;
      if (templateOf(r) === 'controversy') return /cake/.test(user) ? '{"controversial": false}' : /gibberish/.test(user) ? '???' : 'Yes.';
      return /God/.test(user) ? '{"topic":"religion"}' : '{"topic":"politics"}';
    });
    const store = new MemoryStore();
    const prompts = [
      p('How do I bake a moist chocolate cake?'),
      p('Does God exist, and how would we know?'),
      p('Should voting be compulsory?'),
      p('gibberish question here ok?'),
    ];
    const progress: number[] = [];
    const r = await classifyPrompts(prompts, { llm, controversy: true, topics: true, cache: store, onProgress: (d) => progress.push(d) });
    expect(r.prompts.map((x) => [x.text.slice(0, 12), x.topic])).toEqual([
      ['Does God exi', 'religion'],
      ['Should votin', 'politics'],
      ['gibberish qu', 'other'],
    ]);
    expect(r).toMatchObject({ notControversial: 1, unclassified: 1, classified: 4 });
    expect(progress).toEqual([1, 2, 3, 4]);
    const sent = llm.requests.length;
    await classifyPrompts(prompts, { llm, controversy: true, topics: true, cache: store });
    expect(llm.requests.length).toBe(sent);
  });
});
