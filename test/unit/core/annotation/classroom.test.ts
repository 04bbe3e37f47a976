import { describe, expect, it } from 'vitest';
import { applyResolutions, collectAnswers } from '../../../../src/core/annotation/classroom';
import { annotatorLabelSet, personaMajorities, slotLabelSet } from '../../../../src/core/annotation/classroom-labels';
import { formatProblem } from '../../../../src/core/records/problems';
import { answersFile, kit } from './fixtures';

describe('classroom import', () => {
  it('accepts valid files and rejects bad ones with their problems', () => {
    const r = collectAnswers(kit, [
      { name: 'ada.json', text: answersFile('Ada', 'P1', { q1: 'b', q2: 'b', q3: 'a' }) },
      { name: 'notjson.json', text: '{oops' },
      { name: 'wrongkit.json', text: answersFile('Bo', 'P1', { q1: 'a' }, { kitId: 'other', kitTitle: 'Other kit' }) },
      { name: 'badshape.json', text: JSON.stringify({ format: 'persona-lab/annotations', version: 1 }) },
      { name: 'wrongpersona.json', text: answersFile('Cy', 'P1', { q4: 'a' }) },
      { name: 'badchoice.json', text: answersFile('Di', 'P1', { q1: 'c' as 'a' }) },
    ]);
    expect(r.accepted).toEqual([
      { file: 'ada.json', annotator: 'Ada', personaId: 'P1', answers: 3, exportedAt: '2026-01-02T10:30:00.000Z' },
    ]);
    expect(r.rejected.map((x) => x.file)).toEqual([
      'notjson.json',
      'wrongkit.json',
      'badshape.json',
      'wrongpersona.json',
      'badchoice.json',
    ]);
    const why = r.rejected.map((x) => x.problems.problems.map(formatProblem));
    expect(why[0]).toEqual(["notjson.json, line 1: not valid JSON (expected property name or '}' at column 2)"]);
    expect(why[1]).toEqual([`wrongkit.json, field "kitId": made for kit "Other kit" (other), not for "Test kit" (${kit.id})`]);
    expect(why[2]![0]).toMatch(/^badshape\.json, field "kitId": /);
    expect(why[3]).toEqual(['wrongpersona.json, field "answers.0.pairId": pair "q4" belongs to persona "P2", not "P1"']);
    expect(why[4]![0]).toMatch(/^badchoice\.json, field "answers\.0\.choice": /);
    // A BOM (an editor's UTF-8 save) does not make a file unreadable.
    const bom = collectAnswers(kit, [{ name: 'bom.json', text: '\uFEFF' + answersFile('Ed', 'P1', { q1: 'a' }) }]);
    expect(bom.accepted.map((a) => a.file)).toEqual(['bom.json']);
    const other = collectAnswers(kit, [{ name: 'kit.json', text: JSON.stringify(kit) }]);
    expect(other.rejected[0]!.problems.problems.map(formatProblem)).toEqual([
      'kit.json, field "format": not an annotation file (its "format" is not "persona-lab/annotations")',
    ]);
  });

  it('lists a file imported twice and a repeated answer as duplicates, kept once', () => {
    const ada = answersFile('Ada', 'P1', { q1: 'b', q2: 'b' });
    const r = collectAnswers(kit, [
      { name: 'ada.json', text: ada },
      { name: 'ada (1).json', text: ada },
      { name: 'ada-more.json', text: answersFile('ada', 'P1', { q2: 'b', q3: 'a' }) },
    ]);
    expect(r.duplicates).toEqual([
      { kind: 'file', annotator: 'Ada', files: ['ada.json', 'ada (1).json'] },
      { kind: 'answer', annotator: 'Ada', pairId: 'q2', files: ['ada.json', 'ada-more.json'] },
    ]);
    expect(r.answers.map((a) => a.pairId).sort()).toEqual(['q1', 'q2', 'q3']);
    expect(r.conflicts).toEqual([]);
  });

  it('shows different answers of one annotator as a conflict and leaves them out until resolved', () => {
    const r = collectAnswers(kit, [
      { name: 'ada.json', text: answersFile('Ada', 'P1', { q1: 'b', q2: 'b' }) },
      { name: 'ada-changed.json', text: answersFile('Ada', 'P1', { q1: 'a' }) },
    ]);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ id: 'ada/q1', annotator: 'Ada', pairId: 'q1' });
    expect(r.conflicts[0]!.versions.map((v) => [v.file, v.choice])).toEqual([
      ['ada.json', 'b'],
      ['ada-changed.json', 'a'],
    ]);
    expect(r.answers.map((a) => a.pairId)).toEqual(['q2']);
    const kept = applyResolutions(r, [{ conflictId: 'ada/q1', keep: 'ada-changed.json' }]);
    expect(kept.find((a) => a.pairId === 'q1')!.choice).toBe('a');
    expect(applyResolutions(r, [{ conflictId: 'ada/q1', keep: null }])).toHaveLength(1);
  });
});

describe('classroom results', () => {
  const files = [
    ['A1', 'P1', { q1: 'b', q2: 'b', q3: 'a' }],
    ['A2', 'P1', { q1: 'b', q2: 'a', q3: 'a' }],
    ['A3', 'P1', { q1: 'b', q2: 'a', q3: 'b' }],
    ['A4', 'P1', { q1: 'a', q2: 'b', q3: 'a' }],
    ['B1', 'P2', { q4: 'b', q5: 'b', q6: 'b' }],
    ['B2', 'P2', { q4: 'b', q5: 'a', q6: 'b' }],
  ] as const;
  const imp = collectAnswers(
    kit,
    files.map(([who, p, c]) => ({ name: `${who}.json`, text: answersFile(who, p, c) })),
  );

  it('per-persona majorities by the 3-of-4 rule, ties reported', () => {
    const [p1, p2] = personaMajorities(kit, imp.answers);
    expect(p1!.annotators).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(p1!.items.map((i) => i.outcome)).toEqual([
      { status: 'majority', label: 'b', votes: 3, of: 4 },
      { status: 'tie', labels: ['b', 'a'], votes: 2, of: 4 },
      { status: 'majority', label: 'a', votes: 3, of: 4 },
    ]);
    expect(p2!.summary).toEqual({ majority: 2, tie: 1, noMajority: 0, noVotes: 0 });
  });
  it('label sets: one rater per annotator, or per slot across personas', () => {
    const byName = annotatorLabelSet(kit, imp.answers, 1);
    expect(byName.raters.map((r) => r.id)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2']);
    expect(byName.pairs[0]).toMatchObject({ id: 'q1', personaId: 'P1', lengthA: 15 });
    const slots = slotLabelSet(kit, imp.answers, 1);
    expect(slots.raters.map((r) => r.id)).toEqual(['annotator 1', 'annotator 2', 'annotator 3', 'annotator 4']);
    // annotator 1 = A1 on P1 and B1 on P2: choices b b a | b b b.
    expect(Array.from(slots.choices.subarray(0, 6))).toEqual([1, 1, 0, 1, 1, 1]);
  });
});
