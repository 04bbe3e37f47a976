/**
 * Annotation kits, sessions, answers and classrooms (schema v5). Answers are written one at a time
 * as the annotator works, so a reload or a closed tab loses nothing.
 */
import type { PersonaLabDb } from './database';
import { readWrite } from './transaction';
import type { AnnotationAnswerRow, AnnotationKitRow, AnnotationSessionRow, ClassroomRow } from './stats-rows';

/** The id of a session: kit, persona and the annotator's name (trimmed, lower case). */
export function sessionId(kitId: string, personaId: string, annotator: string): string {
  return `${kitId}/${personaId}/${annotator.trim().toLowerCase()}`;
}

/** Reads and writes the annotation tables. */
export class AnnotationStore {
  constructor(private readonly db: PersonaLabDb) {}

  #kits() {
    return this.db.table<AnnotationKitRow, string>('annotationKits');
  }
  #sessions() {
    return this.db.table<AnnotationSessionRow, string>('annotationSessions');
  }
  #answers() {
    return this.db.table<AnnotationAnswerRow, [string, string]>('annotationAnswers');
  }
  #classrooms() {
    return this.db.table<ClassroomRow, string>('classrooms');
  }

  /** Saves a kit. */
  async putKit(kit: AnnotationKitRow): Promise<void> {
    await this.#kits().put(kit);
  }
  /** One kit. */
  getKit(id: string): Promise<AnnotationKitRow | undefined> {
    return this.#kits().get(id);
  }
  /** Every kit, newest first. */
  listKits(): Promise<AnnotationKitRow[]> {
    return this.#kits().orderBy('importedAt').reverse().toArray();
  }

  /** Saves a session. */
  async putSession(s: AnnotationSessionRow): Promise<void> {
    await this.#sessions().put(s);
  }
  /** One session. */
  getSession(id: string): Promise<AnnotationSessionRow | undefined> {
    return this.#sessions().get(id);
  }
  /** Sessions, most recent first. */
  listSessions(): Promise<AnnotationSessionRow[]> {
    return this.#sessions().orderBy('updatedAt').reverse().toArray();
  }
  /** Deletes a session and its answers. */
  async deleteSession(id: string): Promise<void> {
    await readWrite(this.db, ['annotationSessions', 'annotationAnswers'], async () => {
      const keys = (await this.#answers().where('sessionId').equals(id).primaryKeys()) as [string, string][];
      await this.#answers().bulkDelete(keys);
      await this.#sessions().delete(id);
    });
  }

  /** Saves one answer and the session's position in one transaction. */
  async saveAnswer(answer: AnnotationAnswerRow, position: number, now: number): Promise<void> {
    await readWrite(this.db, ['annotationSessions', 'annotationAnswers'], async () => {
      await this.#answers().put(answer);
      await this.#move(answer.sessionId, position, now);
    });
  }
  /** Moves the session's position. */
  async setPosition(id: string, position: number, now: number): Promise<void> {
    await this.#move(id, position, now);
  }
  async #move(id: string, position: number, now: number): Promise<void> {
    const s = await this.#sessions().get(id);
    if (s) await this.#sessions().put({ ...s, position, updatedAt: now });
  }
  /** A session's answers. */
  answers(sessionId: string): Promise<AnnotationAnswerRow[]> {
    return this.#answers().where('sessionId').equals(sessionId).toArray();
  }

  /** Saves a classroom. */
  async putClassroom(c: ClassroomRow): Promise<void> {
    await this.#classrooms().put(c);
  }
  /** The classroom changed last, or undefined. */
  latestClassroom(): Promise<ClassroomRow | undefined> {
    return this.#classrooms().orderBy('updatedAt').last();
  }
  /** One classroom. */
  getClassroom(id: string): Promise<ClassroomRow | undefined> {
    return this.#classrooms().get(id);
  }
}
