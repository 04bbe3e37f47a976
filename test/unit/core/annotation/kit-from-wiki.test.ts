/** The WikiPersonas kit: the judge's final comparison in the judge's order, its choice as a label set. */
import { describe, expect, it } from 'vitest';
import { wikiKit, WIKI_INSTRUCTIONS } from '../../../../src/core/annotation/kit-from-wiki';
import { makeKit } from '../../../../src/core/annotation/kit';
import { collectAnswers } from '../../../../src/core/annotation/classroom';
import { ANSWERS_FORMAT } from '../../../../src/core/annotation/answers-file';
import { annotatorLabelSet } from '../../../../src/core/annotation/classroom-labels';
import { mergeLabelSets } from '../../../../src/core/judging/merge';
import { analyseJudges } from '../../../../src/core/judging/analysis';
import { FAMOUS_PEOPLE } from '../../../../src/core/wiki/famous';
import type { WikiPair } from '../../../../src/core/wiki/store';

const biden = FAMOUS_PEOPLE.find((p) => p.id === 'joe-biden')!;
const pair = (q: string, aWins: boolean): WikiPair => ({
  personId: biden.id,
  questionId: q,
  question: `Question ${q}?`,
  type: 'personal',
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
});
