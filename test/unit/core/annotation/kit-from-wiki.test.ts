/**
 * The WikiPersonas kit: the judge's final comparison in the judge's order, its choice as a label
 * set, half personal and half divergent questions, the paper's instructions and Table 5's quiz.
 */
import { describe, expect, it } from 'vitest';
import { balancedSample, wikiInstructions, wikiKit, WIKI_INSTRUCTIONS } from '../../../../src/core/annotation/kit-from-wiki';
import { kitSchema, makeKit } from '../../../../src/core/annotation/kit';
import { Rng } from '../../../../src/core/random';
import { PAPER_QUIZ } from '../../../../src/core/wiki/quiz';
import { collectAnswers } from '../../../../src/core/annotation/classroom';
import { ANSWERS_FORMAT } from '../../../../src/core/annotation/answers-file';
import { annotatorLabelSet } from '../../../../src/core/annotation/classroom-labels';
import { mergeLabelSets } from '../../../../src/core/judging/merge';
import { analyseJudges } from '../../../../src/core/judging/analysis';
import { FAMOUS_PEOPLE } from '../../../../src/core/wiki/famous';
import type { WikiPair } from '../../../../src/core/wiki/store';

const biden = FAMOUS_PEOPLE.find((p) => p.id === 'joe-biden')!;
const pair = (q: string, aWins: boolean, type: WikiPair['type'] = 'personal', personId = biden.id): WikiPair => ({
  personId,
  questionId: q,
  question: `Question ${q}?`,
  type,
  split: 'eval',
  yw: `winner ${q}`,
  yl: `loser ${q}`,
  ywIndex: aWins ? 0 : 1,
  ylIndex: aWins ? 1 : 0,
  matches: [{ round: 2, a: 0, b: 1, winner: aWins ? 0 : 1, explanation: '' }],
});

describe('wikiKit', () => {
  it("shows the final's outputs in the judge's order with the paper's instructions, and labels the judge's choice", () => {
    const pairs = [pair('q1', true), pair('q2', false), pair('q3', true), pair('q4', false)];
    const { draft, labels } = wikiKit(pairs, FAMOUS_PEOPLE, {
      title: 'T',
      perPerson: 10,
      seed: 's',
      createdAt: '2025-01-01T00:00:00Z',
      judge: 'm',
    });
    const kit = makeKit(draft);
    expect(kit.instructions).toBe(WIKI_INSTRUCTIONS);
    expect(kit.personas).toHaveLength(1);
    expect(kit.personas[0]!.id).toBe('Joe Biden');
    expect(kit.personas[0]!.description).toMatch(/^Answer as Joe Biden would\./);
    const q2 = kit.items.find((i) => i.pairId === 'joe-biden/q2')!;
    expect([q2.responseA, q2.responseB]).toEqual(['loser q2', 'winner q2']);
    const byId = new Map(labels.pairs.map((p, i) => [p.id, labels.choices[i]]));
    expect(byId.get('joe-biden/q1')).toBe(0);
    expect(byId.get('joe-biden/q2')).toBe(1);

    // An annotator who always picks the judge's winner agrees 100% with it (kappa 1).
    const answers = kit.items.map((it) => ({
      pairId: it.pairId,
      choice: byId.get(it.pairId) === 0 ? 'a' : 'b',
      justification: 'x',
      shownFirst: 'a',
      answeredAt: 't',
    }));
    const file = {
      name: 'ann.json',
      text: JSON.stringify({
        format: ANSWERS_FORMAT,
        startedAt: 't',
        exportedAt: 't',
        version: 1,
        kitId: kit.id,
        kitTitle: kit.title,
        annotator: 'Ann',
        personaId: 'Joe Biden',
        answers,
      }),
    };
    const imported = collectAnswers(kit, [file]);
    expect(imported.rejected).toEqual([]);
    const merged = mergeLabelSets(annotatorLabelSet(kit, imported.answers, 0), labels, 'm', 0, true);
    const a = analyseJudges(merged);
    expect(a.pairwise.percent[1]).toBe(1);
  });

  it('gives each person half personal and half divergent questions (App. D), made up from the other type when one runs short', () => {
    const many = [
      ...Array.from({ length: 8 }, (_, i) => pair(`p${i}`, true, 'personal')),
      ...Array.from({ length: 8 }, (_, i) => pair(`d${i}`, true, 'divergent')),
    ];
    const got = balancedSample(many, 10, new Rng('s'));
    expect(got.filter((p) => p.type === 'personal')).toHaveLength(5);
    expect(got.filter((p) => p.type === 'divergent')).toHaveLength(5);
    const short = balancedSample([...many.slice(0, 8), ...many.slice(8, 10)], 10, new Rng('s'));
    expect(short.filter((p) => p.type === 'divergent')).toHaveLength(2);
    expect(short).toHaveLength(10);
    expect(balancedSample(many, 5, new Rng('s'))).toHaveLength(5);
  });

  it("carries the paper's instructions verbatim and Table 5's quiz for the people of the paper's check", () => {
    expect(WIKI_INSTRUCTIONS).toMatch(
      /^Thank you for participating in this annotation exercise\. You will be given 10 set of conversational data pairs/,
    );
    expect(WIKI_INSTRUCTIONS).toContain('Again, personal preference need not to be factual.');
    expect(WIKI_INSTRUCTIONS).toContain('They will not be released, trained on, and only used for evaluation purpose.');
    expect(wikiInstructions(6)).toContain('You will be given 6 set of');
    const trump = FAMOUS_PEOPLE.find((p) => p.id === 'donald-trump')!;
    const swift = FAMOUS_PEOPLE.find((p) => p.id === 'taylor-swift')!;
    const { draft } = wikiKit([pair('q1', true, 'personal', trump.id), pair('q2', false, 'divergent', swift.id)], FAMOUS_PEOPLE, {
      title: 'T',
      perPerson: 10,
      seed: 's',
      createdAt: '2025-01-01T00:00:00Z',
      judge: 'm',
    });
    const kit = makeKit(draft);
    const t = kit.personas.find((p) => p.id === 'Donald Trump')!;
    expect(t.quiz).toHaveLength(2);
    expect(t.quiz![0]!.options[t.quiz![0]!.answer]).toBe('Real Estate and Hospitality');
    expect(t.reading).toBe('https://en.wikipedia.org/wiki/Donald_Trump');
    const s = kit.personas.find((p) => p.id === 'Taylor Swift')!;
    expect(s.quiz).toBeUndefined(); // the paper has no quiz for her
    expect(s.reading).toBe('https://en.wikipedia.org/wiki/Taylor_Swift');
    // The five people of the paper's check, each with two questions whose answer is one of the options.
    expect(Object.keys(PAPER_QUIZ).sort()).toEqual([
      'alexandria-ocasio-cortez',
      'donald-trump',
      'ellen-degeneres',
      'halle-berry',
      'joe-biden',
    ]);
    for (const qs of Object.values(PAPER_QUIZ)) for (const q of qs) expect(q.answer).toBeLessThan(q.options.length);
    // A kit whose quiz answer is not an option is refused.
    const bad = { ...kit, personas: [{ ...t, quiz: [{ question: 'Q?', options: ['a', 'b'], answer: 2 }] }, s] };
    expect(kitSchema.safeParse(bad).success).toBe(false);
  });
});
