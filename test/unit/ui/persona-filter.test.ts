import { describe, expect, it } from 'vitest';
import { filterPersonas, NO_FILTER, personaSummary, searchIndex } from '../../../src/ui/personas/persona-filter';
import { generatePersonas } from '../../../src/core/personas/generate';
import { FIXTURE_SOURCE } from '../../fixtures/census-fixture';

const set = generatePersonas(FIXTURE_SOURCE, { seed: 'filter', count: 400 });
const index = searchIndex(set);

describe('persona list filters', () => {
  it('passes everything with no filter and combines split, sex, ages and words', () => {
    expect(filterPersonas(set, index, NO_FILTER)).toHaveLength(400);
    const hits = filterPersonas(set, index, { ...NO_FILTER, split: 'test', sex: 'Female', minAge: 30, maxAge: 60, query: 'Mexico NEVER' });
    for (const i of hits) {
      const p = set[i]!;
      expect(p.split).toBe('test');
      expect(p.sex).toBe('Female');
      expect(p.age as number).toBeGreaterThanOrEqual(30);
      expect(JSON.stringify(p).toLowerCase()).toMatch(/mexico/);
      expect(JSON.stringify(p).toLowerCase()).toMatch(/never/);
    }
    const expected = set.filter(
      (p) =>
        p.split === 'test' &&
        p.sex === 'Female' &&
        (p.age as number) >= 30 &&
        (p.age as number) <= 60 &&
        index[set.indexOf(p)]!.includes('mexico') &&
        index[set.indexOf(p)]!.includes('never'),
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((i) => set[i])).toEqual(expected);
    expect(filterPersonas(set, index, { ...NO_FILTER, query: set[7]!.id })).toEqual([7]);
  });

  it('summarises a persona in one line', () => {
    expect(personaSummary(set[0]!)).toContain(String(set[0]!.age));
    expect(personaSummary(set[0]!)).not.toMatch(/[A-Z]{3}-|\/[A-Z]{2}\b/);
  });
});
