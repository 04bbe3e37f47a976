import { describe, expect, it } from 'vitest';
import { majority, summarise } from '../../../../src/core/stats/majority';

// PERSONA §4.2.1: "For each persona, we took the majority answer from 3 out of 4 participants."
describe('majority over annotators (PERSONA §4.2.1)', () => {
  it('3 of 4 and 4 of 4 are majorities', () => {
    expect(majority(['a', 'a', 'b', 'a'])).toEqual({ status: 'majority', label: 'a', votes: 3, of: 4 });
    expect(majority(['b', 'b', 'b', 'b'])).toEqual({ status: 'majority', label: 'b', votes: 4, of: 4 });
  });
  it('2 against 2 is a tie, reported with both labels', () => {
    expect(majority(['a', 'b', 'b', 'a'])).toEqual({ status: 'tie', labels: ['a', 'b'], votes: 2, of: 4 });
  });
  it('one dropped annotator (footnote 2): 2 of 3 is a majority by default', () => {
    expect(majority(['a', null, 'a', 'b'])).toEqual({ status: 'majority', label: 'a', votes: 2, of: 3 });
  });
  it('with the fixed threshold of 3, 2 of 3 is not enough', () => {
    expect(majority(['a', null, 'a', 'b'], { minAgree: 3 })).toEqual({ status: 'no-majority', label: 'a', votes: 2, of: 3 });
  });
  it('a plurality below a strict majority (2–1–1) is not a majority', () => {
    expect(majority(['a', 'a', 'b', 'c']).status).toBe('no-majority');
  });
  it('no votes', () => {
    expect(majority([null, undefined])).toEqual({ status: 'no-votes' });
  });
  it('summarises outcomes', () => {
    const s = summarise([majority(['a', 'a', 'a', 'b']), majority(['a', 'b', 'a', 'b']), majority([]), majority(['a', 'a', 'b', 'c'])]);
    expect(s).toEqual({ majority: 1, tie: 1, noMajority: 1, noVotes: 1 });
  });
});
