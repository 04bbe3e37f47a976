import { describe, expect, it } from 'vitest';
import { emptyQuery, filterPairs, personaSlices, sliceOptions, slicesByPersona, winRates } from '../../../../src/core/pipeline/pair-browse';
import { judgeOutcome, type PairView } from '../../../../src/core/pipeline/pairs';
import type { StoredVerdict } from '../../../../src/core/pipeline/records';

const v = (winner: 'yw' | 'yl', reason = ''): StoredVerdict => ({ choice: winner === 'yw' ? 'A' : 'B', reason, winner });

/** A pair with one or two judges; `j` lists each judge's two winners (wl, lw), null for not judged. */
function pair(id: string, over: Partial<PairView>, j: Array<[('yw' | 'yl')?, ('yw' | 'yl')?]> = []): PairView {
  return {
    id,
    runId: 'r',
    personaId: 'p1',
    persona: 'age: 34\nsex: Female\nreligion: Catholic\nincome: 42000\nlifestyle: Runs every day',
    promptId: 'q',
    prompt: 'Should I work from home?',
    topic: 'work',
    split: 'train',
    status: 'done',
    yl: 'Working from home saves time.',
    yw: 'As a nurse, working from home is rarely possible.',
    verdicts: j.map(([wl, lw], judge) => {
      const a = wl ? v(wl, `why-${id}-${judge}`) : undefined;
      const b = lw ? v(lw) : undefined;
      return {
        judge,
        model: `m${judge}`,
        name: `m${judge}`,
        ...(a ? { wl: a } : {}),
        ...(b ? { lw: b } : {}),
        outcome: judgeOutcome(a, b),
      };
    }),
    ...over,
  };
}

const pairs = [
  pair('a', {}, [
    ['yw', 'yw'],
    ['yl', 'yl'],
  ]),
  pair('b', { topic: 'ethics', split: 'heldout-test' }, [
    ['yw', 'yl'],
    ['yw', 'yw'],
  ]),
  pair('c', { personaId: 'p2', persona: 'age: 71\nsex: Male\nreligion: None\nincome: 150000' }, [['yl', 'yl']]),
  pair('d', { status: 'failed', personaId: 'p2', persona: 'age: 71\nsex: Male\nreligion: None\nincome: 150000' }),
];
const slices = slicesByPersona(pairs);
const ids = (ps: PairView[]) => ps.map((p) => p.id);

describe('persona slices', () => {
  it('reads attributes from the persona text, with age and income in bands and free text left out', () => {
    const s = personaSlices('age: 34\nsex: Female\nincome: 42000\nlifestyle: Runs\nnot an attribute: x');
    expect([...s]).toEqual([
      ['age', '30–44'],
      ['sex', 'Female'],
      ['income', '$25k–50k'],
    ]);
  });
  it('offers only keys with more than one value', () => {
    const opts = sliceOptions(slices);
    expect(opts.map((o) => o.key)).toEqual(['age', 'sex', 'religion', 'income']);
    expect(opts[0]!.values).toEqual(['30–44', '65 and over']);
    expect(sliceOptions(new Map([['x', new Map([['sex', 'Male']])]]))).toEqual([]);
  });
});

describe('filterPairs', () => {
  it('filters by topic, split, persona and attribute value', () => {
    expect(ids(filterPairs(pairs, { ...emptyQuery(), topic: 'ethics' }, slices))).toEqual(['b']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), split: 'train' }, slices))).toEqual(['a', 'c', 'd']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), persona: 'p2' }, slices))).toEqual(['c', 'd']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), attribute: 'religion', value: 'Catholic' }, slices))).toEqual(['a', 'b']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), attribute: 'age', value: '65 and over' }, slices))).toEqual(['c', 'd']);
    // An attribute with no value chosen filters nothing.
    expect(filterPairs(pairs, { ...emptyQuery(), attribute: 'age' }, slices)).toHaveLength(4);
  });
  it('filters by status and by the chosen judge’s verdict', () => {
    expect(ids(filterPairs(pairs, { ...emptyQuery(), verdict: 'failed' }, slices))).toEqual(['d']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), verdict: 'yw' }, slices))).toEqual(['a']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), verdict: 'disagree' }, slices))).toEqual(['b']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), verdict: 'yw', judge: 1 }, slices))).toEqual(['b']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), verdict: 'incomplete' }, slices))).toEqual([]);
  });
  it('searches every word, case-insensitively, in the texts and the judges’ reasons', () => {
    expect(ids(filterPairs(pairs, { ...emptyQuery(), search: 'NURSE home' }, slices))).toHaveLength(4);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), search: 'WHY-b-1' }, slices))).toEqual(['b']);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), search: 'nurse zebra' }, slices))).toEqual([]);
    expect(ids(filterPairs(pairs, { ...emptyQuery(), search: 'catholic' }, slices))).toEqual(['a', 'b']);
  });
});

describe('winRates', () => {
  it('counts one judge’s verdicts (both orders) per topic', () => {
    const rows = winRates(pairs, 0, (p) => p.topic);
    expect(rows).toEqual([
      { group: 'ethics', pairs: 1, verdicts: 2, ywWins: 1, rate: 0.5, outcomes: { yw: 0, yl: 0, disagree: 1 } },
      { group: 'work', pairs: 3, verdicts: 4, ywWins: 2, rate: 0.5, outcomes: { yw: 1, yl: 1, disagree: 0 } },
    ]);
  });
  it('groups by a persona attribute and leaves out pairs with no value; no verdict gives no rate', () => {
    const rows = winRates(pairs, 1, (p) => slices.get(p.personaId)?.get('sex'));
    expect(rows.map((r) => [r.group, r.verdicts, r.rate])).toEqual([
      ['Female', 4, 0.5],
      ['Male', 0, undefined],
    ]);
    expect(winRates(pairs, 0, () => undefined)).toEqual([]);
  });
});
