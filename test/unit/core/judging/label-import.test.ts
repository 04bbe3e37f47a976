import { describe, expect, it } from 'vitest';
import { importLabelFile, importLabelRecords, type LabelImport } from '../../../../src/core/judging/label-import';
import { formatProblem } from '../../../../src/core/records/problems';
import { readTextRecords } from '../../../../src/core/records/read';
import { withHumanMajority, toMatrix, MAJORITY_ID } from '../../../../src/core/judging/label-set';
import { mergeLabelSets } from '../../../../src/core/judging/merge';

/** Imports a label file that must import cleanly. */
const importOk = (text: string, name = 'labels.csv'): LabelImport => {
  const r = importLabelRecords(readTextRecords(name, text.trim() + '\n'), 1000);
  if (r.status !== 'ok') throw new Error(`expected an import: ${JSON.stringify(r)}`);
  return r.value;
};
/** The problems of a label file that must be refused, formatted. */
const problemsOf = async (text: string, name = 'bad.csv'): Promise<string[]> => {
  const r = await importLabelFile(name, text, 1);
  if (r.status !== 'problems') throw new Error(`expected problems: ${JSON.stringify(r)}`);
  return r.problems.map(formatProblem);
};

describe('label files', () => {
  it('reads the long layout with personas, kinds, order and lengths', () => {
    const r = importOk(`
pair_id,rater,choice,persona_id,rater_kind,model,mode,shown_first,length_a,length_b
p1,llama/cot,b,P1,model,llama,cot,a,100,300
p2,llama/cot,a,P1,model,llama,cot,b,,
p1,ann,b,P1,human,,,b,100,300
p3,ann,,P2,human,,,,,
`);
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
    const r = importOk(`
pair_id,rater,choice
p1,m,a
p1,m,a
p2,m,a
p2,m,b
p3,m,b
`);
    expect(r.duplicates).toEqual([{ pairId: 'p1', rater: 'm', choices: ['a', 'a'], rows: [2, 3] }]);
    expect(r.conflicts).toEqual([{ pairId: 'p2', rater: 'm', choices: ['a', 'b'], rows: [4, 5] }]);
    expect(Array.from(r.set.choices)).toEqual([0, -1, 1]);
  });

  it('names the file, line and field of every bad row', async () => {
    expect(
      await problemsOf(`pair_id,rater,choice,rater_kind
p1,m,a,robot
,m,a,model
p2,m,c,model
`),
    ).toEqual([expect.stringMatching(/^bad\.csv, line 2, field "rater_kind": /), 'bad.csv, line 3, field "pair_id": pair_id is empty']);
  });

  it('refuses a pair with two personas and a rater with two kinds', async () => {
    expect(await problemsOf('pair_id,rater,choice,persona_id\np1,m,a,A\np1,n,a,B')).toEqual([
      'bad.csv, line 3, field "persona_id": pair "p1" has persona "B" here but "A" earlier',
    ]);
    expect((await problemsOf('pair_id,rater,choice,rater_kind\np1,m,a,model\np2,m,a,human'))[0]).toMatch(
      /line 3, field "rater_kind": rater "m" is human here but model earlier/,
    );
  });

  it('reads the wide layout of the agreement CLI', () => {
    const r = importOk('r1,r2\n1,2\n2,2', 'wide.csv');
    expect(r.format).toBe('wide');
    expect(r.set.raters.map((x) => x.id)).toEqual(['r1', 'r2']);
    expect(r.set.categories).toEqual(['1', '2']);
    expect(r.idColumns).toEqual([]);
  });

  it('never counts an id column as a rater: named ones are item ids, others are asked about', async () => {
    const named = importOk('pair_id,persona_id,judge-a,judge-b\np1,P1,a,b\np2,P1,a,a\np3,P2,b,b\n', 'ids.csv');
    expect(named.idColumns).toEqual(['pair_id', 'persona_id']);
    expect(named.set.raters.map((r) => r.id)).toEqual(['judge-a', 'judge-b']);
    expect(named.set.pairs).toEqual([
      { id: 'p1', personaId: 'P1' },
      { id: 'p2', personaId: 'P1' },
      { id: 'p3', personaId: 'P2' },
    ]);
    const unsure = 'question,judge-a,judge-b\nq1,a,b\nq2,a,a\nq3,b,b\n';
    expect(await importLabelFile('u.csv', unsure, 1)).toEqual({
      status: 'choose-id',
      file: 'u.csv',
      columns: ['question', 'judge-a', 'judge-b'],
      candidates: ['question'],
    });
    const asIds = await importLabelFile('u.csv', unsure, 1, { idColumn: 'question' });
    expect(asIds.status === 'ok' && asIds.value.set.raters.map((r) => r.id)).toEqual(['judge-a', 'judge-b']);
    expect(asIds.status === 'ok' && asIds.value.idColumns).toEqual(['question']);
    const asRater = await importLabelFile('u.csv', unsure, 1, { idColumn: null });
    expect(asRater.status === 'ok' && asRater.value.set.raters).toHaveLength(3);
    expect(await problemsOf('item,r1,r2\nx,a,b\nx,a,a\n,b,b\n')).toEqual([
      'bad.csv, line 3, field "item": item "x" appears twice (first on line 2)',
      'bad.csv, line 4, field "item": the item has no id',
    ]);
  });

  it('reads JSONL and names bad lines', async () => {
    const ok = importOk('{"pair_id":"p1","rater":"m","choice":"b"}\n\n{"pair_id":2,"rater":"m","choice":null}\n', 'x.jsonl');
    expect(ok.set.pairs.map((p) => p.id)).toEqual(['p1', '2']);
    expect(Array.from(ok.set.choices)).toEqual([1, -1]);
    expect(await problemsOf('\uFEFF{"pair_id":"p1"\nnull\n', 'x.jsonl')).toEqual([
      "x.jsonl, line 1: not valid JSON (expected ',' or '}' after property value at column 16)",
      'x.jsonl, line 2: the line is null, not a record (a JSON object)',
    ]);
    expect(await problemsOf('{"pair_id":"p1","choice":"a"}', 'x.jsonl')).toEqual([
      expect.stringMatching(/^x\.jsonl, line 1, field "rater": /),
    ]);
    expect(await problemsOf('', 'x.jsonl')).toEqual(['x.jsonl: the file holds no labels']);
  });
});

describe('human majority and merging', () => {
  const humans = importOk(`
pair_id,rater,choice,rater_kind,persona_id
p1,h1,a,human,P
p1,h2,a,human,P
p1,h3,a,human,P
p1,h4,b,human,P
p2,h1,a,human,P
p2,h2,b,human,P
p2,h3,a,human,P
p2,h4,b,human,P
`).set;
  it('adds the 3-of-4 majority as a rater, ties missing', () => {
    const r = withHumanMajority(humans)!;
    expect(r.ties).toBe(1);
    expect(r.set.raters.at(-1)).toEqual({ id: MAJORITY_ID, kind: 'majority' });
    const m = toMatrix(r.set);
    expect(Array.from(m.codes.subarray(4 * 2))).toEqual([0, -1]);
  });
  it('joins model labels on pair ids', () => {
    const models = importOk('pair_id,rater,choice,rater_kind\np2,m,b,model\np9,m,a,model').set;
    const j = mergeLabelSets(humans, models, 'j', 2);
    expect(j.pairs.map((p) => p.id)).toEqual(['p1', 'p2', 'p9']);
    expect(Array.from(j.choices.subarray(4 * 3))).toEqual([-1, 1, 0]);
    const shared = mergeLabelSets(humans, models, 'j', 2, true);
    expect(shared.pairs.map((p) => p.id)).toEqual(['p2']);
    expect(() => mergeLabelSets(humans, humans, 'x', 1)).toThrow(/rater "h1" is in both/);
  });
});
