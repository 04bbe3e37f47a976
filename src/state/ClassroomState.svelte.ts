/**
 * The teacher's side of a classroom study: make a kit (from a pipeline run or a pairs file), then
 * import the annotators' files. Imports are validated; duplicates and conflicts are listed, and a
 * conflict stays out until the teacher picks a version. The raw files and decisions are stored, so
 * a reload keeps the work. Results: per-persona majorities (3 of 4), human–human agreement by
 * annotator slot, and human–model agreement against a run or label set on the same pairs.
 */
import {
  applyResolutions,
  collectAnswers,
  type ClassroomAnswer,
  type ClassroomImport,
  type IncomingFile,
  type Resolution,
} from '../core/annotation/classroom';
import { annotatorLabelSet, personaMajorities, slotLabelSet, type PersonaMajority } from '../core/annotation/classroom-labels';
import { makeKit, type AnnotationKit, type KitDraft } from '../core/annotation/kit';
import { readKitFile } from '../core/annotation/kit-file';
import { problemSummary } from '../core/records/problems';
import { fittingKitSize, kitCapacity, kitDraftFromPairs, kitFitProblem, type KitCapacity } from '../core/annotation/kit-from-run';
import { kitLink } from '../core/annotation/kit-link';
import { classroomProgress, type ClassroomProgress } from '../core/annotation/progress';
import type { SettingsStore } from '../db/settings-store';
import { deflateText } from '../platform/deflate';
import type { JudgeAnalysis } from '../core/judging/analysis';
import { labelSetFromRun } from '../core/judging/from-run';
import { mergeLabelSets } from '../core/judging/merge';
import { readPairs, type PairView } from '../core/pipeline/pairs';
import type { PipelineStore } from '../core/pipeline/store';
import type { AnnotationStore } from '../db/annotation-store';
import type { LabelStore } from '../db/label-store';
import type { AnnotationKitRow } from '../db/stats-rows';
import type { ComputeClient } from '../platform/compute-client';
import { Stored } from './Stored.svelte';

export class ClassroomState {
  #kits = new Stored<AnnotationKitRow[]>(() => this.store.listKits(), []);
  #runs = $state.raw<{ id: string; name: string; judges: number }[]>([]);
  #kitRuns = $state.raw<{ id: string; name: string; judges: number }[]>([]);
  #kit = $state.raw<AnnotationKit | null>(null);
  #files = $state.raw<IncomingFile[]>([]);
  #resolutions = $state.raw<Resolution[]>([]);
  #slots = $state.raw<JudgeAnalysis | null>(null);
  #models = $state.raw<JudgeAnalysis | null>(null);
  #modelSource = $state<string | null>(null);
  #busy = $state<string | null>(null);
  #error = $state<string | null>(null);
  #expected = $state.raw<readonly string[]>([]);
  #capacity = $state.raw<(KitCapacity & { runId: string }) | null>(null);

  /** The import, recomputed from the files. */
  readonly imported: ClassroomImport | null = $derived(this.#kit ? collectAnswers(this.#kit, this.#files) : null);
  /** Answers with the teacher's decisions applied. */
  readonly answers: readonly ClassroomAnswer[] = $derived(this.imported ? applyResolutions(this.imported, this.#resolutions) : []);
  /** Per-persona majorities. */
  readonly majorities: readonly PersonaMajority[] = $derived(this.#kit ? personaMajorities(this.#kit, this.answers) : []);
  /** Whose files are in, who is missing, which questions lack a majority. */
  readonly progress: ClassroomProgress | null = $derived(
    this.#kit && this.imported ? classroomProgress(this.#kit, this.imported, this.majorities, this.#expected) : null,
  );

  /** Kits known on this device. */
  get kits() {
    return this.#kits.current;
  }
  /** Judged pipeline runs (the model labels to compare with). */
  get runs() {
    return this.#runs;
  }
  /** Every pipeline run, judged or not (a kit needs only finished pairs). */
  get kitRuns() {
    return this.#kitRuns;
  }
  /** The kit being collected. */
  get kit() {
    return this.#kit;
  }
  /** The files imported for it. */
  get files() {
    return this.#files;
  }
  /** The teacher's conflict decisions. */
  get resolutions() {
    return this.#resolutions;
  }
  /** Human–human (by slot) analysis. */
  get slots() {
    return this.#slots;
  }
  /** Human–model analysis. */
  get models() {
    return this.#models;
  }
  /** Source of the model labels ("run:<id>" or "set:<id>"), or null. */
  get modelSource() {
    return this.#modelSource;
  }
  /** What is running, or null. */
  get busy() {
    return this.#busy;
  }
  /** The last error. */
  get error() {
    return this.#error;
  }
  /** The students the teacher listed (optional), for the progress view. */
  get expected() {
    return this.#expected;
  }
  /** What the run chosen in the kit maker can give a kit (usable pairs per persona), once measured. */
  get capacity() {
    return this.#capacity;
  }
  /** Shows a failure found by the page (a missing model, an empty study). */
  showError(message: string): void {
    this.#error = message;
  }

  constructor(
    private readonly store: AnnotationStore,
    private readonly labels: LabelStore,
    private readonly pipeline: PipelineStore,
    private readonly compute: ComputeClient,
    private readonly settings: SettingsStore,
  ) {}

  /** Loads kits and runs, and reopens the kit chosen last (remembered in the settings), else the classroom changed last. */
  async load(): Promise<void> {
    await this.#kits.refresh();
    this.#kitRuns = (await this.pipeline.listRuns()).map((r) => ({ id: r.id, name: r.name, judges: r.config.judges.length }));
    this.#runs = this.#kitRuns.filter((r) => r.judges > 0);
    if (this.#kit) return;
    const remembered = await this.settings.classroomKit();
    if (remembered && this.#kits.current.some((k) => k.id === remembered)) return this.selectKit(remembered);
    const latest = await this.store.latestClassroom();
    if (latest) await this.selectKit(latest.kitId);
  }

  async #guard<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    this.#busy = what;
    this.#error = null;
    try {
      return await fn();
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      this.#busy = null;
    }
  }

  /** Draws a kit from a run's finished pairs (judged too with `judgedOnly`); refused, saying what is missing, when the run cannot fill it. */
  async kitFromRun(
    runId: string,
    o: { title: string; personas: number; perPersona: number; seed: string; judgedOnly?: boolean; instructions?: string },
  ): Promise<AnnotationKit | undefined> {
    return this.#guard('making the kit', async () => {
      const pairs = await this.#pairs(runId);
      const problem = kitFitProblem(kitCapacity(pairs, o.judgedOnly), o);
      if (problem) throw new Error(problem);
      const { draft } = kitDraftFromPairs(pairs, { ...o, createdAt: new Date().toISOString() });
      return this.#storeKit(draft);
    });
  }

  async #pairs(runId: string): Promise<PairView[]> {
    const pairs: PairView[] = [];
    for await (const p of readPairs(this.pipeline, runId)) pairs.push(p);
    return pairs;
  }

  /**
   * Measures what a run can give a kit (`capacity`) and returns the paper's size (20 × 10) lowered
   * to fit it, for the kit maker's defaults.
   */
  async measureRun(runId: string, judgedOnly = false): Promise<{ personas: number; perPersona: number } | undefined> {
    const capacity = await this.#guard("counting the run's pairs", async () => kitCapacity(await this.#pairs(runId), judgedOnly));
    if (!capacity) return undefined;
    this.#capacity = { ...capacity, runId };
    return fittingKitSize(capacity);
  }

  /** Replaces the chosen kit's instructions (stored with the kit; its id, and so the students' files, stay valid). */
  async setInstructions(text: string): Promise<void> {
    const kit = this.#kit;
    if (!kit || !text.trim()) return;
    await this.#guard('saving the instructions', async () => {
      const row = { ...kit, instructions: text.trim(), importedAt: Date.now() };
      await this.store.putKit(row);
      this.#kit = row;
      await this.#kits.refresh();
    });
  }

  /** A link that opens the chosen kit on the Annotate page of the app at `base`, or an Error saying why not (too long: hand out the file). */
  async kitLink(base: string): Promise<string | Error> {
    const file = this.kitFile();
    if (!file) return new Error('Choose a kit first.');
    return kitLink(base, await deflateText(file.text));
  }

  /** The kit file to hand out: its name and text (without this device's bookkeeping). */
  kitFile(): { name: string; text: string } | undefined {
    const kit = this.#kit;
    if (!kit) return undefined;
    const { importedAt, ...file } = kit as AnnotationKitRow;
    void importedAt;
    return { name: `kit-${kit.id}.json`, text: JSON.stringify(file, null, 2) };
  }

  /** Sets the students the teacher expects (for the progress view); stored with the classroom. */
  async setExpected(names: readonly string[]): Promise<void> {
    this.#expected = names;
    await this.#save();
  }

  /** Makes a kit from a pairs-file draft (parsed by the page). */
  async kitFromDraft(draft: KitDraft): Promise<AnnotationKit | undefined> {
    return this.#guard('making the kit', () => this.#storeKit(draft));
  }

  async #storeKit(draft: KitDraft): Promise<AnnotationKit> {
    const kit = makeKit(draft);
    await this.store.putKit({ ...kit, importedAt: Date.now() });
    await this.#kits.refresh();
    return kit;
  }

  /** Opens a kit file someone else made. */
  async openKitFile(file: File): Promise<void> {
    await this.#guard('opening the kit', async () => {
      const read = readKitFile(file.name, await file.text());
      if (!read.ok) throw new Error(`This kit cannot be opened: ${problemSummary(read)}.`);
      await this.store.putKit({ ...read.kit, importedAt: Date.now() });
      await this.#kits.refresh();
      await this.selectKit(read.kit.id);
    });
  }

  /** Chooses the kit whose answers to collect; restores its stored classroom. */
  async selectKit(id: string): Promise<void> {
    const kit = this.#kits.current.find((k) => k.id === id) ?? (await this.store.getKit(id));
    if (!kit) return;
    this.#kit = kit;
    const room = await this.store.getClassroom(kit.id);
    this.#files = room ? [...room.files] : [];
    this.#resolutions = room ? [...room.resolutions] : [];
    this.#modelSource = room?.modelSetId ?? null;
    this.#expected = room?.expected ?? [];
    await this.settings.saveClassroomKit(kit.id);
    this.#slots = null;
    this.#models = null;
    await this.analyse();
  }

  async #save(): Promise<void> {
    if (!this.#kit) return;
    await this.store.putClassroom({
      id: this.#kit.id,
      kitId: this.#kit.id,
      files: this.#files,
      resolutions: this.#resolutions,
      modelSetId: this.#modelSource,
      ...(this.#expected.length ? { expected: this.#expected } : {}),
      updatedAt: Date.now(),
    });
  }

  /** Adds annotators' files (read as text); every file is kept, even a rejected one, so the report can show it. */
  async addFiles(list: readonly File[]): Promise<void> {
    const read = await Promise.all(list.map(async (f) => ({ name: f.name, text: await f.text() })));
    this.#files = [...this.#files, ...read];
    await this.#save();
    await this.analyse();
  }

  /** Removes an imported file. */
  async removeFile(name: string): Promise<void> {
    this.#files = this.#files.filter((f) => f.name !== name);
    await this.#save();
    await this.analyse();
  }

  /** Records the teacher's decision on a conflict. */
  async resolve(conflictId: string, keep: string | null): Promise<void> {
    this.#resolutions = [...this.#resolutions.filter((r) => r.conflictId !== conflictId), { conflictId, keep }];
    await this.#save();
    await this.analyse();
  }

  /** Chooses the model labels to compare with ("run:<id>", "set:<id>" or null). */
  async setModelSource(source: string | null): Promise<void> {
    this.#modelSource = source;
    await this.#save();
    await this.analyse();
  }

  /** Recomputes the agreement analyses in the worker. */
  async analyse(): Promise<void> {
    const kit = this.#kit;
    if (!kit) return;
    await this.#guard('computing agreement', async () => {
      const now = Date.now();
      const answers = this.answers;
      this.#slots = answers.length ? await this.compute.run((api) => api.statsAnalyseJudges(slotLabelSet(kit, answers, now), {})) : null;
      const models = await this.#modelSet();
      if (!models || !answers.length) {
        this.#models = null;
        return;
      }
      const merged = mergeLabelSets(annotatorLabelSet(kit, answers, now), models, `Classroom and models: ${kit.title}`, now, true);
      this.#models = await this.compute.run((api) => api.statsAnalyseJudges(merged, {}));
    });
  }

  async #modelSet() {
    const src = this.#modelSource;
    if (!src) return null;
    const [kind, id] = [src.slice(0, src.indexOf(':')), src.slice(src.indexOf(':') + 1)];
    if (kind === 'set') return (await this.labels.get(id)) ?? null;
    const run = await this.pipeline.getRun(id);
    return run ? labelSetFromRun(run, readPairs(this.pipeline, id), Date.now()) : null;
  }
}
