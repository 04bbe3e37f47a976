import { describe, expect, it } from 'vitest';
import { analyseJudges } from '../../../../src/core/judging/analysis';
import { importLabelRecords } from '../../../../src/core/judging/label-import';
import { MAJORITY_ID } from '../../../../src/core/judging/label-set';
import { readTextRecords } from '../../../../src/core/records/read';
import { cohenKappa } from '../../../../src/core/stats/cohen';

// Two personas, 4 pairs each; two humans and one model. The model always picks the response shown first.
const rows = ['pair_id,rater,choice,rater_kind,persona_id,shown_first,length_a,length_b'];
const h1 = 'abba' + 'bbab',
  h2 = 'abbb' + 'bbaa',
  m = 'aabb' + 'abab',
  first = 'aabb' + 'abab';
for (let i = 0; i < 8; i++) {
  const persona = i < 4 ? 'P1' : 'P2';
  const len = i % 2 ? '10,50' : '50,10';
  rows.push(
    `q${i},h1,${h1[i]},human,${persona},a,${len}`,
    `q${i},h2,${h2[i]},human,${persona},b,${len}`,
    `q${i},m,${m[i]},model,${persona},${first[i]},${len}`,
  );
}
const imported = importLabelRecords(readTextRecords('fixture.csv', rows.join('\n')), 1);
if (imported.status !== 'ok') throw new Error('the fixture does not import');
const set = imported.value.set;

describe('judge analysis', () => {
  const a = analyseJudges(set);
  it('adds the human majority and uses it as the reference', () => {
    expect(a.raters.map((r) => r.id)).toEqual(['h1', 'h2', 'm', MAJORITY_ID]);
    expect(a.reference).toBe(MAJORITY_ID);
    // Two humans: a majority needs both (2 of 2); the 2 disagreements (items 3 and 7) are ties.
    expect(a.majority).toEqual({ ties: 2, noMajority: 0 });
  });
  it('pairwise kappa equals two-rater Cohen', () => {
    const code = (s: string) => [...s].map((c) => (c === 'a' ? 0 : 1));
    expect(a.pairwise.kappa[0 * 4 + 1]).toBeCloseTo(cohenKappa(code(h1), code(h2), 2).value!, 12);
  });
  it('per-persona kappa against the reference, undefined personas counted', () => {
    const model = a.perPersona.find((p) => p.rater === 'm')!;
    expect(a.personas).toEqual(['P1', 'P2']);
    expect(model.kappas).toHaveLength(2);
  });
  it('position bias of a judge that always picks the first shown response is 1', () => {
    const b = a.bias!.find((x) => x.rater === 'm')!;
    expect(b.position).toMatchObject({ rate: 1, n: 8 });
    // h1 always saw "a" first.
    expect(a.bias!.find((x) => x.rater === 'h1')!.position.hits).toBe([...h1].filter((c) => c === 'a').length);
  });
  it('length bias: share of picks of the longer response', () => {
    const b = a.bias!.find((x) => x.rater === 'm')!;
    // Longer is a on even items (50 vs 10), b on odd. m = a a b b a b a b → longer picked at items 0, 3, 4, 5, 6, 7 → 6 of 8.
    expect(b.length).toMatchObject({ hits: 6, n: 8 });
  });
  it('Fleiss and Krippendorff over the own raters', () => {
    expect(a.fleiss!.nRaters).toBe(3);
    expect(a.krippendorff!.value).not.toBeNull();
  });
});
