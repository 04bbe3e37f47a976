import { describe, expect, it } from 'vitest';
import { DEFAULT_SELECTION, PAPER_SELECTION } from '../../../../src/core/bench/config';
import { selectItems, SelectionError } from '../../../../src/core/bench/items';
import type { RunPersona } from '../../../../src/core/pipeline/config';
import type { PromptItem } from '../../../../src/core/prompts/types';

const personas = (n: number, split: (i: number) => 'train' | 'test' = (i) => (i % 3 === 0 ? 'test' : 'train')): RunPersona[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, split: split(i), text: `age: ${20 + i}` }));
const prompts = (n: number, split = true): PromptItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    text: `Question ${i}?`,
    topic: i % 2 ? 'ethics' : 'politics',
    ...(split ? { split: i % 4 === 3 ? ('heldout' as const) : ('train' as const) } : {}),
  }));

describe('choosing bench items', () => {
  it('gives every test persona k held-out prompts by default, drawn with the seed', () => {
    const s = selectItems(personas(12), prompts(40), DEFAULT_SELECTION, 5, 0.25);
    expect(s.personas.map((p) => p.id)).toEqual(['p0', 'p3', 'p6', 'p9']);
    expect(s.items).toHaveLength(8);
    for (const p of s.personas) {
      const mine = s.items.filter((i) => i.personaId === p.id);
      expect(mine).toHaveLength(2);
      expect(new Set(mine.map((i) => i.promptId)).size).toBe(2);
    }
    expect(s.prompts.every((p) => p.split === 'heldout')).toBe(true);
    expect(new Set(s.items.map((i) => i.promptId))).toEqual(new Set(s.prompts.map((p) => p.id)));
    // Same inputs and seed: same items; another seed: others.
    expect(selectItems(personas(12), prompts(40), DEFAULT_SELECTION, 5, 0.25).items).toEqual(s.items);
    expect(selectItems(personas(12), prompts(40), DEFAULT_SELECTION, 6, 0.25).items).not.toEqual(s.items);
  });

  it("keeps a persona's prompts when other personas are added (each persona has its own stream)", () => {
    const few = selectItems(personas(6), prompts(40), { ...DEFAULT_SELECTION, perPersona: 3 }, 1, 0.25);
    const more = selectItems(personas(30), prompts(40), { ...DEFAULT_SELECTION, perPersona: 3 }, 1, 0.25);
    expect(more.items.slice(0, few.items.length)).toEqual(few.items);
  });

  it('splits prompts without a split with the seed, and caps personas', () => {
    const s = selectItems(personas(12), prompts(40, false), { ...DEFAULT_SELECTION, maxPersonas: 2, personaSplit: 'all' }, 3, 0.25);
    expect(s.personas.map((p) => p.id)).toEqual(['p0', 'p1']);
    expect(s.prompts.every((p) => p.split === 'heldout')).toBe(true);
    expect(s.items).toHaveLength(4);
  });

  it("draws the paper's design: N distinct prompts, each with a persona of the first 1,000", () => {
    const s = selectItems(
      personas(1200, () => 'train'),
      prompts(3000),
      PAPER_SELECTION,
      1,
      0.25,
    );
    expect(s.items).toHaveLength(700);
    expect(new Set(s.items.map((i) => i.promptId)).size).toBe(700);
    expect(s.items.every((i) => Number(i.personaId.slice(1)) < 1000)).toBe(true);
    expect(s.warnings).toEqual([]);
    const small = selectItems(
      personas(20, () => 'train'),
      prompts(40),
      PAPER_SELECTION,
      1,
      0.25,
    );
    expect(small.items).toHaveLength(10);
    expect(small.warnings[0]).toMatch(/700 prompts but the heldout split has 10/);
  });

  it('says what to change when no persona or prompt fits', () => {
    expect(() =>
      selectItems(
        personas(3, () => 'train'),
        prompts(8),
        DEFAULT_SELECTION,
        1,
        0.25,
      ),
    ).toThrow(SelectionError);
    expect(() =>
      selectItems(
        personas(3, () => 'train'),
        prompts(8),
        DEFAULT_SELECTION,
        1,
        0.25,
      ),
    ).toThrow(/No persona of the test split among 3 \(their splits: train\)/);
    expect(() => selectItems(personas(3), prompts(3), DEFAULT_SELECTION, 1, 0.25)).toThrow(/No prompt of the heldout split/);
    const warn = selectItems(personas(3), prompts(8), { ...DEFAULT_SELECTION, perPersona: 5 }, 1, 0.25);
    expect(warn.warnings[0]).toMatch(/wants 5 prompts but the heldout split has 2/);
  });
});
