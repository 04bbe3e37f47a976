import { describe, expect, it } from 'vitest';
import { ruleFilter, wordCount } from '../../../../src/core/prompts/filters';
import { splitByTopic, PAPER_HELDOUT_FRACTION } from '../../../../src/core/prompts/split';
import { topicByKeywords } from '../../../../src/core/prompts/topics';
import { promptId, type PromptItem } from '../../../../src/core/prompts/types';

const item = (text: string, topic = 'other'): PromptItem => ({ id: promptId(text), text, topic });

describe('ruleFilter', () => {
  it('drops prompts without "?", under five words, and duplicates (after normalising)', () => {
    const { prompts, report } = ruleFilter([
      item('Hello'),
      item('Do God exist?'),
      item('How do I bake a moist chocolate cake'),
      item('Who is right in the war, and why?'),
      item('  who is right in the   war, and why?  '),
      item('   '),
      item('Is it fair to judge the past by today?'),
    ]);
    expect(prompts.map((p) => p.text)).toEqual(['Who is right in the war, and why?', 'Is it fair to judge the past by today?']);
    expect(report).toEqual({ input: 7, kept: 2, dropped: { 'no-question-mark': 2, 'too-short': 1, duplicate: 1, empty: 1 } });
  });
  it('counts words as runs of non-space characters', () => {
    expect(wordCount(' a  b\tc\nd ')).toBe(4);
    expect(wordCount('')).toBe(0);
  });
});

describe('topicByKeywords', () => {
  it('labels by whole-word keyword matches and falls back to "other"', () => {
    expect(topicByKeywords('Should immigrants be required to learn the language?')).toBe('immigration');
    expect(topicByKeywords('Does God exist?')).toBe('religion');
    expect(topicByKeywords('Will AI take my job?')).toBe('technology');
    expect(topicByKeywords('What is the capital of Peru?')).toBe('other');
    expect(topicByKeywords('Is the paint dry?')).toBe('other'); // "ai" inside a word does not count
  });
  it('does not count phrases whose keyword means something else', () => {
    expect(topicByKeywords('How do I handle conflict in a team environment?')).toBe('work');
    expect(topicByKeywords('Is a toxic work environment a reason to quit?')).toBe('work');
    expect(topicByKeywords('Is it bad to grow up in a learning environment with no grades?')).not.toBe('environment');
    expect(topicByKeywords('Should we protect the environment over jobs?')).toBe('environment');
    expect(topicByKeywords('Is olive oil healthier than butter?')).not.toBe('environment');
    expect(topicByKeywords('Should we drill for more oil?')).toBe('environment');
    expect(topicByKeywords('What should I bring to a birthday party?')).not.toBe('politics');
    expect(topicByKeywords('Which party should I vote for?')).toBe('politics');
    expect(topicByKeywords('Is the rat race worth it?')).not.toBe('identity');
    expect(topicByKeywords('What should I do when my due date is close?')).not.toBe('family');
    expect(topicByKeywords('Is a state of the art phone worth it?')).toBe('technology');
    expect(topicByKeywords('What the hell is going on with prices?')).toBe('money');
  });
});

describe('splitByTopic', () => {
  const prompts = Array.from({ length: 3868 }, (_, i) =>
    item(`Question ${i} about something?`, ['a', 'b', 'c', 'd'][i % 7 === 0 ? 3 : i % 3]!),
  );

  it('holds out 868 of 3,868 by default and keeps every topic in proportion', () => {
    const split = splitByTopic(prompts, { seed: 1 });
    const held = split.filter((p) => p.split === 'heldout');
    expect(held.length).toBe(868);
    for (const topic of ['a', 'b', 'c', 'd']) {
      const n = prompts.filter((p) => p.topic === topic).length;
      const h = held.filter((p) => p.topic === topic).length;
      expect(Math.abs(h - n * PAPER_HELDOUT_FRACTION)).toBeLessThanOrEqual(1);
    }
    expect(split.map((p) => p.id)).toEqual(prompts.map((p) => p.id));
  });

  it('is deterministic in the seed and changes with it', () => {
    const a = splitByTopic(prompts, { seed: 'x' }).map((p) => p.split);
    expect(splitByTopic(prompts, { seed: 'x' }).map((p) => p.split)).toEqual(a);
    expect(splitByTopic(prompts, { seed: 'y' }).map((p) => p.split)).not.toEqual(a);
  });

  it('honours another fraction, including 0 and 1', () => {
    expect(splitByTopic(prompts.slice(0, 10), { seed: 1, heldoutFraction: 0.5 }).filter((p) => p.split === 'heldout')).toHaveLength(5);
    expect(splitByTopic(prompts.slice(0, 10), { seed: 1, heldoutFraction: 0 }).every((p) => p.split === 'train')).toBe(true);
    expect(splitByTopic(prompts.slice(0, 10), { seed: 1, heldoutFraction: 1 }).every((p) => p.split === 'heldout')).toBe(true);
  });
});
