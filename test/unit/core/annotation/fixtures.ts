/** A small kit and answer files for the annotation tests. */
import { ANSWERS_FORMAT, type AnswersFile } from '../../../../src/core/annotation/answers-file';
import { makeKit, type AnnotationKit } from '../../../../src/core/annotation/kit';

/** Two personas, three pairs each. */
export const kit: AnnotationKit = makeKit({
  title: 'Test kit',
  createdAt: '2026-01-01T00:00:00.000Z',
  personas: [
    { id: 'P1', description: 'age: 73\nsex: Female' },
    { id: 'P2', description: 'age: 30\nsex: Male' },
  ],
  items: [1, 2, 3, 4, 5, 6].map((i) => ({
    pairId: `q${i}`,
    personaId: i <= 3 ? 'P1' : 'P2',
    question: `Question ${i}?`,
    responseA: `Short answer ${i}.`,
    responseB: `A longer, personalised answer to question ${i}.`,
  })),
});

/** An annotation file's text. */
export function answersFile(
  annotator: string,
  personaId: string,
  choices: Record<string, 'a' | 'b'>,
  over: Partial<AnswersFile> = {},
): string {
  const file: AnswersFile = {
    format: ANSWERS_FORMAT,
    version: 1,
    kitId: kit.id,
    kitTitle: kit.title,
    annotator,
    personaId,
    startedAt: '2026-01-02T10:00:00.000Z',
    exportedAt: '2026-01-02T10:30:00.000Z',
    answers: Object.entries(choices).map(([pairId, choice]) => ({
      pairId,
      choice,
      shownFirst: 'a',
      justification: `because ${choice}`,
      answeredAt: '2026-01-02T10:10:00.000Z',
    })),
    ...over,
  };
  return JSON.stringify(file);
}
