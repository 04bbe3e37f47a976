// Fitting a conversation into the context window: the oldest turns go first, the system prompt and
// the last turn always stay, the kept turns start with the user, and the estimate errs on the safe side.
import { describe, expect, it } from 'vitest';
import { estimateTokens, fitHistory, TOKENS_PER_MESSAGE, TOKENS_PER_PROMPT } from '../../../../src/core/chat/history-fit';

const turn = (role: 'user' | 'assistant', words: number, tag: string) => ({ role, content: `${tag} ${'word '.repeat(words)}`.trim() });

describe('estimateTokens', () => {
  it('counts a token per three ASCII characters, one per other character, three per emoji', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('abcd')).toBe(2);
    expect(estimateTokens('日本語')).toBe(3);
    expect(estimateTokens('é')).toBe(1);
    expect(estimateTokens('🍅')).toBe(3);
  });

  it("is above what Llama's tokenizer gives for ordinary English (about four characters a token)", () => {
    const text = 'I spend my mornings in the garden, talking with my hands about tomatoes and roses.';
    expect(estimateTokens(text)).toBeGreaterThan(text.length / 4);
  });
});

describe('fitHistory', () => {
  const system = 'You are role-playing the person described below.';

  it('keeps everything when it fits', () => {
    const turns = [turn('user', 10, 'q1'), turn('assistant', 10, 'a1'), turn('user', 10, 'q2')];
    const fit = fitHistory(system, turns, 4096, 512);
    expect(fit).toMatchObject({ dropped: 0, fits: true });
    expect(fit.turns).toEqual(turns);
    expect(fit.promptTokens).toBe(
      TOKENS_PER_PROMPT + estimateTokens(system) + 4 * TOKENS_PER_MESSAGE + turns.reduce((n, t) => n + estimateTokens(t.content), 0),
    );
  });

  it('drops the oldest turns until prompt and max_tokens fit, keeping the kept turns starting with the user', () => {
    const turns = [
      turn('user', 100, 'q1'),
      turn('assistant', 300, 'a1'),
      turn('user', 100, 'q2'),
      turn('assistant', 300, 'a2'),
      turn('user', 50, 'q3'),
    ];
    const fit = fitHistory(system, turns, 1024, 256);
    expect(fit.dropped).toBeGreaterThan(0);
    expect(fit.turns[0]!.role).toBe('user');
    expect(fit.turns.at(-1)).toBe(turns.at(-1));
    expect(fit.promptTokens + 256).toBeLessThanOrEqual(1024);
    expect(fit.fits).toBe(true);
    expect(fit.dropped + fit.turns.length).toBe(turns.length);
  });

  it('keeps the last turn even when nothing else fits, and says so', () => {
    const turns = [turn('user', 10, 'q1'), turn('assistant', 10, 'a1'), turn('user', 2000, 'q2')];
    const fit = fitHistory(system, turns, 1024, 256);
    expect(fit.turns).toEqual([turns[2]]);
    expect(fit.dropped).toBe(2);
    expect(fit.fits).toBe(false);
  });

  it('keeps a quarter of the window for the reply when max_tokens is not set', () => {
    const turns = Array.from({ length: 40 }, (_, i) => turn(i % 2 ? 'assistant' : 'user', 30, `t${i}`));
    const fit = fitHistory(system, turns, 1024);
    expect(fit.promptTokens).toBeLessThanOrEqual(1024 - 256);
    expect(fit.dropped).toBeGreaterThan(0);
  });
});
