import { describe, expect, it } from 'vitest';
import { collectAnswers } from '../../../../src/core/annotation/classroom';
import { personaMajorities } from '../../../../src/core/annotation/classroom-labels';
import { classroomProgress, parseStudentList } from '../../../../src/core/annotation/progress';
import { answersFile, kit } from './fixtures';

describe('classroom progress', () => {
  it('lists whose files are in, who is missing, and the questions without a majority', () => {
    const imported = collectAnswers(kit, [
      { name: 'ada.json', text: answersFile('Ada', 'P1', { q1: 'b', q2: 'b', q3: 'a' }) },
      { name: 'bo.json', text: answersFile('Bo', 'P1', { q1: 'b', q2: 'a' }, { exportedAt: '2026-01-02T11:00:00.000Z' }) },
      { name: 'cy.json', text: answersFile('cy', 'P2', { q4: 'a' }) },
      { name: 'bad.json', text: '{' },
    ]);
    const p = classroomProgress(kit, imported, personaMajorities(kit, imported.answers), parseStudentList('Ada\nbo, Cy; Dee\n\nEd '));
    expect(p.students.map((s) => [s.annotator, s.personaId, s.answered, s.of, s.exportedAt, s.files])).toEqual([
      ['Ada', 'P1', 3, 3, '2026-01-02T10:30:00.000Z', ['ada.json']],
      ['Bo', 'P1', 2, 3, '2026-01-02T11:00:00.000Z', ['bo.json']],
      ['cy', 'P2', 1, 3, '2026-01-02T10:30:00.000Z', ['cy.json']],
    ]);
    expect(p.missing).toEqual(['Dee', 'Ed']);
    // q1: b 2/2, a majority; q2: 1–1, a tie; q3: one answer; q4: one answer; q5, q6: none.
    expect(p.open.map((o) => [o.pairId, o.reason, o.answers])).toEqual([
      ['q2', 'tie', 2],
      ['q3', 'too-few', 1],
      ['q4', 'too-few', 1],
      ['q5', 'too-few', 0],
      ['q6', 'too-few', 0],
    ]);
    expect(p.open[0]!.question).toBe('Question 2?');
    expect(p.questions).toBe(6);
  });

  it('needs no list of students', () => {
    const imported = collectAnswers(kit, []);
    expect(classroomProgress(kit, imported, personaMajorities(kit, [])).missing).toEqual([]);
  });
});
