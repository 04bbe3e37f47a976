import { describe, expect, it } from 'vitest';
import { AliasTable, Rng, hash128, hashHex } from '../../../src/core/random';

describe('Rng', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    const a = new Rng('seed-1');
    const b = new Rng('seed-1');
    const c = new Rng('seed-2');
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('pins the stream so a change to the generator cannot pass unnoticed', () => {
    // Values recorded from this implementation; the browser must produce the same (see e2e).
    expect(hash128('persona-lab')).toEqual([2417418825, 533989108, 1801340333, 31630090]);
    const r = new Rng(42);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toMatchInlineSnapshot(`
      [
        2626566973,
        1247484098,
        2614520402,
      ]
    `);
  });

  it('draws floats in [0, 1) with a mean near one half', () => {
    const r = new Rng('floats');
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it('int(n) is uniform: chi-square over 10 cells stays below the 0.999 quantile', () => {
    const r = new Rng('ints');
    const counts: number[] = new Array<number>(10).fill(0);
    const n = 50_000;
    for (let i = 0; i < n; i++) counts[r.int(10)]! += 1;
    const chi = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.88); // chi-square, 9 df, p = 0.001
  });

  it('fork is independent of how far the parent has advanced', () => {
    const a = new Rng('p');
    const b = new Rng('p');
    b.next();
    b.next();
    expect(a.fork('child').next()).toBe(b.fork('child').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('rejects bad arguments with a clear message', () => {
    const r = new Rng(1);
    expect(() => r.int(0)).toThrow(/positive integer/);
    expect(() => r.pick([])).toThrow(/empty/);
    expect(() => r.weightedIndex([0, 0])).toThrow(/positive total/);
  });

  it('weightedIndex and AliasTable follow their weights', () => {
    const w = [1, 0, 3, 6];
    const r = new Rng('w');
    const alias = new AliasTable(w);
    const a = [0, 0, 0, 0];
    const b = [0, 0, 0, 0];
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      a[r.weightedIndex(w)]! += 1;
      b[alias.draw(r)]! += 1;
    }
    for (const counts of [a, b]) {
      expect(counts[1]).toBe(0);
      expect(counts[0]! / n).toBeCloseTo(0.1, 1);
      expect(counts[2]! / n).toBeCloseTo(0.3, 1);
      expect(counts[3]! / n).toBeCloseTo(0.6, 1);
    }
  });

  it('shuffle is a permutation and sample gives distinct items', () => {
    const r = new Rng('s');
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(r.shuffle(items).sort((x, y) => x - y)).toEqual(items);
    const s = r.sample(items, 5);
    expect(new Set(s).size).toBe(5);
    expect(hashHex('abc')).toMatch(/^[0-9a-f]{16}$/);
  });
});
