/**
 * The teacher's progress view of a classroom: whose answer files are in (name, persona, how many
 * questions answered, when exported), who is expected but missing (when the teacher listed the
 * class), and which questions lack a majority: a tie, a lead below the majority, or fewer than
 * `MIN_ANSWERS` answers.
 */
import type { PersonaMajority } from './classroom-labels';
import type { ClassroomImport } from './classroom';
import type { AnnotationKit } from './kit';

/** Fewer answers than this to a question is "too few" for a majority worth the name. */
export const MIN_ANSWERS = 2;

/** One student whose file is in. */
interface StudentProgress {
  /** The name in the file. */
  readonly annotator: string;
  /** The persona they role-played. */
  readonly personaId: string;
  /** Questions answered (in their files, summed). */
  readonly answered: number;
  /** Questions of their persona. */
  readonly of: number;
  /** When the last file was exported (ISO). */
  readonly exportedAt: string;
  /** Their files. */
  readonly files: readonly string[];
}

/** A question without a majority. */
export interface OpenQuestion {
  /** The persona. */
  readonly personaId: string;
  /** The pair. */
  readonly pairId: string;
  /** The question's text. */
  readonly question: string;
  /** Why: a tie, a lead below the majority, or too few answers. */
  readonly reason: 'tie' | 'no-majority' | 'too-few';
  /** Answers given. */
  readonly answers: number;
}

/** The whole view. */
export interface ClassroomProgress {
  /** Students whose files are in, by name. */
  readonly students: readonly StudentProgress[];
  /** Listed students with no file in (as the teacher typed them). */
  readonly missing: readonly string[];
  /** Questions without a majority, in kit order. */
  readonly open: readonly OpenQuestion[];
  /** Questions in the kit. */
  readonly questions: number;
}

const key = (name: string) => name.trim().toLowerCase();

/** The progress of a classroom from its import, majorities and (optionally) the students expected. */
export function classroomProgress(
  kit: AnnotationKit,
  imported: ClassroomImport,
  majorities: readonly PersonaMajority[],
  expected: readonly string[] = [],
): ClassroomProgress {
  const perPersona = new Map<string, number>();
  for (const it of kit.items) perPersona.set(it.personaId, (perPersona.get(it.personaId) ?? 0) + 1);
  const byStudent = new Map<string, StudentProgress>();
  for (const a of imported.accepted) {
    const k = `${key(a.annotator)}\u0000${a.personaId}`;
    const was = byStudent.get(k);
    byStudent.set(k, {
      annotator: was?.annotator ?? a.annotator,
      personaId: a.personaId,
      answered: 0,
      of: perPersona.get(a.personaId) ?? 0,
      exportedAt: was && was.exportedAt > a.exportedAt ? was.exportedAt : a.exportedAt,
      files: [...(was?.files ?? []), a.file],
    });
  }
  const answered = new Map<string, Set<string>>();
  for (const a of imported.answers) {
    const k = `${key(a.annotator)}\u0000${a.personaId}`;
    (answered.get(k) ?? answered.set(k, new Set()).get(k)!).add(a.pairId);
  }
  const students = [...byStudent]
    .map(([k, s]) => ({ ...s, answered: answered.get(k)?.size ?? 0 }))
    .sort((x, y) => key(x.annotator).localeCompare(key(y.annotator)) || x.personaId.localeCompare(y.personaId));
  const present = new Set(students.map((s) => key(s.annotator)));
  const missing = [...new Map(expected.filter((n) => n.trim()).map((n) => [key(n), n.trim()])).entries()]
    .filter(([k]) => !present.has(k))
    .map(([, n]) => n);
  const questions = new Map(kit.items.map((it) => [it.pairId, it.question]));
  const open: OpenQuestion[] = [];
  for (const m of majorities)
    for (const { pairId, outcome } of m.items) {
      const answers = outcome.status === 'no-votes' ? 0 : outcome.of;
      const reason =
        answers < MIN_ANSWERS ? 'too-few' : outcome.status === 'majority' ? null : outcome.status === 'tie' ? 'tie' : 'no-majority';
      if (reason) open.push({ personaId: m.personaId, pairId, question: questions.get(pairId) ?? pairId, reason, answers });
    }
  return { students, missing, open, questions: kit.items.length };
}

/** The students' names from the teacher's list: one a line or separated by commas, blanks dropped. */
export function parseStudentList(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((n) => n.trim())
    .filter(Boolean);
}
