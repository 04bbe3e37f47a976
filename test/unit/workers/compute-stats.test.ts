import { describe, expect, it } from 'vitest';
import { statsApi } from '../../../workers/compute-stats';

describe('compute worker, statistics API (run in Node)', () => {
  it('imports a CSV label file with the record reader, quoted cells included', async () => {
    const csv = 'pair_id,rater,choice,persona_id\n"p,1",m,a,P\np2,m,b,P\n';
    const r = await statsApi.statsImportLabels(new Blob([csv]), 'labels.csv', 1);
    expect(r.status).toBe('ok');
    if (r.status === 'ok') expect(r.value.set.pairs.map((p) => p.id)).toEqual(['p,1', 'p2']);
  });
  it('reports a bad file by its problems, naming the file, line and field', async () => {
    const r = await statsApi.statsImportLabels('pair_id,rater,choice\np1,,a\n', 'bad.csv', 1);
    expect(r).toEqual({
      status: 'problems',
      problems: [{ file: 'bad.csv', line: 2, field: 'rater', message: 'rater is empty' }],
      total: 1,
    });
  });
  it('reads JSONL by name, and asks which column names the items when it cannot tell', async () => {
    const r = await statsApi.statsImportLabels('{"pair_id":"p1","rater":"m","choice":"a"}', 'x.jsonl', 1);
    expect(r.status).toBe('ok');
    const wide = 'q,r1,r2\nx1,a,b\nx2,a,a\nx3,b,b\n';
    expect(await statsApi.statsImportLabels(wide, 'w.csv', 1)).toEqual({
      status: 'choose-id',
      file: 'w.csv',
      columns: ['q', 'r1', 'r2'],
      candidates: ['q'],
    });
    const chosen = await statsApi.statsImportLabels(new Blob([wide]), 'w.csv', 1, { idColumn: 'q' });
    expect(chosen.status === 'ok' && chosen.value.set.pairs.map((p) => p.id)).toEqual(['x1', 'x2', 'x3']);
  });
  it('simulates a PERSONA-shaped set and analyses it, reporting progress', async () => {
    const seen: number[] = [];
    const { set, analysis } = await statsApi.statsSimulate(
      { raters: 4, personas: 20, pairsPerPersona: 10, seed: 's', now: 1 },
      {},
      true,
      (f) => seen.push(f),
    );
    expect(set!.pairs).toHaveLength(200);
    expect(analysis.personas).toHaveLength(20);
    expect(analysis.pairwise.raters).toBe(4);
    expect(seen.at(-1)).toBe(1);
    // More accurate simulated judges agree more: judge 3 and 4 above judge 1 and 2.
    const k = (r: number, s: number) => analysis.pairwise.kappa[r * 4 + s]!;
    expect(k(2, 3)).toBeGreaterThan(k(0, 1));
  });
});
