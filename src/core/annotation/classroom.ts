/**
 * The teacher's import: many annotation files for one kit, each read as one JSON document by the
 * record reader and validated (zod, kit id, persona, pairs). Files that fail are rejected with their
 * problems (file, line or field, message); the same file twice, or the same answer
 * twice, is a duplicate (kept once, listed); the same annotator answering one pair differently in
 * two places is a conflict: listed, left out until the teacher picks a version. Never merged silently.
 */
import { checkValue } from '../records/check';
import { readJsonDocument } from '../records/json-text';
import { ProblemLog, type ProblemList } from '../records/problems';
import { ANSWERS_FORMAT, answersFileSchema, type Answer, type AnswersFile } from './answers-file';
import type { AnnotationKit } from './kit';

/** A file as read from disk. */
export interface IncomingFile {
  /** File name, for messages. */
  readonly name: string;
  /** Its text. */
  readonly text: string;
}

/** One accepted answer with who gave it and where it came from. */
export interface ClassroomAnswer extends Answer {
  /** Annotator name as first seen. */
  readonly annotator: string;
  /** The persona role-played. */
  readonly personaId: string;
  /** The file it came from. */
  readonly file: string;
}

/** A repeated file or answer that was kept once. */
interface DuplicateNote {
  /** "file": the whole file repeats an earlier one; "answer": one answer repeats. */
  readonly kind: 'file' | 'answer';
  /** The annotator. */
  readonly annotator: string;
  /** The pair, for answer duplicates. */
  readonly pairId?: string;
  /** The files involved, the kept one first. */
  readonly files: readonly string[];
}

/** Different answers of one annotator to one pair. */
interface AnswerConflict {
  /** Stable id: annotator key and pair. */
  readonly id: string;
  /** The annotator. */
  readonly annotator: string;
  /** The persona. */
  readonly personaId: string;
  /** The pair. */
  readonly pairId: string;
  /** The competing versions. */
  readonly versions: readonly ClassroomAnswer[];
}

/** The outcome of an import. */
export interface ClassroomImport {
  /** Files taken in: name, annotator, persona, answers. */
  readonly accepted: readonly {
    readonly file: string;
    readonly annotator: string;
    readonly personaId: string;
    readonly answers: number;
    /** When the student exported the file (ISO, as the file says). */
    readonly exportedAt: string;
  }[];
  /** Files refused, with their problems. */
  readonly rejected: readonly { readonly file: string; readonly problems: ProblemList }[];
  /** Repeats kept once. */
  readonly duplicates: readonly DuplicateNote[];
  /** Conflicts, left out of `answers`. */
  readonly conflicts: readonly AnswerConflict[];
  /** One answer per annotator and pair, conflicts excluded. */
  readonly answers: readonly ClassroomAnswer[];
}

/** Checks one file against the kit; returns the parsed file, or the problems it is refused for. */
export function checkAnswersFile(kit: AnnotationKit, f: IncomingFile): AnswersFile | ProblemList {
  const log = new ProblemLog(f.name);
  const doc = readJsonDocument(f.text, log);
  if (!doc.ok) return log.list();
  const raw = doc.value as { format?: unknown } | null;
  if (!raw || typeof raw !== 'object' || raw.format !== ANSWERS_FORMAT) {
    log.add(undefined, `not an annotation file (its "format" is not "${ANSWERS_FORMAT}")`, 'format');
    return log.list();
  }
  const file = checkValue(answersFileSchema, raw, undefined, log);
  if (!file) return log.list();
  if (file.kitId !== kit.id)
    log.add(undefined, `made for kit "${file.kitTitle}" (${file.kitId}), not for "${kit.title}" (${kit.id})`, 'kitId');
  else if (!kit.personas.some((p) => p.id === file.personaId))
    log.add(undefined, `persona "${file.personaId}" is not in this kit`, 'personaId');
  else {
    const pairs = new Map(kit.items.map((it) => [it.pairId, it.personaId]));
    file.answers.forEach((a, i) => {
      const persona = pairs.get(a.pairId);
      const field = `answers.${i}.pairId`;
      if (persona === undefined) log.add(undefined, `pair "${a.pairId}" is not in this kit`, field);
      else if (persona !== file.personaId)
        log.add(undefined, `pair "${a.pairId}" belongs to persona "${persona}", not "${file.personaId}"`, field);
    });
    if (file.answers.length === 0) log.add(undefined, 'the file holds no answers', 'answers');
  }
  return log.total ? log.list() : file;
}

const sameAnswer = (x: Answer, y: Answer) => x.choice === y.choice && x.justification.trim() === y.justification.trim();

/** Imports files in the order given (the first of equal versions is the one kept). */
export function collectAnswers(kit: AnnotationKit, files: readonly IncomingFile[]): ClassroomImport {
  const accepted: ClassroomImport['accepted'][number][] = [];
  const rejected: ClassroomImport['rejected'][number][] = [];
  const duplicates: DuplicateNote[] = [];
  const byKey = new Map<string, ClassroomAnswer[]>();
  const fileKeys = new Map<string, string>();
  for (const f of files) {
    const checked = checkAnswersFile(kit, f);
    if ('problems' in checked) {
      rejected.push({ file: f.name, problems: checked });
      continue;
    }
    const who = checked.annotator.trim();
    const whoKey = who.toLowerCase();
    const fingerprint = JSON.stringify([
      whoKey,
      checked.personaId,
      checked.answers.map((a) => [a.pairId, a.choice, a.justification.trim()]).sort(),
    ]);
    const earlier = fileKeys.get(fingerprint);
    if (earlier !== undefined) {
      duplicates.push({ kind: 'file', annotator: who, files: [earlier, f.name] });
      continue;
    }
    fileKeys.set(fingerprint, f.name);
    accepted.push({
      file: f.name,
      annotator: who,
      personaId: checked.personaId,
      answers: checked.answers.length,
      exportedAt: checked.exportedAt,
    });
    for (const a of checked.answers) {
      const key = `${whoKey}\u0000${a.pairId}`;
      const list = byKey.get(key) ?? [];
      const first = list[0];
      const answer: ClassroomAnswer = { ...a, annotator: first?.annotator ?? who, personaId: checked.personaId, file: f.name };
      const same = list.find((x) => sameAnswer(x, a));
      if (same) duplicates.push({ kind: 'answer', annotator: answer.annotator, pairId: a.pairId, files: [same.file, f.name] });
      else list.push(answer);
      byKey.set(key, list);
    }
  }
  const answers: ClassroomAnswer[] = [];
  const conflicts: AnswerConflict[] = [];
  for (const [key, list] of byKey) {
    if (list.length === 1) answers.push(list[0]!);
    else
      conflicts.push({
        id: key.replace('\u0000', '/'),
        annotator: list[0]!.annotator,
        personaId: list[0]!.personaId,
        pairId: list[0]!.pairId,
        versions: list,
      });
  }
  return { accepted, rejected, duplicates, conflicts, answers };
}

/** The teacher's decision on a conflict: keep the version from `file`, or exclude the answer (null). */
export interface Resolution {
  /** The conflict's id. */
  readonly conflictId: string;
  /** File whose version to keep, or null to leave the answer out. */
  readonly keep: string | null;
}

/** Answers with the resolved conflicts added back; unresolved conflicts stay out. */
export function applyResolutions(imp: ClassroomImport, resolutions: readonly Resolution[]): ClassroomAnswer[] {
  const out = [...imp.answers];
  for (const r of resolutions) {
    if (r.keep === null) continue;
    const c = imp.conflicts.find((x) => x.id === r.conflictId);
    const v = c?.versions.find((x) => x.file === r.keep);
    if (v) out.push(v);
  }
  return out;
}
