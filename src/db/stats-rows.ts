/**
 * Row types of the schema-v5 tables (issue #5). Rows are plain data apart from the typed arrays of
 * label sets, which IndexedDB stores as they are.
 */
import type { Resolution, IncomingFile } from '../core/annotation/classroom';
import type { AnnotationKit } from '../core/annotation/kit';
import type { LabelSet } from '../core/judging/label-set';
import type { LooRunJudgement } from '../core/loo/runner';
import type { LooDesign } from '../core/loo/design';

/** `labelSets`: an imported or simulated label set (key `id`). */
export interface LabelSetRow extends LabelSet {
  /** Where it came from: "import" (a file), "run" (a pipeline run's judges), "classroom", "simulation". */
  readonly source: 'import' | 'run' | 'classroom' | 'simulation';
  /** Display names the user gave raters, by rater id (figures and tables show them; exports keep the ids). Absent when none. */
  readonly raterNames?: Readonly<Record<string, string>>;
}

/** `annotationKits`: a kit opened on this device (key `id`). */
export interface AnnotationKitRow extends AnnotationKit {
  /** When it was opened here (ms). */
  readonly importedAt: number;
}

/** `annotationSessions`: one annotator role-playing one persona of a kit (key `id`). */
export interface AnnotationSessionRow {
  /** `${kitId}/${personaId}/${annotator key}`. */
  readonly id: string;
  /** The kit. */
  readonly kitId: string;
  /** The annotator's name as typed. */
  readonly annotator: string;
  /** The persona role-played. */
  readonly personaId: string;
  /** When the session started (ISO). */
  readonly startedAt: string;
  /** Index of the question on screen (resumes here). */
  readonly position: number;
  /** Whether the instructions were acknowledged. */
  readonly instructionsRead: boolean;
  /** True while the annotator works in it (a reload resumes it); false once they leave it. */
  readonly active: boolean;
  /** Last change (ms). */
  readonly updatedAt: number;
}

/** `annotationAnswers`: one answer, saved as it is given (key `[sessionId+pairId]`). */
export interface AnnotationAnswerRow {
  /** The session. */
  readonly sessionId: string;
  /** The pair. */
  readonly pairId: string;
  /** The choice; null while only a justification was typed. */
  readonly choice: 'a' | 'b' | null;
  /** The response shown first. */
  readonly shownFirst: 'a' | 'b';
  /** The justification so far. */
  readonly justification: string;
  /** Last change (ISO). */
  readonly answeredAt: string;
}

/** `classrooms`: a teacher's import for one kit, raw files kept so nothing is lost (key `id`). */
export interface ClassroomRow {
  /** Stable id (the kit id: one classroom per kit). */
  readonly id: string;
  /** The kit. */
  readonly kitId: string;
  /** Every file imported, as read. */
  readonly files: readonly IncomingFile[];
  /** The teacher's conflict decisions. */
  readonly resolutions: readonly Resolution[];
  /** A label set of model judges on the same pairs, for human–model kappa. */
  readonly modelSetId: string | null;
  /** The students the teacher expects (names as typed), for the progress view; absent when none were listed. */
  readonly expected?: readonly string[];
  /** Last change (ms). */
  readonly updatedAt: number;
}

/** `looRuns`: a leave-one-out run or import (key `id`). */
export interface LooRunRow {
  /** Stable id. */
  readonly id: string;
  /** Name for people. */
  readonly name: string;
  /** Creation (ms). */
  readonly createdAt: number;
  /** "run" (made here with a model) or "import" (judgements from a file). */
  readonly source: 'run' | 'import';
  /** The design, for runs. */
  readonly design: LooDesign | null;
  /** Backend and model, for runs. */
  readonly model: string | null;
  /** Where a run stands. */
  readonly status: 'ready' | 'running' | 'stopped' | 'done' | 'failed';
  /** The last error, for stopped and failed runs. */
  readonly error: string | null;
}

/** `looJudgements`: one judgement (key `[runId+key]`, key = attribute/unit/question/judge). */
export interface LooJudgementRow extends LooRunJudgement {
  /** The run. */
  readonly runId: string;
  /** attribute/unit/questionId/judge. */
  readonly key: string;
}
