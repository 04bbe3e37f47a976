import { describe, expect, it } from 'vitest';
import { importLabelCells, importLabelJsonl, LabelFileError } from '../../../../src/core/judging/label-import';
import { withHumanMajority, toMatrix, MAJORITY_ID } from '../../../../src/core/judging/label-set';
import { mergeLabelSets } from '../../../../src/core/judging/merge';

const csv = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('label files', () => {
  it('reads the long layout with personas, kinds, order and lengths', () => {
    const r = importLabelCells(
      csv(`
pair_id,rater,choice,persona_id,rater_kind,model,mode,shown_first,length_a,length_b
p1,llama/cot,b,P1,model,llama,cot,a,100,300
p2,llama/cot,a,P1,model,llama,cot,b,,
p1,ann,b,P1,human,,,b,100,300
p3,ann,,P2,human,,,,,
`),
      'labels.csv',
      1000,
    );
    expect(r.format).toBe('long');
    const s = r.set;
    expect(s.categories).toEqual(['a', 'b']);
    expect(s.raters).toEqual([
      { id: 'llama/cot', kind: 'model', model: 'llama', mode: 'cot' },
      { id: 'ann', kind: 'human' },
    ]);
    expect(s.pairs).toEqual([
      { id: 'p1', personaId: 'P1', lengthA: 100, lengthB: 300 },
      { id: 'p2', personaId: 'P1' },
      { id: 'p3', personaId: 'P2' },
    ]);
    expect(Array.from(s.choices)).toEqual([1, 0, -1, 1, -1, -1]);
    expect(Array.from(s.shownFirst)).toEqual([0, 1, -1, 1, -1, -1]);
  });

  it('keeps identical repeats once and lists them; lists conflicting repeats and leaves them out', () => {
    const r = importLabelCells(
      csv(`
pair_id,rater,choice
p1,m,a
p1,m,a
p2,m,a
p2,m,b
p3,m,b
`),
      'x.csv',
      1,
    );
    expect(r.duplicates).toEqual([{ pairId: 'p1', rater: 'm', choices: ['a', 'a'], rows: [2, 3] }]);
    expect(r.conflicts).toEqual([{ pairId: 'p2', rater: 'm', choices: ['a', 'b'], rows: [4, 5] }]);
    expect(Array.from(r.set.choices)).toEqual([0, -1, 1]);
  });

  it('names every bad row', () => {
    const bad = () =>
      importLabelCells(
        csv(`
pair_id,rater,choice,rater_kind
p1,m,a,robot
,m,a,model
p2,m,c,model
`),
        'bad.csv',
        1,
      );
    expect(bad).toThrow(LabelFileError);
    expect(bad).toThrow(/row 2: rater_kind: .*; row 3: pair_id: pair_id is empty/);
  });

  it('refuses a pair with two personas and a rater with two kinds', () => {
    expect(() => importLabelCells(csv('pair_id,rater,choice,persona_id\np1,m,a,A\np1,n,a,B'), 'x', 1)).toThrow(
      /row 3: pair "p1" has persona "B" here but "A" earlier/,
    );
    expect(() => importLabelCells(csv('pair_id,rater,choice,rater_kind\np1,m,a,model\np2,m,a,human'), 'x', 1)).toThrow(
      /rater "m" is human here but model earlier/,
    );
  });

  it('reads the wide layout of the agreement CLI', () => {
    const r = importLabelCells(csv('r1,r2\n1,2\n2,2'), 'wide.csv', 1);
    expect(r.format).toBe('wide');
    expect(r.set.raters.map((x) => x.id)).toEqual(['r1', 'r2']);
    expect(r.set.categories).toEqual(['1', '2']);
  });

  it('reads JSONL and names bad lines', () => {
    const ok = importLabelJsonl('{"pair_id":"p1","rater":"m","choice":"b"}\n\n{"pair_id":2,"rater":"m","choice":null}\n', 'x.jsonl', 1);
    expect(ok.set.pairs.map((p) => p.id)).toEqual(['p1', '2']);
    expect(Array.from(ok.set.choices)).toEqual([1, -1]);
    expect(() => importLabelJsonl('{"pair_id":"p1"\n', 'x', 1)).toThrow(/line 1: not valid JSON/);
    expect(() => importLabelJsonl('{"pair_id":"p1","choice":"a"}', 'x', 1)).toThrow(/line 1: rater/);
  });
});

describe('human majority and merging', () => {
  const humans = importLabelCells(
    csv(`
pair_id,rater,choice,rater_kind,persona_id
p1,h1,a,human,P
p1,h2,a,human,P
p1,h3,a,human,P
p1,h4,b,human,P
p2,h1,a,human,P
p2,h2,b,human,P
p2,h3,a,human,P
p2,h4,b,human,P
`),
    'h',
    1,
  ).set;
  it('adds the 3-of-4 majority as a rater, ties missing', () => {
    const r = withHumanMajority(humans)!;
    expect(r.ties).toBe(1);
    expect(r.set.raters.at(-1)).toEqual({ id: MAJORITY_ID, kind: 'majority' });
    const m = toMatrix(r.set);
    expect(Array.from(m.codes.subarray(4 * 2))).toEqual([0, -1]);
  });
  it('joins model labels on pair ids', () => {
    const models = importLabelCells(csv('pair_id,rater,choice,rater_kind\np2,m,b,model\np9,m,a,model'), 'm', 1).set;
    const j = mergeLabelSets(humans, models, 'j', 2);
    expect(j.pairs.map((p) => p.id)).toEqual(['p1', 'p2', 'p9']);
    expect(Array.from(j.choices.subarray(4 * 3))).toEqual([-1, 1, 0]);
    const shared = mergeLabelSets(humans, models, 'j', 2, true);
    expect(shared.pairs.map((p) => p.id)).toEqual(['p2']);
    expect(() => mergeLabelSets(humans, humans, 'x', 1)).toThrow(/rater "h1" is in both/);
  });
});
