/**
 * Joining label sets on pair ids: the classroom's human answers with model judges' labels on the
 * same pairs, or two imports of the same pairs. Raters are concatenated; a rater id present in
 * both is an error (rename before joining), as is a pair given different personas.
 */
import { hashHex } from '../random';
import type { LabelSet, PairRef } from './label-set';

/** Joins `b` into `a`. Pairs of b not in a are added; `onlyShared` keeps just the pairs in both. */
export function mergeLabelSets(a: LabelSet, b: LabelSet, name: string, now: number, onlyShared = false): LabelSet {
  if (a.categories.join('\u0000') !== b.categories.join('\u0000')) {
    throw new Error(`the label sets have different categories (${a.categories.join(', ')} / ${b.categories.join(', ')})`);
  }
  const clash = b.raters.find((r) => a.raters.some((x) => x.id === r.id));
  if (clash) throw new Error(`rater "${clash.id}" is in both label sets`);
  const bIdx = new Map(b.pairs.map((p, i) => [p.id, i]));
  const pairs: PairRef[] = [];
  const fromA: number[] = [],
    fromB: number[] = [];
  a.pairs.forEach((p, i) => {
    const j = bIdx.get(p.id);
    if (onlyShared && j === undefined) return;
    const other = j === undefined ? undefined : b.pairs[j]!;
    if (other && p.personaId && other.personaId && p.personaId !== other.personaId) {
      throw new Error(`pair "${p.id}" has persona "${p.personaId}" in one set and "${other.personaId}" in the other`);
    }
    pairs.push({ ...other, ...p, personaId: p.personaId || other?.personaId || '' });
    fromA.push(i);
    fromB.push(j ?? -1);
  });
  if (!onlyShared) {
    const inA = new Set(a.pairs.map((p) => p.id));
    b.pairs.forEach((p, j) => {
      if (inA.has(p.id)) return;
      pairs.push(p);
      fromA.push(-1);
      fromB.push(j);
    });
  }
  const n = pairs.length,
    R = a.raters.length + b.raters.length;
  const choices = new Int16Array(R * n).fill(-1),
    shownFirst = new Int16Array(R * n).fill(-1);
  const copy = (src: LabelSet, offset: number, from: number[]) => {
    const m = src.pairs.length;
    src.raters.forEach((_, r) => {
      from.forEach((i, k) => {
        if (i < 0) return;
        choices[(offset + r) * n + k] = src.choices[r * m + i]!;
        shownFirst[(offset + r) * n + k] = src.shownFirst[r * m + i]!;
      });
    });
  };
  copy(a, 0, fromA);
  copy(b, a.raters.length, fromB);
  return {
    id: hashHex(`${a.id}+${b.id}/${now}`),
    name,
    createdAt: now,
    categories: a.categories,
    raters: [...a.raters, ...b.raters],
    pairs,
    choices,
    shownFirst,
  };
}
