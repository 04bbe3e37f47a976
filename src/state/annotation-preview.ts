/**
 * The store behind "Preview as a student": the teacher's kit is read from the device's store, but
 * the preview's session, position and answers live in memory only and are gone when the teacher
 * leaves the page, so a preview never shows up as a student's session or answers.
 */
import type { AnnotationStore } from '../db/annotation-store';
import type { AnnotationAnswerRow, AnnotationSessionRow } from '../db/stats-rows';

/** What the Annotate page's state reads and writes. */
export type AnnotationSessionStore = Pick<
  AnnotationStore,
  'listKits' | 'getKit' | 'putKit' | 'listSessions' | 'getSession' | 'putSession' | 'answers' | 'saveAnswer' | 'setPosition'
>;

/** A store showing one kit of `real` and keeping everything else in memory. */
export function previewStore(real: AnnotationStore, kitId: string): AnnotationSessionStore {
  const sessions = new Map<string, AnnotationSessionRow>();
  const answers = new Map<string, AnnotationAnswerRow>();
  return {
    listKits: async () => {
      const kit = await real.getKit(kitId);
      return kit ? [kit] : [];
    },
    getKit: (id) => real.getKit(id),
    putKit: async () => {},
    listSessions: async () => [...sessions.values()],
    getSession: async (id) => sessions.get(id),
    putSession: async (s) => void sessions.set(s.id, s),
    answers: async (sessionId) => [...answers.values()].filter((a) => a.sessionId === sessionId),
    saveAnswer: async (a, position, now) => {
      answers.set(`${a.sessionId}\u0000${a.pairId}`, a);
      const s = sessions.get(a.sessionId);
      if (s) sessions.set(s.id, { ...s, position, updatedAt: now });
    },
    setPosition: async (id, position, now) => {
      const s = sessions.get(id);
      if (s) sessions.set(id, { ...s, position, updatedAt: now });
    },
  };
}
