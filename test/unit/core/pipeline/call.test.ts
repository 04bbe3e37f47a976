import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../../src/core/llm/errors';
import { MemoryCallStore } from '../../../../src/core/pipeline/cache';
import { largerBudget, RETRY_TEMPERATURE, StageError } from '../../../../src/core/pipeline/call';
import type { StageContext } from '../../../../src/core/pipeline/context';
import { callContext } from '../../../../src/core/pipeline/context';
import { baseAnswer, judge, VERDICT_SCHEMA } from '../../../../src/core/pipeline/stages';
import { ScriptedClient } from '../../../doubles/scripted-client';

function ctx(llm: ScriptedClient, over: Partial<StageContext> = {}): StageContext {
  return {
    llm,
    seed: 1,
    signal: new AbortController().signal,
    sampling: { temperature: 0, max_tokens: 8 },
    sampleIndex: 0,
    maxAttempts: 3,
    ...over,
  };
}
const judgeInput = { persona: 'age: 40', instruction: 'Tea or coffee?', answerA: 'Tea.', answerB: 'Coffee.' };
const caught = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e as StageError,
  );

describe('generateParsed: cut-off answers', () => {
  it('asks a cut-off answer again once with twice the budget and uses the complete answer', async () => {
    const llm = new ScriptedClient(['one two three four five six seven eight nine ten']);
    const r = await baseAnswer({ instruction: 'Tea?' }, ctx(llm));
    expect(llm.requests.map((q) => q.max_tokens)).toEqual([8, 16]);
    expect(r.value.text).toBe('one two three four five six seven eight nine ten');
    expect(r.attempts.map((a) => a.finishReason)).toEqual(['length', 'stop']);
    expect(r.attempts[0]!.parseError).toBeUndefined();
  });

  it('fails the stage as truncated when the larger budget is cut off too, and never reads the cut text', async () => {
    const llm = new ScriptedClient(['{"preferred": "B", "reason": "' + 'very '.repeat(40) + '"}']);
    const e = await caught(judge(judgeInput, ctx(llm)));
    expect(e).toBeInstanceOf(StageError);
    expect(e.kind).toBe('truncated');
    expect(e.message).toMatch(/cut off at the token limit \(max_tokens 16\)/);
    expect(llm.requests).toHaveLength(2);
    expect(e.attempts.every((a) => a.finishReason === 'length')).toBe(true);
  });

  it('does not go above the cap, and calls a context overflow of the larger budget truncation', async () => {
    const llm = new ScriptedClient(['a b c d e f g h i j']);
    const capped = await caught(baseAnswer({ instruction: 'Tea?' }, ctx(llm, { maxTokensCap: 8 })));
    expect(capped.kind).toBe('truncated');
    expect(llm.requests).toHaveLength(1);
    expect(largerBudget(undefined, 4096)).toBe(4096);
    expect(largerBudget(3000, 4096)).toBe(4096);
    expect(largerBudget(4096, 4096)).toBeUndefined();
    const small = new ScriptedClient(['a b c d e f g h i j'], { contextWindow: 14 });
    const overflow = await caught(baseAnswer({ instruction: 'Tea?' }, ctx(small)));
    expect(overflow.kind).toBe('truncated');
    expect(overflow.message).toMatch(/does not fit the model's context window/);
  });
});

describe('generateParsed: retries and request errors', () => {
  it('retries unreadable greedy output at a small temperature with a new seed', async () => {
    const llm = new ScriptedClient(['Both are fine.', '{"preferred": "A", "reason": "tea"}']);
    const r = await judge(judgeInput, ctx(llm, { sampling: { temperature: 0, max_tokens: 64 } }));
    expect(r.value.choice).toBe('A');
    const [a, b] = llm.requests;
    expect(a!.temperature).toBe(0);
    expect(b!.temperature).toBe(RETRY_TEMPERATURE);
    expect(b!.seed).not.toBe(a!.seed);
    // a role's own seed is used for the first attempt only
    const seeded = new ScriptedClient(['???', 'B']);
    await judge(judgeInput, ctx(seeded, { sampling: { temperature: 0.9, seed: 42, max_tokens: 64 } }));
    expect(seeded.requests.map((q) => q.seed === 42)).toEqual([true, false]);
    expect(seeded.requests[1]!.temperature).toBe(0.9);
  });

  it.each([
    ['context-overflow', 'Shorten the persona.'],
    ['invalid-request', 'Use an integer seed.'],
    ['grammar', 'The schema cannot be compiled.'],
  ] as const)('fails at once, with the hint, on a %s error', async (kind, hint) => {
    const llm = new ScriptedClient([new LlmError(kind, `refused (${kind})`, { hint })]);
    const e = await caught(judge(judgeInput, ctx(llm)));
    expect(e.kind).toBe('rejected');
    expect(e.message).toContain(hint);
    expect(llm.requests).toHaveLength(1);
  });

  it('asks for no thinking, and strips the thinking of a model that thinks anyway', async () => {
    const thinker = new ScriptedClient(['{"preferred": "B", "reason": "coffee"}'], { thinks: 'A is tea. I prefer A? No.' });
    const honoured = await judge(judgeInput, ctx(thinker, { sampling: { max_tokens: 64 } }));
    expect(thinker.requests[0]!.thinking).toBe(false);
    expect(honoured.attempts[0]!.text).not.toMatch(/think/);
    const ignoring = new ScriptedClient(['<think>A is tea. I would prefer A.</think>\nI would prefer B.']);
    const r = await judge(judgeInput, ctx(ignoring, { sampling: { max_tokens: 64 } }));
    expect(r.value.choice).toBe('B');
    expect(r.attempts[0]!.text).toMatch(/^<think>/); // the record keeps the raw output
  });

  it('bounds the judge reason in the schema it sends to a backend that constrains output', async () => {
    const llm = new ScriptedClient(['{"preferred":"A","reason":"x"}'], { supportsJsonSchema: true });
    await judge(judgeInput, ctx(llm, { sampling: { max_tokens: 64 } }));
    expect(llm.requests[0]!.jsonSchema).toEqual(VERDICT_SCHEMA);
    expect(VERDICT_SCHEMA.properties.reason.maxLength).toBeGreaterThan(0);
  });
});

describe('the call cache key', () => {
  it('keeps answers of one server from another, and replays the same server', async () => {
    const store = new MemoryCallStore();
    const signal = new AbortController().signal;
    const base = { seed: 1, signal, sampling: { max_tokens: 64 }, maxAttempts: 1 };
    const one = new ScriptedClient(['Tea.'], { backend: 'openai-http', model: 'm', baseUrl: 'http://a.test/v1' });
    const two = new ScriptedClient(['Coffee.'], { backend: 'openai-http', model: 'm', baseUrl: 'http://b.test/v1' });
    expect((await baseAnswer({ instruction: 'Tea?' }, callContext({ ...base, llm: one }, store))).value.text).toBe('Tea.');
    expect((await baseAnswer({ instruction: 'Tea?' }, callContext({ ...base, llm: two }, store))).value.text).toBe('Coffee.');
    const again = new ScriptedClient([new Error('not called')], { backend: 'openai-http', model: 'm', baseUrl: 'http://a.test/v1' });
    const replay = await baseAnswer({ instruction: 'Tea?' }, callContext({ ...base, llm: again }, store));
    expect(replay.value.text).toBe('Tea.');
    expect(replay.attempts[0]!.cached).toBe(true);
    expect(store.calls.size).toBe(2);
  });
});
