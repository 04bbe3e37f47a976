/**
 * One running job as the header's jobs indicator lists it: every state whose jobs outlive a page
 * exposes its running jobs as `jobs: JobInfo[]`, and the composition root gathers them (`app().jobs`).
 */

/** What a job is: a run, leave-one-out, a bench, a WikiPersonas step, persona generation, the LLM review or enrichment, a census import, a chat reply, a prompt classification. */
type JobInfoKind = 'run' | 'loo' | 'bench' | 'wiki' | 'personas' | 'persona-llm' | 'census' | 'chat' | 'prompts';

/** A running job. */
export interface JobInfo {
  /** Unique among all jobs: the kind and the job's own id. */
  readonly id: string;
  /** What it is. */
  readonly kind: JobInfoKind;
  /** Its name as the user knows it ("Run “Default × 3 personas”"). */
  readonly label: string;
  /** The page that shows it (a hash link, "#/runs?run=…"). */
  readonly href: string;
  /** Units done. */
  readonly done: number;
  /** Units in all; 0 when not known yet. */
  readonly total: number;
  /** What is counted ("pairs", "samples"); "%" when `done` and `total` are a percentage. */
  readonly unit: string;
  /** Stops it (what was done stays, and it can be resumed where the job allows); absent for a job running in another tab. */
  readonly stop?: () => void;
  /** Running in another tab of the app (listed, stopped only there). */
  readonly elsewhere?: boolean;
}

/** A fraction 0…1 as a job's progress in percent. */
export function percent(fraction: number): Pick<JobInfo, 'done' | 'total' | 'unit'> {
  return { done: Math.round(Math.min(1, Math.max(0, fraction)) * 100), total: 100, unit: '%' };
}
