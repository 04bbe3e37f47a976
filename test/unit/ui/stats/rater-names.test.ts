import { describe, expect, it } from 'vitest';
import { raterLabels, raterName } from '../../../../src/ui/stats/rater-names';

describe('rater labels', () => {
  it('uses short distinct names as they are', () => {
    expect(
      raterLabels([
        { id: 'Ada', kind: 'human' },
        { id: 'Bo', kind: 'human' },
      ]),
    ).toEqual([
      { id: 'Ada', name: 'Ada', short: 'Ada' },
      { id: 'Bo', name: 'Bo', short: 'Bo' },
    ]);
  });

  it('codes long names by kind (J for judges, H for people, M for the majority) for a legend to explain', () => {
    const raters = [
      { id: 'judge 1: openai-http:stub-model · y_w first', kind: 'model' as const },
      { id: 'judge 1: openai-http:stub-model · y_l first', kind: 'model' as const },
      { id: 'Ada', kind: 'human' as const },
      { id: 'humans (majority)', kind: 'majority' as const },
      { id: 'x', kind: 'unspecified' as const },
    ];
    expect(raterLabels(raters).map((r) => r.short)).toEqual(['J1', 'J2', 'H1', 'M', 'R1']);
  });

  it('shows display names, and codes names that collide', () => {
    const raters = [
      { id: 'a', kind: 'model' as const },
      { id: 'b', kind: 'model' as const },
    ];
    expect(raterLabels(raters, { a: 'GPT', b: ' ' }).map((r) => [r.name, r.short])).toEqual([
      ['GPT', 'GPT'],
      ['b', 'b'],
    ]);
    expect(raterLabels(raters, { a: 'same', b: 'same' }).map((r) => r.short)).toEqual(['J1', 'J2']);
    expect(raterName('a', { a: '  Llama  ' })).toBe('Llama');
  });
});
