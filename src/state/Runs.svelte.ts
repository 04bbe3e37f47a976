/**
 * Runs in the page: the list, creating a run, starting, pausing, resuming, cancelling and retrying
 * it, its live progress, and exporting or importing pairs. A run holds its cross-tab lock while it
 * goes, so another tab of the app shows it as running there (with its progress read from IndexedDB)
 * instead of running it twice. A run found "running" in the database with no tab running it was cut
 * short by a reload, crash or closed tab: it is shown as interrupted, ready to resume.
 */
import { version } from '../../package.json';
import type { LlmError } from '../core/llm/errors';
import { cloneRun, type CloneChange } from '../core/pipeline/clone';
import type { ModelRef } from '../core/pipeline/config';
import { editRunServers, type RunRole } from '../core/pipeline/edit-server';
import { createRun, type NewRun } from '../core/pipeline/create';
import { pairExportFileName, exportPairs, type PairFormat } from '../core/pipeline/export-formats';
import { FileProblemsError, NO_PROBLEMS, type ProblemList } from '../core/records/problems';
import { importPairsRun, readPairsFile } from '../core/pipeline/import-pairs';
import { UnavailableClient } from '../core/pipeline/judge-run';
import { batchManifest, collectBatch, importBatchOutput } from '../core/pipeline/batch';
import type { Lanes } from '../core/pipeline/lanes';
import type { ProgressSnapshot } from '../core/pipeline/progress';
import type { RunItem, RunRecord } from '../core/pipeline/records';
import { executeRun, type RunClients } from '../core/pipeline/runner';
import { retryFailed, scanRun } from '../core/pipeline/run-scan';
import { isQuotaError, storageFullError } from '../core/storage-full';
import type { DexiePipelineStore } from '../db/pipeline-store';
import { downloadText } from '../platform/download';
import { heldJobs, withJobLock } from '../platform/job-lock';
import { OtherTabJobs } from './OtherTabJobs.svelte';
import { clientFor } from './role-models';
import type { Services } from './services';
import type { JobInfo } from './jobs';
import { Stored } from './Stored.svelte';

/** A failure as the UI shows it. */
export interface Problem {
  readonly message: string;
  readonly hint?: string;
}

/** A run going in another tab: its pairs as IndexedDB holds them. */
export interface ElsewhereProgress {
  /** Pairs made. */
  readonly done: number;
  /** Pairs failed. */
  readonly failed: number;
  /** Pairs planned. */
  readonly total: number;
}

/** Why a run left "running" by a tab that went away is interrupted. */
const ORPHANED = 'The page was closed or reloaded while the run was going; resume it to go on.';

/** Persona Lab's version for manifests (package.json, read at build time). */
const APP_VERSION: string = version;

export class Runs {
  #list = new Stored<readonly RunRecord[]>(() => this.#store.listRuns(), []);
  #progress = $state.raw<Readonly<Record<string, ProgressSnapshot>>>({});
  #active = $state.raw<ReadonlySet<string>>(new Set());
  #lastItem = $state.raw<Readonly<Record<string, RunItem>>>({});
  #live = $state.raw<Readonly<Record<string, { itemId: string; stage: string; text: string }>>>({});
  #problem = $state.raw<Problem | undefined>();
  #notice = $state<string | undefined>();
  #fileProblems = $state.raw<ProblemList>(NO_PROBLEMS);
  /** Runs going in another tab of the app (their lock is held there). */
  readonly elsewhere: OtherTabJobs;
  #elsewhereProgress = $state.raw<Readonly<Record<string, ElsewhereProgress>>>({});

  readonly #store: DexiePipelineStore;
  readonly #lanes: Lanes;
  readonly #services: Services;
  readonly #controllers = new Map<string, { controller: AbortController; cancel: boolean }>();
  #loaded: Promise<void> | undefined;

  /** Every run, newest first. */
  get list() {
    return this.#list.current;
  }
  /** Live progress of the runs going in this page, by run id. */
  get progress() {
    return this.#progress;
  }
  /** Ids of runs going in this page. */
  get active() {
    return this.#active;
  }
  /** The last pair item that changed, per run (the results browser refreshes on it). */
  get lastItem() {
    return this.#lastItem;
  }
  /** The call being generated per run: item, stage and the text so far. */
  get live() {
    return this.#live;
  }
  /** The last failure. */
  get problem() {
    return this.#problem;
  }
  /** The last piece of news that is not a failure (batch import counts). */
  get notice() {
    return this.#notice;
  }
  /** Records of the last imported file (pairs, batch output) that could not be read. */
  get fileProblems() {
    return this.#fileProblems;
  }
  /** Pairs of each run going in another tab, re-read from IndexedDB while it goes. */
  get elsewhereProgress() {
    return this.#elsewhereProgress;
  }

  constructor(store: DexiePipelineStore, lanes: Lanes, s: Services) {
    this.#store = store;
    this.#lanes = lanes;
    this.#services = s;
    this.elsewhere = new OtherTabJobs(
      'run',
      () => this.#controllers.keys(),
      (freed) => this.#othersChanged(freed),
    );
  }

  /** Reads the runs (once; marks orphaned "running" runs, those no tab holds, as interrupted). */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      const held = await heldJobs('run');
      for (const r of await this.#store.listRuns()) if (!held.has(r.id) && !this.#controllers.has(r.id)) await this.#markOrphaned(r.id);
      await this.elsewhere.check();
    })();
    return this.#loaded;
  }

  /** Marks a run stored as "running" that no tab runs as interrupted. */
  async #markOrphaned(id: string): Promise<void> {
    const r = await this.#store.getRun(id);
    if (r?.status !== 'running') return;
    // The record's counters are the session's start: the items hold what the cut session did.
    const { counters } = await scanRun(this.#store, id);
    await this.#store.putRun({ ...r, counters, status: 'interrupted', error: ORPHANED, updatedAt: Date.now() });
  }

  /** After each reading of the other tabs' locks: runs let go are marked if they were cut short; the list and their progress re-read. */
  async #othersChanged(freed: readonly string[]): Promise<void> {
    try {
      for (const id of freed) await this.#markOrphaned(id);
      const progress: Record<string, ElsewhereProgress> = {};
      for (const id of this.elsewhere.ids) progress[id] = await this.#pairCounts(id);
      this.#elsewhereProgress = progress;
      await this.refresh();
    } catch (e) {
      this.#problem = asProblem(e);
    }
  }

  async #pairCounts(id: string): Promise<ElsewhereProgress> {
    const run = await this.#store.getRun(id);
    let done = 0;
    let failed = 0;
    for await (const item of this.#store.listItems(id)) {
      if (item.kind !== 'pair') continue;
      if (item.status === 'done') done++;
      else if (item.status === 'failed') failed++;
    }
    return { done, failed, total: run?.manifest.plan.pairs ?? 0 };
  }

  /** Re-reads the list. */
  async refresh(): Promise<void> {
    await this.#list.refresh();
  }

  /** A run by id from the list. */
  get(id: string): RunRecord | undefined {
    return this.#list.current.find((r) => r.id === id);
  }

  /** Creates a run (or returns the existing one with the same work) and lists it. */
  async create(input: Omit<NewRun, 'appVersion'>): Promise<RunRecord | undefined> {
    this.#problem = undefined;
    try {
      const run = await createRun(this.#store, { ...input, appVersion: APP_VERSION, id: `run-${Date.now().toString(36)}` });
      await this.refresh();
      return run;
    } catch (e) {
      this.#problem = asProblem(e);
      return undefined;
    }
  }

  /** Clones a run with another judge or other models and lists the clone (undefined when it failed: see `problem`). */
  async clone(id: string, change: CloneChange, name: string): Promise<RunRecord | undefined> {
    this.#problem = undefined;
    try {
      const run = await cloneRun(this.#store, id, change, { name, appVersion: APP_VERSION });
      await this.refresh();
      return run;
    } catch (e) {
      this.#problem = asProblem(e);
      return undefined;
    }
  }

  /**
   * Changes the server (backend, address, model) of some of a stopped run's roles; finished items
   * stay, the rest go to the new server on resume, and the manifest records each change. Under the
   * run's cross-tab lock, so a run going in another tab is left alone. False when it failed (see `problem`).
   */
  async editServers(id: string, changes: readonly { role: RunRole; model: ModelRef }[]): Promise<boolean> {
    this.#problem = undefined;
    if (this.#controllers.has(id)) {
      this.#problem = { message: 'The run is running: pause it first.' };
      return false;
    }
    try {
      const outcome = await withJobLock('run', id, async () => {
        const run = await this.#store.getRun(id);
        if (run) await this.#store.putRun(editRunServers(run, changes));
      });
      if (!outcome.ran) await this.#leftToOtherTab(id);
      await this.refresh();
      return outcome.ran;
    } catch (e) {
      this.#problem = asProblem(e);
      return false;
    }
  }

  /** Renames a run (an empty name is refused); the new name shows in the list, its page and its exports. */
  async rename(id: string, name: string): Promise<void> {
    const run = await this.#store.getRun(id);
    if (!run || !name.trim() || name.trim() === run.name) return;
    await this.#store.putRun({ ...run, name: name.trim(), updatedAt: Date.now() });
    await this.refresh();
  }

  /**
   * Starts or resumes a run; resolves when it stops. A run going in another tab of the app is left
   * to it: `problem` says so, and `elsewhere` lists it.
   */
  start(id: string): Promise<void> {
    return this.#start(id);
  }

  /** Starts a run under its cross-tab lock; `prepare` runs first, under the lock too. */
  async #start(id: string, prepare?: () => Promise<unknown>): Promise<void> {
    if (this.#controllers.has(id)) return;
    const entry = { controller: new AbortController(), cancel: false };
    this.#controllers.set(id, entry);
    this.#active = new Set(this.#controllers.keys());
    this.#problem = undefined;
    const { ran } = await withJobLock('run', id, async () => {
      await prepare?.();
      await this.#go(id, entry);
    }).finally(() => {
      this.#controllers.delete(id);
      this.#active = new Set(this.#controllers.keys());
    });
    if (!ran) await this.#leftToOtherTab(id); // after letting go of the id, so the other tab's lock counts as elsewhere
  }

  async #leftToOtherTab(id: string): Promise<void> {
    this.#problem = {
      message: `“${this.get(id)?.name ?? id}” is running in another tab of Persona Lab.`,
      hint: 'Its progress shows here; pause it in that tab (or close that tab) to run it here.',
    };
    await this.elsewhere.check();
  }

  /** Runs a run while this tab holds its lock. */
  async #go(id: string, entry: { controller: AbortController; cancel: boolean }): Promise<void> {
    const run = await this.#store.getRun(id);
    if (!run) return;
    try {
      await this.#store.putRun({ ...run, status: 'running', updatedAt: Date.now() });
      await this.refresh();
      const clients = await this.#clients(run);
      const outcome = await executeRun(id, {
        store: this.#store,
        clients,
        signal: entry.controller.signal,
        progressIntervalMs: 300,
        onProgress: (p) => (this.#progress = { ...this.#progress, [id]: p }),
        onItem: (item) => (this.#lastItem = { ...this.#lastItem, [id]: item }),
        onLiveText: (itemId, stage, text) => (this.#live = { ...this.#live, [id]: { itemId, stage, text } }),
      });
      if (entry.cancel) await this.#setStatus(id, 'cancelled');
      // A run paused with an error was stopped by storage filling up (the runner's only such end).
      if (outcome.error) this.#problem = outcome.status === 'paused' ? storageFullError('the run') : { message: outcome.error };
    } catch (e) {
      const full = isQuotaError(e);
      this.#problem = full ? storageFullError('the run') : asProblem(e);
      try {
        await this.#setStatus(id, full ? 'paused' : 'interrupted', `${this.#problem.message} ${this.#problem.hint ?? ''}`.trim());
      } catch (again) {
        if (!isQuotaError(again)) throw again; // stored as "running", the next load shows it interrupted: resumable either way
      }
    } finally {
      const { [id]: _gone, ...live } = this.#live;
      this.#live = live;
      this.#controllers.delete(id);
      this.#active = new Set(this.#controllers.keys());
      await this.refresh();
    }
  }

  /** Pauses a running run after the calls in flight. */
  pause(id: string): void {
    this.#controllers.get(id)?.controller.abort();
  }

  /** Cancels a run: it stops and is marked cancelled (it can still be resumed later). Not a run going in another tab. */
  async cancel(id: string): Promise<void> {
    const entry = this.#controllers.get(id);
    if (entry) {
      entry.cancel = true;
      entry.controller.abort();
      return;
    }
    const outcome = await withJobLock('run', id, () => this.#setStatus(id, 'cancelled'));
    if (!outcome.ran) await this.#leftToOtherTab(id);
    await this.refresh();
  }

  /** Gives failed items a new round of attempts and resumes. */
  retry(id: string): Promise<void> {
    return this.#start(id, () => retryFailed(this.#store, id));
  }

  /** Deletes a run and its items (the call cache stays); not a run going in another tab. */
  async remove(id: string): Promise<void> {
    if (this.#controllers.has(id)) {
      this.pause(id);
      await this.#store.deleteRun(id);
    } else {
      const outcome = await withJobLock('run', id, () => this.#store.deleteRun(id));
      if (!outcome.ran) await this.#leftToOtherTab(id);
    }
    await this.refresh();
  }

  /** Downloads a run's finished pairs in a format. */
  async download(id: string, format: PairFormat): Promise<number> {
    const run = await this.#store.getRun(id);
    if (!run) return 0;
    const parts: string[] = [];
    const n = await exportPairs(this.#store, id, format, (c) => void parts.push(c));
    const file = pairExportFileName(run, format);
    downloadText(file.name, parts.join(''), file.type);
    return n;
  }

  /** Imports a pairs file (TRL JSONL, PERSONA columns JSONL, or CSV) as a finished run; unreadable records go to `fileProblems`. */
  async importPairs(file: File): Promise<RunRecord | undefined> {
    this.#problem = undefined;
    this.#fileProblems = NO_PROBLEMS;
    try {
      const parsed = await readPairsFile(file.name, new Uint8Array(await file.arrayBuffer()));
      const run = await importPairsRun(this.#store, parsed, { name: file.name, appVersion: APP_VERSION, source: file.name });
      if (parsed.total) {
        this.#fileProblems = parsed;
        this.#notice = `${file.name}: ${parsed.pairs.length} pairs imported; ${parsed.total} record${parsed.total === 1 ? '' : 's'} left out (listed).`;
      }
      await this.refresh();
      return run;
    } catch (e) {
      if (e instanceof FileProblemsError) {
        this.#fileProblems = e.list;
        this.#problem = { message: `${file.name} was not imported: no pair could be read.` };
      } else this.#problem = asProblem(e);
      return undefined;
    }
  }

  /** The role clients of batch mode: never called, they only name the models (so keys match live runs). */
  #batchClients(run: RunRecord): RunClients {
    const c = run.config;
    const make = (r: RunRecord['config']['generator']) => new UnavailableClient(r.model, true);
    return { generator: make(c.generator), critic: make(c.critic), judges: c.judges.map(make) };
  }

  /** Downloads the calls the run needs next as an OpenAI Batch request file and its manifest; resolves to the number of lines. */
  async exportBatch(id: string): Promise<number> {
    this.#problem = undefined;
    if (this.#controllers.has(id)) return 0;
    const run = await this.#store.getRun(id);
    if (!run) return 0;
    const { lines, stages } = await collectBatch(id, this.#store, this.#batchClients(run));
    await this.refresh();
    if (!lines.length) {
      this.#notice = 'Nothing left to request: every pair is done or failed.';
      return 0;
    }
    this.#notice = `${lines.length} requests exported (${Object.entries(stages)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}).`;
    const base = pairExportFileName(run, 'trl').name.replace(/\.trl\.jsonl$/, '');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`${base}.batch-${stamp}.requests.jsonl`, lines.map((l) => JSON.stringify(l)).join('\n') + '\n', 'application/jsonl');
    downloadText(
      `${base}.batch-${stamp}.manifest.json`,
      JSON.stringify(batchManifest(`batch-${stamp}`, id, `${base}.batch-${stamp}.requests.jsonl`, lines, stages), null, 2),
      'application/json',
    );
    return lines.length;
  }

  /** Reads a batch output file (vLLM run-batch or OpenAI Batch), joined on custom_id with the calls the run is waiting for. */
  async importBatch(id: string, file: File): Promise<void> {
    this.#problem = undefined;
    this.#notice = undefined;
    this.#fileProblems = NO_PROBLEMS;
    try {
      const run = await this.#store.getRun(id);
      if (!run) return;
      const { lines } = await collectBatch(id, this.#store, this.#batchClients(run));
      const pending = batchManifest('pending', id, '', lines, {});
      const r = await importBatchOutput(this.#store, [pending], await file.text(), file.name);
      this.#fileProblems = r;
      const notes = [
        `${r.imported} answers imported`,
        r.alreadyCached ? `${r.alreadyCached} already there` : '',
        r.failed.length ? `${r.failed.length} failed lines will be asked again` : '',
        r.unknown ? `${r.unknown} lines this run is not waiting for` : '',
        r.total ? `${r.total} unreadable (listed)` : '',
      ].filter(Boolean);
      if (r.imported) this.#notice = `${file.name}: ${notes.join('; ')}. Export the next batch, or resume the run with a model.`;
      else this.#problem = { message: `${file.name}: nothing imported (${notes.join('; ')}).` };
      await collectBatch(id, this.#store, this.#batchClients(run));
      await this.refresh();
    } catch (e) {
      this.#problem = asProblem(e);
    }
  }

  async #clients(run: RunRecord): Promise<RunClients> {
    const c = run.config;
    const make = async (role: RunRecord['config']['generator']) =>
      this.#lanes.wrap(await clientFor(role.model, this.#services), c.concurrency, role.model.baseUrl);
    // Imported and judge-only runs have y_l, critique and revision already: their makers need not be reachable.
    const done = run.source !== undefined;
    const generator = done ? await make(c.generator).catch(() => new UnavailableClient(c.generator.model)) : await make(c.generator);
    const critic = done ? await make(c.critic).catch(() => new UnavailableClient(c.critic.model)) : await make(c.critic);
    return { generator, critic, judges: await Promise.all(c.judges.map(make)) };
  }

  async #setStatus(id: string, status: RunRecord['status'], error?: string): Promise<void> {
    const run = await this.#store.getRun(id);
    if (!run) return;
    const { error: _old, ...rest } = run;
    await this.#store.putRun({ ...rest, status, updatedAt: Date.now(), ...(error ? { error } : {}) });
  }
  /** The runs going in this tab (with their Stop: a pause, resumable) and in other tabs, for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    const job = (id: string) => ({
      id: `run:${id}`,
      kind: 'run' as const,
      label: `Run “${this.get(id)?.name ?? id}”`,
      href: `#/runs?run=${encodeURIComponent(id)}`,
    });
    const mine = [...this.active].map((id): JobInfo => {
      const stages = this.progress[id]?.stages ?? [];
      const done = stages.reduce((n, s) => n + s.done + s.failed, 0);
      return { ...job(id), done, total: stages.reduce((n, s) => n + s.total, 0), unit: 'steps', stop: () => this.pause(id) };
    });
    const there = [...this.elsewhere.ids].map((id): JobInfo => {
      const p = this.elsewhereProgress[id];
      return { ...job(id), done: p ? p.done + p.failed : 0, total: p?.total ?? 0, unit: 'pairs', elsewhere: true };
    });
    return [...mine, ...there];
  }
}

/** Any thrown value as a problem with a hint when it has one. */
export function asProblem(e: unknown): Problem {
  const err = e as Partial<LlmError> | undefined;
  const message = e instanceof Error ? e.message : String(e);
  return err?.hint ? { message, hint: err.hint } : { message };
}
