/**
 * The WikiPersonas studies of the app: the stored studies, the one shown with its results, the
 * user's own famous people, and one running study with per-step progress and a Stop button. Made
 * once for the app (`app().wiki`), so a study keeps running, with its progress, while the user
 * visits other pages; a study left "running" by a reload is marked stopped, ready to resume. A
 * study holds its cross-tab lock while it runs: another tab shows it as running there (its tables
 * re-read as they grow) instead of running it twice.
 */
import type { LlmClient } from '../core/llm/types';
import { customPerson, FAMOUS_PEOPLE, type FamousDraft, type FamousPerson } from '../core/wiki/famous';
import { studyResults, type StudyResults } from '../core/wiki/results';
import type { CallStore } from '../core/pipeline/cache';
import type { StepProgress } from '../core/wiki/run-context';
import { createStudy, runStudy, type NewStudy } from '../core/wiki/runner';
import type { WikiStudyRecord } from '../core/wiki/store';
import { STUDY_STEPS, type StudyStep } from '../core/wiki/study';
import type { DexieWikiStore } from '../db/wiki-store';
import { heldJobs, withJobLock } from '../platform/job-lock';
import { OtherTabJobs } from './OtherTabJobs.svelte';
import type { JobInfo } from './jobs';
import { Stored } from './Stored.svelte';

/** Why a study left "running" by a page that went away is stopped. */
const ORPHANED = 'The page was closed or reloaded while it ran; start again to resume where it stopped.';

/** The clients of a study's two roles. */
export interface StudyClientsChoice {
  /** The model studied (the paper's Zephyr). */
  readonly generator: LlmClient;
  /** The judge and second model (the paper's GPT-4); the generator when none is chosen. */
  readonly judge: LlmClient;
  /** The scorer of the generic reward filter (B.2) when it is not the generator. */
  readonly reward?: LlmClient;
}

export class WikiStudies {
  #studies = new Stored<WikiStudyRecord[]>(() => this.store.listStudies(), []);
  #current = $state.raw<WikiStudyRecord | null>(null);
  #results = $state.raw<StudyResults | null>(null);
  #progress = $state.raw<Partial<Record<StudyStep, StepProgress>>>({});
  #notes = $state.raw<string[]>([]);
  #error = $state<string | null>(null);
  #own = $state.raw<FamousPerson[]>([]);
  #speed = $state<number | null>(null);
  #runningId = $state<string | null>(null);
  /** Everyone a study can include: the famous set, then the user's people. */
  readonly everyone: FamousPerson[] = $derived([...FAMOUS_PEOPLE, ...this.#own]);
  /** Studies running in another tab of the app (their lock is held there). */
  readonly elsewhere: OtherTabJobs;
  #abort: AbortController | null = null;

  /** Stored studies, newest first. */
  get studies() {
    return this.#studies.current;
  }
  /** The study shown. */
  get current() {
    return this.#current;
  }
  /** Its tables. */
  get results() {
    return this.#results;
  }
  /** Progress of each step of the running study. */
  get progress() {
    return this.#progress;
  }
  /** Notes of the running study (fallbacks, failed items), newest last. */
  get notes() {
    return this.#notes;
  }
  /** The last error. */
  get error() {
    return this.#error;
  }
  /** Shows a failure found by the page (a missing model, an empty study). */
  showError(message: string): void {
    this.#error = message;
  }
  /** The user's own people. */
  get own() {
    return this.#own;
  }
  /** Measured generation speed of this session, tokens per second (null before any call). */
  get speed() {
    return this.#speed;
  }
  /** The id of the running study, or null. */
  get runningId() {
    return this.#runningId;
  }

  constructor(
    private readonly store: DexieWikiStore,
    private readonly calls: CallStore,
  ) {
    this.elsewhere = new OtherTabJobs(
      'wiki',
      () => (this.#runningId ? [this.#runningId] : []),
      (freed) => this.#othersChanged(freed),
    );
  }

  /** Loads studies and people; a study stored as running that no tab runs is marked stopped. */
  async load(): Promise<void> {
    const held = await heldJobs('wiki');
    for (const s of await this.store.listStudies())
      if (s.status === 'running' && this.#runningId !== s.id && !held.has(s.id)) await this.#markOrphaned(s);
    await this.#studies.refresh();
    this.#own = await this.store.listPeople();
    if (this.#current) await this.show(this.#current.id);
    else if (this.#studies.current[0]) await this.show(this.#studies.current[0].id);
    await this.elsewhere.check();
  }

  async #markOrphaned(s: WikiStudyRecord): Promise<void> {
    await this.store.putStudy({ ...s, status: 'stopped', error: ORPHANED });
  }

  /** After each reading of the other tabs' locks: studies let go while "running" are stopped; the list and the shown study re-read. */
  async #othersChanged(freed: readonly string[]): Promise<void> {
    try {
      for (const id of freed) {
        const s = await this.store.getStudy(id);
        if (s?.status === 'running') await this.#markOrphaned(s);
      }
      await this.#studies.refresh();
      const shown = this.#current?.id;
      if (shown && (freed.includes(shown) || this.elsewhere.has(shown))) await this.show(shown);
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Shows a study and computes its tables. */
  async show(id: string): Promise<void> {
    const s = (await this.store.getStudy(id)) ?? null;
    this.#current = s;
    this.#results = s ? await studyResults(this.store, s) : null;
  }

  /** Stores a new study (or opens the stored one with the same configuration) and shows it. */
  async create(n: Omit<NewStudy, 'people'>): Promise<WikiStudyRecord | null> {
    this.#error = null;
    try {
      const s = await createStudy(this.store, { ...n, people: this.everyone });
      await this.#studies.refresh();
      await this.show(s.id);
      return s;
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  /**
   * Runs (or resumes) the shown study; `steps` limits which; `retryFailed` gives items that failed on unreadable output a new
   * round of attempts. A study running in another tab is left to it (`error` says so).
   */
  async start(clients: StudyClientsChoice, steps: readonly StudyStep[] = STUDY_STEPS, retryFailed = false): Promise<void> {
    const study = this.#current;
    if (!study || this.#abort) return;
    const abort = (this.#abort = new AbortController());
    this.#runningId = study.id;
    this.#error = null;
    const { ran } = await withJobLock('wiki', study.id, () => this.#run(study, clients, steps, retryFailed, abort)).finally(() => {
      this.#abort = null;
      this.#runningId = null;
    });
    if (!ran) {
      this.#error = `“${study.name}” is running in another tab of Persona Lab; stop it there (or close that tab) to run it here.`;
      await this.elsewhere.check(); // after letting go of the id, so the other tab's lock counts as elsewhere
    }
  }

  async #run(
    study: WikiStudyRecord,
    clients: StudyClientsChoice,
    steps: readonly StudyStep[],
    retryFailed: boolean,
    abort: AbortController,
  ): Promise<void> {
    this.#notes = [];
    this.#progress = {};
    let refreshed = 0;
    try {
      const outcome = await runStudy(
        study.id,
        {
          store: this.store,
          calls: this.calls,
          clients,
          signal: abort.signal,
          concurrency: clients.generator.backend === 'webllm' ? 1 : 2,
          retryFailed,
          onNote: (m) => (this.#notes = [...this.#notes.slice(-49), m]),
          onProgress: (p) => {
            this.#progress = { ...this.#progress, [p.step]: p };
            if (Date.now() - refreshed > 1500) {
              refreshed = Date.now();
              void this.#refresh(study.id);
            }
          },
        },
        steps,
      );
      const s = outcome.session;
      if (s.ms > 0 && s.completionTokens > 0) this.#speed = s.completionTokens / (s.ms / 1000);
      if (outcome.error) this.#error = outcome.error;
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    } finally {
      await this.#studies.refresh();
      await this.#refresh(study.id);
    }
  }

  async #refresh(id: string): Promise<void> {
    if (this.#current?.id !== id) return;
    await this.show(id);
  }

  /** Stops the running study (what was stored stays; start again to resume). */
  stop(): void {
    this.#abort?.abort();
  }

  /** Deletes a study and its results (the call cache is kept). */
  async remove(id: string): Promise<void> {
    if (this.#runningId === id || this.elsewhere.has(id)) return;
    await this.store.deleteStudy(id);
    if (this.#current?.id === id) {
      this.#current = null;
      this.#results = null;
    }
    await this.load();
  }

  /** Adds a person of the user's own; throws an Error naming the field when the draft is refused. */
  async addPerson(d: FamousDraft): Promise<FamousPerson> {
    const p = customPerson(d, new Set(this.everyone.map((x) => x.id)));
    await this.store.putPerson(p);
    this.#own = await this.store.listPeople();
    return p;
  }

  /** Removes a person of the user's own (studies keep their copy). */
  async removePerson(id: string): Promise<void> {
    await this.store.deletePerson(id);
    this.#own = await this.store.listPeople();
  }

  /** The stored data of the shown study, for exports. */
  async data() {
    const s = this.#current;
    if (!s) return null;
    const [questions, pairs, prefixes, rewards, wins] = await Promise.all([
      this.store.list(s.id, 'questions'),
      this.store.list(s.id, 'pair'),
      this.store.list(s.id, 'prefix'),
      this.store.list(s.id, 'reward'),
      this.store.list(s.id, 'win'),
    ]);
    return { study: s, questions: questions.flat(), pairs, prefixes, rewards, wins };
  }

  /** The study running in this tab (its current step, with Stop) and those in other tabs, for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    const name = (id: string) => this.studies.find((s) => s.id === id)?.name ?? id;
    const job = (id: string) => ({ id: `wiki:${id}`, kind: 'wiki' as const, href: '#/wiki', unit: 'items' });
    const mine: JobInfo[] = [];
    if (this.runningId) {
      const steps = Object.values(this.progress);
      const step = steps.find((p) => p.done + p.failed < p.total) ?? steps.at(-1);
      mine.push({
        ...job(this.runningId),
        label: `WikiPersonas “${name(this.runningId)}”${step ? ` · ${step.step}` : ''}`,
        done: step ? step.done + step.failed : 0,
        total: step?.total ?? 0,
        stop: () => this.stop(),
      });
    }
    const there = [...this.elsewhere.ids].map((id): JobInfo => ({
      ...job(id),
      label: `WikiPersonas “${name(id)}”`,
      done: 0,
      total: 0,
      elsewhere: true,
    }));
    return [...mine, ...there];
  }
}
