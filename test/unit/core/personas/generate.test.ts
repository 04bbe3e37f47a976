import { describe, expect, it } from 'vitest';
import { checkAllRules, generatePersonas, PersonaGenerator } from '../../../../src/core/personas/generate';
import { PERSONA_KEYS, personaSchema } from '../../../../src/core/personas/schema';
import { assignSplits, trainCount } from '../../../../src/core/personas/split';
import { FIXTURE_SOURCE } from '../../../fixtures/census-fixture';

describe('persona generator', () => {
  it('is reproducible: same seed and parameters give byte-identical output', () => {
    const a = JSON.stringify(generatePersonas(FIXTURE_SOURCE, { seed: 'repro', count: 300 }));
    const b = JSON.stringify(generatePersonas(FIXTURE_SOURCE, { seed: 'repro', count: 300 }));
    expect(a).toBe(b);
    expect(JSON.stringify(generatePersonas(FIXTURE_SOURCE, { seed: 'other', count: 300 }))).not.toBe(a);
  });

  it('gives persona i the same id and attributes whatever the count', () => {
    const small = generatePersonas(FIXTURE_SOURCE, { seed: 's', count: 50 });
    const large = generatePersonas(FIXTURE_SOURCE, { seed: 's', count: 500 });
    small.forEach((p, i) => {
      const { split: _a, ...x } = p;
      const { split: _b, ...y } = large[i]!;
      expect(x).toEqual(y);
    });
    expect(new Set(large.map((p) => p.id)).size).toBe(500);
  });

  it('derives ids from seed, index and population', () => {
    const g = new PersonaGenerator(FIXTURE_SOURCE, { seed: 'x', count: 3 });
    const h = new PersonaGenerator(FIXTURE_SOURCE, { seed: 'x', count: 3, minAge: 18 });
    expect(g.id(0)).toMatch(/^[0-9a-f]{16}$/);
    expect(g.id(0)).toBe(new PersonaGenerator(FIXTURE_SOURCE, { seed: 'x', count: 99 }).id(0));
    expect(g.id(0)).not.toBe(g.id(1));
    expect(g.id(0)).not.toBe(h.id(0));
  });

  it("writes the 34 keys in the paper's order after id and split, valid for personaSchema", () => {
    for (const p of generatePersonas(FIXTURE_SOURCE, { seed: 'keys', count: 200 })) {
      expect(Object.keys(p)).toEqual(['id', 'split', ...PERSONA_KEYS]);
      expect(personaSchema.safeParse(p).success).toBe(true);
    }
  });

  it('splits 1,586 personas 1,000/586 and other counts proportionally', () => {
    const ps = generatePersonas(FIXTURE_SOURCE, { seed: 'split', count: 1586 });
    expect(ps.filter((p) => p.split === 'train')).toHaveLength(1000);
    expect(ps.filter((p) => p.split === 'test')).toHaveLength(586);
    expect(trainCount(100)).toBe(63);
    expect(trainCount(0)).toBe(0);
    expect(assignSplits(100, 'a').filter((s) => s === 'train')).toHaveLength(63);
    expect(assignSplits(100, 'a')).toEqual(assignSplits(100, 'a'));
    expect(assignSplits(100, 'a')).not.toEqual(assignSplits(100, 'b'));
  });

  it('respects the age range', () => {
    for (const p of generatePersonas(FIXTURE_SOURCE, { seed: 'age', count: 300, minAge: 18, maxAge: 30 })) {
      expect(p.age as number).toBeGreaterThanOrEqual(18);
      expect(p.age as number).toBeLessThanOrEqual(30);
      expect(p['political views']).not.toBe('Too young to have political views');
    }
  });

  it('breaks no hard rule in 100,000 personas, each drawn right the first time', () => {
    const g = new PersonaGenerator(FIXTURE_SOURCE, { seed: 'rules', count: 100_000 });
    let redrawn = 0;
    for (let i = 0; i < 100_000; i++) {
      const { attributes, attempt } = g.attributes(i);
      if (attempt > 0) redrawn++;
      const violations = checkAllRules(attributes);
      if (violations.length) throw new Error(`persona ${i}: ${JSON.stringify(violations)}`);
    }
    expect(redrawn).toBe(0);
  });

  it('redraws a persona that breaks a census rule and gives up on one that always does', () => {
    let calls = 0;
    const picky = { ...FIXTURE_SOURCE, checkRules: () => (calls++ % 3 === 0 ? [{ rule: 'test', key: 'age', message: 'odd' }] : []) };
    const g = new PersonaGenerator(picky, { seed: 'redraw', count: 1 });
    expect(g.attributes(0).attempt).toBe(1);
    const never = { ...FIXTURE_SOURCE, checkRules: () => [{ rule: 'never', key: 'age', message: 'always broken' }] };
    expect(() => new PersonaGenerator(never, { seed: 'x', count: 1 }).attributes(0)).toThrow(/never \(always broken\)/);
  });

  it('reports progress and stops when aborted', () => {
    const seen: number[] = [];
    generatePersonas(FIXTURE_SOURCE, { seed: 'p', count: 250 }, { progressEvery: 100, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([100, 200, 250]);
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    expect(() => generatePersonas(FIXTURE_SOURCE, { seed: 'p', count: 10 }, { signal: ac.signal })).toThrow('stop');
  });
});
