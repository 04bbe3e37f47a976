/**
 * ROUGE against hand-computed cases, following rouge_score's rules: lower case, runs of characters
 * outside a–z0–9 become one space, clipped n-gram counts, LCS for ROUGE-L, F1 = 2PR/(P+R), the best
 * F1 over several references (the first of equal ones), Porter stems (NLTK's) only for tokens of
 * more than three characters.
 */
import { describe, expect, it } from 'vitest';
import { lcsLength, rouge, rougeMulti, rougeTokens } from '../../../../src/core/wiki/rouge';
import { porterStem } from '../../../../src/core/wiki/porter';

describe('rougeTokens', () => {
  it('lower-cases and turns every run of other characters into one space', () => {
    // "hello, world!!! it's 2024." → "hello world it s 2024 "
    expect(rougeTokens("Hello, WORLD!!! It's 2024.")).toEqual(['hello', 'world', 'it', 's', '2024']);
  });
  it('drops accented letters as separators, as Python does after lower()', () => {
    // "café naïve résumé" → "caf na ve r sum "
    expect(rougeTokens('Café naïve résumé')).toEqual(['caf', 'na', 've', 'r', 'sum']);
    // The Kelvin sign lower-cases to ASCII k; dotted capital I to "i" + a combining dot.
    expect(rougeTokens('\u212A')).toEqual(['k']);
    expect(rougeTokens('İstanbul')).toEqual(['i', 'stanbul']);
    expect(rougeTokens('日本語 and emoji 🙂')).toEqual(['and', 'emoji']);
  });
});

describe('rouge', () => {
  const P = 'the cat sat on the mat';
  const R = 'the cat is on the mat';
  it('ROUGE-1 clips counts: 5 of 6 unigrams match', () => {
    const s = rouge(P, R, 'rouge1');
    expect(s.precision).toBeCloseTo(5 / 6, 12);
    expect(s.recall).toBeCloseTo(5 / 6, 12);
    expect(s.f1).toBeCloseTo(5 / 6, 12);
  });
  it('ROUGE-2: "the cat", "on the", "the mat" of 5 bigrams each', () => {
    const s = rouge(P, R, 'rouge2');
    expect([s.precision, s.recall, s.f1].map((x) => +x.toFixed(12))).toEqual([0.6, 0.6, 0.6]);
  });
  it('ROUGE-L: the LCS "the cat on the mat" has 5 tokens', () => {
    expect(lcsLength(rougeTokens(P), rougeTokens(R))).toBe(5);
    expect(rouge(P, R, 'rougeL').f1).toBeCloseTo(5 / 6, 12);
  });
  it('punctuation and case do not matter; precision over the prediction, recall over the reference', () => {
    const s = rouge("Hello, WORLD!!! It's 2024.", 'hello world', 'rouge1');
    expect(s.precision).toBeCloseTo(2 / 5, 12);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo((2 * 0.4) / 1.4, 12);
  });
  it('repeated words count once per occurrence in the reference', () => {
    // pred the×4, ref the×1 cat×1: overlap 1, P 1/4, R 1/2, F 1/3
    const s = rouge('the the the the', 'the cat', 'rouge1');
    expect(s.precision).toBe(0.25);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(1 / 3, 12);
    expect(rouge('the the the the', 'the cat', 'rougeL').f1).toBeCloseTo(1 / 3, 12);
  });
  it('an empty prediction (or one with no a–z0–9) scores 0 on every metric', () => {
    for (const m of ['rouge1', 'rouge2', 'rougeL'] as const) {
      expect(rouge('', 'the cat', m)).toEqual({ precision: 0, recall: 0, f1: 0 });
      expect(rouge('!!! …', 'the cat', m)).toEqual({ precision: 0, recall: 0, f1: 0 });
    }
  });
  it('accented words do not match their unaccented spelling', () => {
    expect(rouge('Café naïve résumé', 'cafe naive resume').f1).toBe(0);
    expect(rouge('İstanbul', 'i stanbul').f1).toBe(1);
  });
});

describe('rougeMulti', () => {
  it('takes the reference with the best F1', () => {
    const s = rougeMulti('the cat sat', ['a dog ran', 'the cat sat down', 'the cat sat'], 'rouge1');
    expect(s).toEqual({ precision: 1, recall: 1, f1: 1 });
    const second = rougeMulti('the cat sat', ['a dog ran', 'the cat sat down'], 'rouge1');
    expect(second.recall).toBe(0.75);
    expect(second.f1).toBeCloseTo(6 / 7, 12);
  });
  it('keeps the first of references with equal F1', () => {
    // ref 1: P = R = 1/2; ref 2: P = 1, R = 1/3; both F1 = 1/2.
    const s = rougeMulti('a b', ['a x', 'a x y z w b'], 'rouge1');
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
  });
  it('refuses no reference', () => {
    expect(() => rougeMulti('a', [])).toThrow(RangeError);
  });
});

describe('stemming', () => {
  it("follows NLTK's Porter stemmer (its default NLTK_EXTENSIONS mode)", () => {
    const cases: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      ties: 'tie',
      cats: 'cat',
      feed: 'feed',
      agreed: 'agre',
      plastered: 'plaster',
      motoring: 'motor',
      sing: 'sing',
      hopping: 'hop',
      falling: 'fall',
      relational: 'relat',
      happy: 'happi',
      dying: 'die',
      skies: 'sky',
      conflated: 'conflat',
    };
    for (const [w, s] of Object.entries(cases)) expect(porterStem(w), w).toBe(s);
  });
  it('stems only tokens longer than three characters', () => {
    // "was" would become "wa" if stemmed; rouge_score leaves it.
    expect(rougeTokens('Running runs was', true)).toEqual(['run', 'run', 'was']);
    expect(rouge('running', 'runs', 'rouge1', true).f1).toBe(1);
    expect(rouge('running', 'runs', 'rouge1', false).f1).toBe(0);
  });
});
