import { describe, expect, it } from 'vitest';
import { mentions, personaAttributes, SummaryAttributes } from '../../../../src/core/bench/summary-attributes';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';
import { renderPersona } from '../../../../src/core/personas/render';

describe('which attributes a summary keeps (Figure 11)', () => {
  it('reads a persona back from the text the model saw', () => {
    const p = EXAMPLE_PERSONAS[0]!;
    const attrs = personaAttributes(renderPersona(p));
    expect(attrs[0]).toEqual(['age', String(p.age)]);
    expect(attrs.map(([k]) => k)).toContain('religion');
    expect(attrs.find(([k]) => k === 'income')?.[1]).toMatch(/^\$[\d,]+ a year$/);
  });

  it('counts an attribute kept when the summary names it, a synonym, or most of its value', () => {
    expect(mentions('a retired woman in her seventies', 'sex', 'Female')).toBe(true); // synonym "woman"
    expect(mentions('she is 72 and lives in ohio', 'age', '72')).toBe(true); // the value
    expect(mentions('a devout roman catholic', 'religion', 'Roman Catholic')).toBe(true);
    expect(mentions('she earns about 48000 dollars', 'income', '$48,000 a year')).toBe(true);
    expect(mentions('a practical person who likes gardens', 'religion', 'Roman Catholic')).toBe(false);
    expect(mentions('a practical person', 'age', '72')).toBe(false);
    expect(mentions('a person who values hard work', 'political views', 'Leans Republican')).toBe(false);
    // a long value needs half of its content words
    expect(
      mentions('she teaches children at a primary school', 'detailed job description', 'Teaches reading to primary school children'),
    ).toBe(true);
  });

  it('tallies kept and dropped over summaries, in the paper attribute order', () => {
    const t = new SummaryAttributes();
    const persona = 'age: 72\nsex: Female\nreligion: Roman Catholic\nlifestyle: Quiet, gardens on weekends';
    t.add(persona, 'A 72-year-old woman; her Catholic faith matters here.');
    t.add(persona, 'A woman for whom faith matters.');
    t.add('age: 30\npolitical views: Independent', 'Independent voter.');
    expect(t.finish()).toEqual([
      { attribute: 'age', present: 3, kept: 1, dropped: 2, dropped_share: 2 / 3 },
      { attribute: 'sex', present: 2, kept: 2, dropped: 0, dropped_share: 0 },
      { attribute: 'lifestyle', present: 2, kept: 0, dropped: 2, dropped_share: 1 },
      { attribute: 'political views', present: 1, kept: 1, dropped: 0, dropped_share: 0 },
      { attribute: 'religion', present: 2, kept: 2, dropped: 0, dropped_share: 0 },
    ]);
  });
});
