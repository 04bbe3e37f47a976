/**
 * The Agreement page's state: stored label sets, an import awaiting the user's decision on
 * duplicates and conflicts, and the judge analysis of the selected set, computed in the compute
 * worker (the page never runs the statistics itself).
 */
import type { JudgeAnalysis } from '../core/judging/analysis';
import type { LabelImport, LabelImportOutcome } from '../core/judging/label-import';
import { NO_PROBLEMS, type ProblemList } from '../core/records/problems';
import type { LabelSet } from '../core/judging/label-set';
import type { LabelSimulation } from '../core/judging/simulate';
import type { AgreementReport, Metric } from '../core/stats/agreement';
import { numericValues } from '../core/stats/categories';
import { selectRaters } from '../core/stats/ratings';
import { toMatrix } from '../core/judging/label-set';
import type { MeasurementLevel, WeightScheme } from '../core/stats/types';
import { labelSetFromRun } from '../core/judging/from-run';
import { readPairs } from '../core/pipeline/pairs';
import type { PipelineStore } from '../core/pipeline/store';
import type { LabelSetSummary, LabelStore } from '../db/label-store';
import type { ComputeClient } from '../platform/compute-client';
import { Stored } from './Stored.svelte';

/** Which statistic the heatmap shows. */
export type MatrixMetric = 'kappa' | 'percent' | 'gwet';

export class AgreementState {
  #sets = new Stored<LabelSetSummary[]>(() => this.store.list(), []);
  #runs = $state.raw<{ id: string; name: string; judges: number; pairs: number }[]>([]);
  #selectedId = $state<string | null>(null);
  #selectedName = $state('');
  #analysis = $state.raw<JudgeAnalysis | null>(null);
  #busy = $state<string | null>(null);
  #progress = $state(0);
  #error = $state<string | null>(null);
  #pending = $state.raw<LabelImport | null>(null);
  #fileProblems = $state.raw<ProblemList>(NO_PROBLEMS);
  #idChoice = $state.raw<{ readonly file: string; readonly candidates: readonly string[] } | null>(null);
  #notice = $state<string | null>(null);
  #idChoiceFile: File | null = null;
  #reference = $state<string | null>(null);
  #weights = $state<WeightScheme>('none');
  #metric = $state<MatrixMetric>('kappa');
  #raterNames = $state.raw<Readonly<Record<string, string>>>({});
  #report = $state.raw<AgreementReport | null>(null);
  /** Last simulation's options (re-analysed when the reference changes). */
  #simulation: LabelSimulation | null = null;
  #abort: AbortController | null = null;

  /** Stored label sets. */
  get sets() {
    return this.#sets.current;
  }
  /** Pipeline runs that have judges: id, name, judges, pairs planned. */
  get runs() {
    return this.#runs;
  }
  /** The set analysed. */
  get selectedId() {
    return this.#selectedId;
  }
  /** Name of what is analysed (a stored set or a simulation). */
  get selectedName() {
    return this.#selectedName;
  }
  /** The analysis, when done. */
  get analysis() {
    return this.#analysis;
  }
  /** What is running ("importing", "analysing", "simulating"), or null. */
  get busy() {
    return this.#busy;
  }
  /** Progress of the running computation, 0–1. */
  get progress() {
    return this.#progress;
  }
  /** The last error, for people. */
  get error() {
    return this.#error;
  }
  /** An import with duplicates or conflicts, waiting for the user to keep or discard it. */
  get pending() {
    return this.#pending;
  }
  /** Problems of the last refused label file. */
  get fileProblems() {
    return this.#fileProblems;
  }
  /** A ratings file with a column that may name the items: the columns it could be, until the user chooses. */
  get idChoice() {
    return this.#idChoice;
  }
  /** What the last import did that the user should know (columns read as ids, not raters). */
  get notice() {
    return this.#notice;
  }
  /** Reference rater of the per-persona histograms (null: the default). */
  get reference() {
    return this.#reference;
  }
  /** Agreement weights. */
  get weights() {
    return this.#weights;
  }
  /** Heatmap statistic. */
  get metric() {
    return this.#metric;
  }
  /** Chooses the matrix metric. */
  setMetric(metric: MatrixMetric): void {
    this.#metric = metric;
  }
  /** Display names of the selected set's raters, by id (stored with the set; a simulation's are kept until the next one). */
  get raterNames() {
    return this.#raterNames;
  }
  /** The last single-statistic report. */
  get report() {
    return this.#report;
  }

  constructor(
    private readonly store: LabelStore,
    private readonly compute: ComputeClient,
    private readonly pipeline: PipelineStore | null = null,
  ) {}

  /** Loads the list of stored sets and of judged pipeline runs. */
  async load(): Promise<void> {
    await this.#sets.refresh();
    const runs = this.pipeline ? await this.pipeline.listRuns() : [];
    this.#runs = runs
      .filter((r) => r.config.judges.length > 0)
      .map((r) => ({ id: r.id, name: r.name, judges: r.config.judges.length, pairs: r.manifest.plan.pairs }));
  }

  /** Reads a pipeline run's verdicts into a label set, stores it and analyses it. */
  async fromRun(runId: string): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    const set = await this.#run('reading the run', async () => {
      const run = await pipeline.getRun(runId);
      if (!run) throw new Error('That run is no longer stored.');
      return labelSetFromRun(run, readPairs(pipeline, runId), Date.now());
    });
    if (set) await this.#keepSet(set, 'run');
  }

  async #run<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#busy = what;
    this.#progress = 0;
    this.#error = null;
    try {
      return await fn(abort.signal);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) this.#error = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      if (this.#abort === abort) {
        this.#busy = null;
        this.#abort = null;
      }
    }
  }

  /** Stops the running computation. */
  cancel(): void {
    this.#abort?.abort();
  }

  /**
   * Reads a label file in the worker; a clean import is stored at once, otherwise it waits in
   * `pending`. A refused file's problems go to `fileProblems`; a ratings file with a column that
   * may name the items waits in `idChoice` for `chooseIdColumn`.
   */
  async importFile(file: File, idColumn?: string | null): Promise<void> {
    this.#fileProblems = NO_PROBLEMS;
    this.#idChoice = null;
    this.#notice = null;
    this.#idChoiceFile = null;
    const options = idColumn === undefined ? {} : { idColumn };
    const outcome = await this.#run('importing', (signal) =>
      this.compute.run<LabelImportOutcome>(
        (api) => api.statsImportLabels(file, file.name, Date.now(), options) as Promise<LabelImportOutcome>,
        signal,
      ),
    );
    if (!outcome) return;
    if (outcome.status === 'problems') {
      this.#fileProblems = outcome;
      this.#error = `${file.name} was not imported (${outcome.total} problem${outcome.total === 1 ? '' : 's'}).`;
      return;
    }
    if (outcome.status === 'choose-id') {
      this.#idChoiceFile = file;
      this.#idChoice = { file: file.name, candidates: outcome.candidates };
      return;
    }
    const ids = outcome.value.idColumns;
    if (ids.length) this.#notice = `${file.name}: ${ids.map((c) => `“${c}”`).join(', ')} read as ids, not as raters.`;
    if (outcome.value.duplicates.length || outcome.value.conflicts.length) this.#pending = outcome.value;
    else await this.#keep(outcome.value);
  }

  /** Answers `idChoice`: the column naming the items, or null when every column is a rater; imports the file again. */
  async chooseIdColumn(column: string | null): Promise<void> {
    const file = this.#idChoiceFile;
    if (file) await this.importFile(file, column);
  }

  /** Keeps the pending import (conflicting labels stay out, as listed). */
  async confirmImport(): Promise<void> {
    if (this.#pending) await this.#keep(this.#pending);
    this.#pending = null;
  }

  /** Drops the pending import. */
  discardImport(): void {
    this.#pending = null;
  }

  async #keep(imp: LabelImport): Promise<void> {
    await this.#keepSet(imp.set, 'import');
  }

  async #keepSet(set: LabelSet, source: 'import' | 'run'): Promise<void> {
    await this.store.put({ ...set, source });
    await this.load();
    await this.select(set.id);
  }

  /** Analyses a stored set. */
  async select(id: string): Promise<void> {
    this.#selectedId = id;
    this.#report = null;
    this.#simulation = null;
    const row = await this.store.get(id);
    if (!row) {
      this.#error = 'That label set is no longer stored.';
      return;
    }
    this.#selectedName = row.name;
    this.#raterNames = row.raterNames ?? {};
    if (this.#reference && !row.raters.some((r) => r.id === this.#reference) && this.#reference !== 'humans (majority)')
      this.#reference = null;
    const options = { weights: this.#weights, ...(this.#reference ? { reference: this.#reference } : {}) };
    const analysis = await this.#run('analysing', (signal) =>
      this.compute.run(
        (api) =>
          api.statsAnalyseJudges(
            row,
            options,
            this.compute.progress((f: number) => (this.#progress = f)),
          ),
        signal,
      ),
    );
    if (analysis) this.#analysis = analysis;
  }

  /** Simulates judges in the worker and shows their analysis (nothing is stored). */
  async simulate(o: LabelSimulation): Promise<void> {
    this.#selectedId = null;
    if (this.#simulation !== o) this.#raterNames = {};
    this.#simulation = o;
    this.#selectedName = `Simulated: ${o.raters} judges × ${(o.personas * o.pairsPerPersona).toLocaleString('en-US')} pairs`;
    const options = { weights: this.#weights, ...(this.#reference ? { reference: this.#reference } : {}) };
    const r = await this.#run('simulating', (signal) =>
      this.compute.run(
        (api) =>
          api.statsSimulate(
            o,
            options,
            false,
            this.compute.progress((f: number) => (this.#progress = f)),
          ),
        signal,
      ),
    );
    if (r) this.#analysis = r.analysis;
  }

  /** Gives a rater a display name (an empty name or its id restores the id), stored with the selected set. */
  async renameRater(id: string, name: string): Promise<void> {
    const names = { ...this.#raterNames };
    const clean = name.trim();
    if (clean && clean !== id) names[id] = clean;
    else delete names[id];
    this.#raterNames = names;
    if (this.#selectedId) await this.store.setRaterNames(this.#selectedId, names);
  }

  /** Changes the histogram reference and recomputes. */
  async setReference(id: string): Promise<void> {
    this.#reference = id;
    if (this.#selectedId) await this.select(this.#selectedId);
    else if (this.#simulation) await this.simulate(this.#simulation);
  }

  /** One statistic of the stored set over some of its raters, in the worker (bootstrap included). */
  async statistic(o: {
    metric: Metric;
    raters: number[];
    weights: WeightScheme;
    level: MeasurementLevel;
    bootstrap: { resamples: number; seed: string } | null;
  }): Promise<void> {
    const id = this.#selectedId;
    if (!id) return;
    const row = await this.store.get(id);
    if (!row) return;
    const matrix = selectRaters(toMatrix(row), o.raters);
    const values = numericValues(row.categories);
    const report = await this.#run('computing', (signal) =>
      this.compute.run(
        (api) =>
          api.statsAgreement(
            matrix,
            { metric: o.metric, weights: o.weights, level: o.level, values, ...(o.bootstrap ? { bootstrap: o.bootstrap } : {}) },
            this.compute.progress((done: number) => (this.#progress = o.bootstrap ? done / o.bootstrap.resamples : 0)),
          ),
        signal,
      ),
    );
    if (report) this.#report = report;
  }

  /** Deletes a stored set. */
  async remove(id: string): Promise<void> {
    await this.store.delete(id);
    if (this.#selectedId === id) {
      this.#selectedId = null;
      this.#analysis = null;
    }
    await this.load();
  }
}
