/**
 * A study from start to finish: `createStudy` stores its record (the id hashes the config, the
 * people and the models, so the same study opened again resumes it), `runStudy` works the steps in
 * order, skipping everything already stored; every new model answer is in the call cache the moment
 * it arrives, so a stop, a reload or a kill loses at most the calls in flight.
 */
import { isQuotaError, STORAGE_FULL_HINT, storageFullError } from '../storage-full';
import { hashHex } from '../random';
import { templateVersion } from '../pipeline/templates';
import type { FamousPerson } from './famous';
import { evalStep } from './eval-step';
import { pairsStep } from './pairs-step';
import { prefixStep } from './prefix-step';
import { questionsStep } from './questions-step';
import { StudyRun, StudyStopped, type StudyDeps } from './run-context';
import type { WikiStudyRecord } from './store';
import { STUDY_STEPS, type StudyStep, type WikiStudyConfig } from './study';
import { WIKI_TEMPLATES } from './templates';

/** What a study is made from. */
export interface NewStudy {
  /** A name (default from the people). */
  readonly name?: string;
  /** The configuration. */
  readonly config: WikiStudyConfig;
  /** Everyone the config's `people` names (user-added people are copied into the study). */
  readonly people: readonly FamousPerson[];
  /** "backend:model[@url]" of the two roles, and of a separate reward model when one is given. */
  readonly models: { readonly generator: string; readonly judge: string; readonly reward?: string };
  /** The judge's server when it is not the generator, kept so the study can resume after a reload (no credentials). */
  readonly judgeServer?: { readonly baseUrl: string; readonly model: string };
}

/** The study's id: "wiki-" and a hash of config, people and models. */
export function studyId(n: NewStudy): string {
  const people = n.config.people.map((id) => n.people.find((p) => p.id === id) ?? id);
  return `wiki-${hashHex(JSON.stringify([n.config, people, n.models]))}`;
}

/** Stores a new study, or returns the stored one with the same id. Throws when a person is missing. */
export async function createStudy(store: import('./store').WikiStore, n: NewStudy, now = Date.now()): Promise<WikiStudyRecord> {
  const people = n.config.people.map((id) => {
    const p = n.people.find((x) => x.id === id);
    if (!p) throw new Error(`No person with id "${id}".`);
    return p;
  });
  if (people.length === 0) throw new Error('A study needs at least one person.');
  const id = studyId(n);
  const stored = await store.getStudy(id);
  if (stored && n.judgeServer && !stored.judgeServer) {
    const updated = { ...stored, judgeServer: n.judgeServer };
    await store.putStudy(updated);
    return updated;
  }
  if (stored) return stored;
  const record: WikiStudyRecord = {
    id,
    name: n.name?.trim() || `${people.length === 1 ? people[0]!.name : `${people.length} people`} · seed ${n.config.seed}`,
    createdAt: now,
    config: n.config,
    people,
    models: n.models,
    ...(n.judgeServer ? { judgeServer: { baseUrl: n.judgeServer.baseUrl, model: n.judgeServer.model } } : {}),
    templates: Object.fromEntries(WIKI_TEMPLATES.map((t) => [t.id, templateVersion(t)])),
    status: 'ready',
    stepsDone: [],
  };
  await store.putStudy(record);
  return record;
}

/** How a run ended. */
export interface StudyOutcome {
  /** Done (every step asked for ran), stopped by the caller, or interrupted by a failure no item could escape. */
  readonly status: 'done' | 'stopped' | 'interrupted';
  /** The reason, when interrupted. */
  readonly error?: string;
  /** This session's figures. */
  readonly session: StudyRun['session'];
  /** The study as it now stands. */
  readonly study: WikiStudyRecord;
}

const STEP_FNS: Record<StudyStep, (run: StudyRun) => Promise<void>> = {
  questions: questionsStep,
  pairs: pairsStep,
  prefixes: prefixStep,
  evaluation: evalStep,
};

/** Runs (or resumes) a study's steps, in order; `steps` limits which (the earlier ones must be done or included). */
export async function runStudy(id: string, deps: StudyDeps, steps: readonly StudyStep[] = STUDY_STEPS): Promise<StudyOutcome> {
  const found = await deps.store.getStudy(id);
  if (!found) throw new Error(`No study ${id}.`);
  const run = new StudyRun({ ...found, status: 'running' }, deps);
  delete (run.study as { error?: string }).error;
  await deps.store.putStudy(run.study);
  const finish = async (status: WikiStudyRecord['status'], error?: string) => {
    run.study = { ...run.study, status, ...(error ? { error } : {}) };
    await deps.store.putStudy(run.study);
  };
  try {
    for (const step of STUDY_STEPS) {
      if (!steps.includes(step)) continue;
      await STEP_FNS[step](run);
      if (!run.study.stepsDone.includes(step)) run.study = { ...run.study, stepsDone: [...run.study.stepsDone, step] };
      await deps.store.putStudy(run.study);
    }
    const all = STUDY_STEPS.every((s) => run.study.stepsDone.includes(s));
    await finish(all ? 'done' : 'stopped');
    return { status: 'done', session: run.session, study: run.study };
  } catch (e) {
    if (e instanceof StudyStopped && e.aborted) {
      await finish('stopped');
      return { status: 'stopped', session: run.session, study: run.study };
    }
    if (isQuotaError(e)) {
      // Storage filled: the study is paused (stopped, resumable), and what was stored stays.
      const message = `${storageFullError('the study').message} ${STORAGE_FULL_HINT}`;
      await finish('stopped', message).catch((again: unknown) => {
        if (!isQuotaError(again)) throw again; // left "running": the next load marks it stopped
      });
      return { status: 'stopped', error: message, session: run.session, study: run.study };
    }
    const message = e instanceof Error ? e.message : String(e);
    await finish('failed', message);
    return { status: 'interrupted', error: message, session: run.session, study: run.study };
  }
}
