import { describe, expect, it } from 'vitest';
import { changedShare, wordDiff } from '../../../../src/core/pipeline/word-diff';

const side = (t: ReturnType<typeof wordDiff>, drop: 'added' | 'removed') =>
  t
    .filter((x) => x.op !== drop)
    .map((x) => x.text)
    .join('');

describe('wordDiff', () => {
  it('marks the words y_w dropped and added, and each side reads back whole', () => {
    const before = 'Working from home saves time.';
    const after = 'Working from a hospital rarely saves time.';
    const t = wordDiff(before, after);
    expect(side(t, 'added')).toBe(before);
    expect(side(t, 'removed')).toBe(after);
    expect(t.filter((x) => x.op === 'removed').map((x) => x.text.trim())).toEqual(['home']);
    expect(
      t
        .filter((x) => x.op === 'added')
        .map((x) => x.text.trim())
        .join(' '),
    ).toBe('a hospital rarely');
    expect(changedShare(t)).toBeGreaterThan(0);
  });
  it('gives no change for equal texts and one removal plus one addition past the edit limit', () => {
    expect(wordDiff('same words', 'same words')).toEqual([{ op: 'same', text: 'same words' }]);
    expect(changedShare(wordDiff('a b', 'a b'))).toBe(0);
    const far = wordDiff('one two three four five', 'six seven eight nine ten', 1);
    expect(far).toEqual([
      { op: 'removed', text: 'one two three four five' },
      { op: 'added', text: 'six seven eight nine ten' },
    ]);
    expect(changedShare(far)).toBe(1);
  });
  it('handles an empty side', () => {
    expect(wordDiff('', 'new text')).toEqual([{ op: 'added', text: 'new text' }]);
  });
});
