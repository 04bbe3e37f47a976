import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS, defaultPrompts } from '../../../../src/core/prompts/default-set';
import { ruleFilter, wordCount } from '../../../../src/core/prompts/filters';
import { TOPICS } from '../../../../src/core/prompts/topics';

describe('the default prompt set', () => {
  const prompts = defaultPrompts();

  it('has at least 300 distinct questions, each ending with "?" and at least five words long', () => {
    expect(prompts.length).toBeGreaterThanOrEqual(300);
    for (const p of prompts) {
      expect(p.text.endsWith('?'), p.text).toBe(true);
      expect(wordCount(p.text), p.text).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
  });

  it('passes the paper rule filters unchanged', () => {
    expect(ruleFilter(prompts).report).toEqual({ input: prompts.length, kept: prompts.length, dropped: {} });
  });

  it('labels every question with a known topic and spreads them over every topic', () => {
    const ids = new Set(TOPICS.map((t) => t.id));
    for (const topic of Object.keys(DEFAULT_QUESTIONS)) expect(ids.has(topic), topic).toBe(true);
    expect(Object.keys(DEFAULT_QUESTIONS).sort()).toEqual([...ids].sort());
    for (const qs of Object.values(DEFAULT_QUESTIONS)) expect(qs.length).toBeGreaterThanOrEqual(20);
  });
});
