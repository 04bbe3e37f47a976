/**
 * The leave-one-out analysis (PERSONA §4.1, Figure 5): design a study, run it with the model chosen
 * on the Models page through the pipeline's stages (every judgement stored, every call in the one
 * call cache, so a stopped run resumes), or import judgements from a file; then kappa per attribute as box plots and CSV.
 */
import type { LlmClient } from '../core/llm/types';
import { looBoxes, looCsv, looKappas, type LooBox, type LooKappa } from '../core/loo/analysis';
import { designLoo, type LooDesign, type LooOptions } from '../core/loo/design';
import { readLooFile } from '../core/loo/import';
import { NO_PROBLEMS, type ProblemList } from '../core/records/problems';
import { looKey, looTaskCount, runLoo, type LooRunJudgement } from '../core/loo/runner';
import type { CallStore } from '../core/pipeline/cache';
import { storingCalls } from '../core/pipeline/context';
import { hashHex } from '../core/random';
import { isQuotaError, STORAGE_FULL_HINT, storageFullError } from '../core/storage-full';
import type { LooStore } from '../db/loo-store';
import type { LooJudgementRow, LooRunRow } from '../db/stats-rows';
import { heldJobs, withJobLock } from '../platform/job-lock';
import { OtherTabJobs } from './OtherTabJobs.svelte';
import type { JobInfo } from './jobs';
import { Stored } from './Stored.svelte';

const judgementKey = (j: LooRunJudgement) => `${looKey(j.attribute, j.unit, j.questionId)}/${j.judge}`;

/** Why a run left "running" by a page that went away is stopped. */
const ORPHANED = 'The page was closed or reloaded while it ran; start again to resume where it stopped.';

/** Questions judged both ways (with and without the attribute), by their key. */
function doneKeys(judgements: readonly LooJudgementRow[]): Set<string> {
  const done = new Set<string>();
  const count = new Map<string, number>();
  for (const j of judgements) {
    const k = looKey(j.attribute, j.unit, j.questionId);
    count.set(k, (count.get(k) ?? 0) + 1);
    if (count.get(k) === 2) done.add(k);
  }
  return done;
}

export class LooState {
  #runs = new Stored<LooRunRow[]>(() => this.store.listRuns(), []);
  #current = $state.raw<LooRunRow | null>(null);
  #judgements = $state.raw<LooJudgementRow[]>([]);
  #progress = $state.raw<{ done: number; total: number } | null>(null);
  #error = $state<string | null>(null);
  #fileProblems = $state.raw<ProblemList>(NO_PROBLEMS);
  /** Kappa per persona pair. */
  readonly kappas: LooKappa[] = $derived(looKappas(this.#judgements));
  /** Per-attribute summaries. */
  readonly boxes: LooBox[] = $derived(looBoxes(this.kappas));
  /** Runs going in another tab of the app (their lock is held there); the shown one's judgements are re-read while it goes. */
  readonly elsewhere: OtherTabJobs;
  #abort: AbortController | null = null;
  #runningId: string | null = null;

  /** Stored runs and imports. */
  get runs() {
    return this.#runs.current;
  }
  /** The run shown. */
  get current() {
    return this.#current;
  }
  /** Its judgements. */
  get judgements() {
    return this.#judgements;
  }
  /** Progress of a running run. */
  get progress() {
    return this.#progress;
  }
  /** The last error. */
  get error() {
    return this.#error;
  }
  /** Problems of the last refused file (judgements or personas). */
  get fileProblems() {
    return this.#fileProblems;
  }

  constructor(
    private readonly store: LooStore,
    private readonly calls?: CallStore,
  ) {
    this.elsewhere = new OtherTabJobs(
      'loo',
      () => (this.#runningId ? [this.#runningId] : []),
      (freed) => this.#othersChanged(freed),
    );
  }

  /** Whether a run is going. */
  get running(): boolean {
    return this.#abort !== null;
  }

  /**
   * Loads the runs (and shows the newest). A run stored as running that no tab is running was cut
   * short by a reload or a closed tab: it is marked stopped, ready to resume.
   */
  async load(): Promise<void> {
    const held = await heldJobs('loo');
    for (const r of await this.store.listRuns())
      if (r.status === 'running' && r.id !== this.#runningId && !held.has(r.id)) await this.store.setStatus(r.id, 'stopped', ORPHANED);
    await this.#runs.refresh();
    if (this.#current) this.#current = (await this.store.getRun(this.#current.id)) ?? null;
    else if (this.#runs.current[0]) await this.show(this.#runs.current[0].id);
    await this.elsewhere.check();
  }

  /** After each reading of the other tabs' locks: runs let go while "running" are stopped; the list and the shown run re-read. */
  async #othersChanged(freed: readonly string[]): Promise<void> {
    try {
      for (const id of freed) if ((await this.store.getRun(id))?.status === 'running') await this.store.setStatus(id, 'stopped', ORPHANED);
      await this.#runs.refresh();
      const shown = this.#current;
      if (shown && (freed.includes(shown.id) || this.elsewhere.has(shown.id))) {
        await this.show(shown.id);
        this.#progress =
          this.elsewhere.has(shown.id) && shown.design
            ? { done: doneKeys(this.#judgements).size, total: looTaskCount(shown.design) }
            : null;
      }
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Shows a run. */
  async show(id: string): Promise<void> {
    this.#current = (await this.store.getRun(id)) ?? null;
    this.#judgements = this.#current ? await this.store.judgements(id) : [];
  }

  /** Draws and stores a design. Throws nothing: problems go to `error`. */
  async create(name: string, options: LooOptions, model: string): Promise<void> {
    this.#error = null;
    let design: LooDesign;
    try {
      design = designLoo(options);
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      return;
    }
    const empty = design.attributes.filter((a) => a.units.length === 0).map((a) => a.attribute);
    const id = `loo-${hashHex(JSON.stringify(design))}`;
    await this.store.putRun({
      id,
      name,
      createdAt: Date.now(),
      source: 'run',
      design,
      model,
      status: 'ready',
      error: empty.length ? `No persona has: ${empty.join(', ')}` : null,
    });
    await this.#runs.refresh();
    await this.show(id);
  }

  /** Runs (or resumes) the shown design with `llm`; a run going in another tab is left to it (`error` says so). */
  async start(llm: LlmClient): Promise<void> {
    const run = this.#current;
    if (!run?.design || this.#abort) return;
    const design = run.design;
    const abort = (this.#abort = new AbortController());
    this.#runningId = run.id;
    this.#error = null;
    const { ran } = await withJobLock('loo', run.id, () => this.#run(run, design, llm, abort)).finally(() => {
      this.#abort = null;
      this.#runningId = null;
    });
    if (!ran) {
      this.#error = `“${run.name}” is running in another tab of Persona Lab; stop it there (or close that tab) to run it here.`;
      await this.elsewhere.check(); // after letting go of the id, so the other tab's lock counts as elsewhere
    }
  }

  async #run(run: LooRunRow, design: LooDesign, llm: LlmClient, abort: AbortController): Promise<void> {
    await this.show(run.id); // the judgements another tab may have stored since this tab last read them
    const done = doneKeys(this.#judgements);
    this.#progress = { done: done.size, total: looTaskCount(design) };
    await this.store.setStatus(run.id, 'running');
    await this.#runs.refresh();
    try {
      await runLoo({
        design,
        ctx: {
          llm,
          seed: parseInt(hashHex(run.id, 1), 16) & 0x7fffffff,
          signal: abort.signal,
          maxAttempts: 3,
          ...(this.calls ? storingCalls(this.calls) : {}),
        },
        done,
        onJudgements: async (pair) => {
          const rows = pair.map((j) => ({ ...j, runId: run.id, key: judgementKey(j) }));
          await this.store.putJudgements(rows);
          if (this.#current?.id === run.id) this.#judgements = [...this.#judgements, ...rows];
        },
        onProgress: (d, total) => (this.#progress = { done: d, total }),
      });
      await this.store.setStatus(run.id, 'done');
    } catch (e) {
      const full = isQuotaError(e);
      const message = full
        ? `${storageFullError('the run').message} ${STORAGE_FULL_HINT}`
        : abort.signal.aborted
          ? 'Stopped; start again to resume where it stopped.'
          : e instanceof Error
            ? e.message
            : String(e);
      try {
        await this.store.setStatus(run.id, abort.signal.aborted || full ? 'stopped' : 'failed', message);
      } catch (again) {
        if (!isQuotaError(again)) throw again; // left "running": the next load marks it stopped, ready to resume
      }
      this.#error = abort.signal.aborted && !full ? null : message;
    } finally {
      await this.#runs.refresh();
      if (this.#current?.id === run.id) this.#current = (await this.store.getRun(run.id)) ?? null;
    }
  }

  /** Stops the running design (what was stored stays). */
  stop(): void {
    this.#abort?.abort();
  }

  /** Imports a judgements file (any format the record reader knows); stored as a run of source "import", or refused with its problems. */
  async importFile(name: string, input: string | Uint8Array): Promise<void> {
    this.#error = null;
    this.#fileProblems = NO_PROBLEMS;
    try {
      const read = await readLooFile(name, input);
      if (!read.ok) {
        this.#fileProblems = read;
        this.#error = `${name} was not imported (${read.total} problem${read.total === 1 ? '' : 's'}).`;
        return;
      }
      const id = `loo-import-${hashHex(`${name}/${Date.now()}`)}`;
      await this.store.putRun({
        id,
        name,
        createdAt: Date.now(),
        source: 'import',
        design: null,
        model: null,
        status: 'done',
        error: null,
      });
      await this.store.putJudgements(
        read.judgements.map((j) => ({ ...j, runId: id, note: '', key: `${looKey(j.attribute, j.unit, j.questionId)}/${j.judge}` })),
      );
      await this.#runs.refresh();
      await this.show(id);
    } catch (e) {
      this.#error = `${name}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** The per-pair kappas as CSV. */
  csv(): string {
    return looCsv(this.kappas);
  }

  /** Deletes a run. */
  async remove(id: string): Promise<void> {
    await this.store.deleteRun(id);
    if (this.#current?.id === id) {
      this.#current = null;
      this.#judgements = [];
    }
    await this.load();
  }

  /** The design running in this tab (with its Stop) and those in other tabs, for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    const name = (id: string) => this.runs.find((r) => r.id === id)?.name ?? id;
    const job = (id: string) => ({
      id: `loo:${id}`,
      kind: 'loo' as const,
      label: `Leave-one-out “${name(id)}”`,
      href: '#/loo',
      unit: 'questions',
    });
    const mine: JobInfo[] = this.#runningId
      ? [{ ...job(this.#runningId), done: this.progress?.done ?? 0, total: this.progress?.total ?? 0, stop: () => this.stop() }]
      : [];
    return [...mine, ...[...this.elsewhere.ids].map((id): JobInfo => ({ ...job(id), done: 0, total: 0, elsewhere: true }))];
  }
}
