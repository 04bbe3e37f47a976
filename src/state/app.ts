/**
 * The composition root: every long-lived object of the app (the database and its stores, the two
 * workers, and the state whose jobs outlive a page: chat, models, runs, prompt sets, persona sets and
 * their LLM stages, the census import, leave-one-out, WikiPersonas) is built here and only here, once,
 * on first use. Pages read `app()` and call its methods; they never build a store, start a worker or
 * assign to a state's fields. A job started on any page keeps running, with its progress and its
 * Stop, while the user visits other pages, and the page shows it again on return.
 *
 * Each state is made under an effect root that outlives every page (`detached`), so its `$derived`
 * values keep updating after the page that first asked for it is gone. Pages import this module
 * lazily (through their own chunk), so none of it (Dexie included) weighs on the entry bundle.
 */
import type { CensusFigures } from '../core/census/figures';
import { Lanes } from '../core/pipeline/lanes';
import { AnnotationStore } from '../db/annotation-store';
import { CensusModelStore } from '../db/census-models';
import { ConversationStore } from '../db/conversation-store';
import { PersonaLabDb } from '../db/database';
import { LabelStore } from '../db/label-store';
import { LooStore } from '../db/loo-store';
import { PersonaSetStore } from '../db/persona-sets';
import { DexiePipelineStore } from '../db/pipeline-store';
import { PromptSetStore } from '../db/prompt-set-store';
import { SettingsStore } from '../db/settings-store';
import { previewStore } from './annotation-preview';
import { DexieWikiStore } from '../db/wiki-store';
import { DexieBenchStore } from '../db/bench-store';
import { censusFiguresInWorker, importCensusInWorker } from '../platform/census-worker';
import { ComputeClient } from '../platform/compute-client';
import { LlmWorkerClient } from '../platform/llm-worker-client';
import { computePersonaJobs } from '../platform/persona-worker';
import { AgreementState } from './AgreementState.svelte';
import { AnnotationState } from './AnnotationState.svelte';
import { BenchRuns } from './BenchRuns.svelte';
import { CensusImport } from './CensusImport.svelte';
import { DataState } from './DataState.svelte';
import { ChatSession } from './ChatSession.svelte';
import { ClassroomState } from './ClassroomState.svelte';
import { detached } from './detached.svelte';
import { LlmSettingsState } from './LlmSettingsState.svelte';
import { LooState } from './LooState.svelte';
import type { JobInfo } from './jobs';
import { MadeStates } from './MadeStates.svelte';
import { ModelManager } from './ModelManager.svelte';
import { PersonaLlmStages } from './PersonaLlmStages.svelte';
import { PersonaSets } from './PersonaSets.svelte';
import { PromptSets } from './PromptSets.svelte';
import { Runs } from './Runs.svelte';
import { UndoDeletes } from './UndoDeletes.svelte';
import type { Services } from './services';
import { WikiStudies } from './WikiStudies.svelte';

/** The app's long-lived objects. Made once by `app()`; tests make their own over a database of their own. */
export class AppRoot implements Services {
  /** The one database connection. */
  readonly db: PersonaLabDb;
  /** The one LLM worker (web-llm), started when a WebGPU model is needed. */
  readonly llmWorker: LlmWorkerClient;
  /** The one compute worker (census import and figures, persona sets, statistics), started on first use. */
  readonly compute: ComputeClient;
  readonly #made = new Map<string, unknown>();
  readonly #madeStates = new MadeStates();

  constructor(db = new PersonaLabDb(), llmWorker = new LlmWorkerClient(), compute = new ComputeClient()) {
    this.db = db;
    this.llmWorker = llmWorker;
    this.compute = compute;
  }

  /** `make()`'s result, made on the first call under an effect root of its own, the same object afterwards. */
  #once<T>(key: string, make: () => T): T {
    if (!this.#made.has(key)) {
      this.#made.set(key, detached(make));
      this.#madeStates.made();
    }
    return this.#made.get(key) as T;
  }

  // Stores: one of each over the one connection (the run store's queued checkpoints and cache-key index are never split).
  /** Conversations of the chat. */
  get conversations(): ConversationStore {
    return this.#once('conversations', () => new ConversationStore(this.db));
  }
  /** Pipeline runs, their items and the call cache. */
  get runStore(): DexiePipelineStore {
    return this.#once('runStore', () => new DexiePipelineStore(this.db));
  }
  /** Prompt sets. */
  get promptSetStore(): PromptSetStore {
    return this.#once('promptSetStore', () => new PromptSetStore(this.db));
  }
  /** Label sets for the judge analyses. */
  get labelStore(): LabelStore {
    return this.#once('labelStore', () => new LabelStore(this.db));
  }
  /** Annotation kits, sessions, answers and classrooms. */
  get annotationStore(): AnnotationStore {
    return this.#once('annotationStore', () => new AnnotationStore(this.db));
  }
  /** Leave-one-out runs. */
  get looStore(): LooStore {
    return this.#once('looStore', () => new LooStore(this.db));
  }
  /** Stored persona sets. */
  get personaSetStore(): PersonaSetStore {
    return this.#once('personaSetStore', () => new PersonaSetStore(this.db));
  }
  /** Imported census models. */
  get censusModelStore(): CensusModelStore {
    return this.#once('censusModelStore', () => new CensusModelStore(this.db));
  }
  /** WikiPersonas studies and the user's own people. */
  get wikiStore(): DexieWikiStore {
    return this.#once('wikiStore', () => new DexieWikiStore(this.db));
  }
  /** The call lanes every run shares (one request at a time per WebGPU model, runs on other models in parallel). */
  get lanes(): Lanes {
    return this.#once('lanes', () => new Lanes());
  }

  // App-lifetime state: each job outlives the page it was started on.
  /** The LLM settings (backend, server, sampling). */
  get settings(): LlmSettingsState {
    return this.#once('settings', () => new LlmSettingsState(new SettingsStore(this.db), this.llmWorker));
  }
  /** The WebGPU models: catalogue, cache, the loaded one. */
  get models(): ModelManager {
    return this.#once('models', () => new ModelManager(this.llmWorker));
  }
  /** The chat and its generation. */
  get chat(): ChatSession {
    return this.#once('chat', () => new ChatSession(this.conversations));
  }
  /** Pipeline runs. */
  get runs(): Runs {
    return this.#once('runs', () => new Runs(this.runStore, this.lanes, this));
  }
  /** Prompt sets and their classification. */
  get promptSets(): PromptSets {
    return this.#once('promptSets', () => new PromptSets(this.promptSetStore, this.runStore, this));
  }
  /** Persona sets and the generation or import under way. */
  get personaSets(): PersonaSets {
    return this.#once('personaSets', () => new PersonaSets(this.db, computePersonaJobs(this.compute)));
  }
  /** The LLM review and enrichment of the selected persona set. */
  get personaStages(): PersonaLlmStages {
    return this.#once('personaStages', () => new PersonaLlmStages(this.personaSets, this.runStore));
  }
  /** Imported census models and the import under way. */
  get censusImport(): CensusImport {
    return this.#once('censusImport', () => new CensusImport(this.db, importCensusInWorker(this.compute)));
  }
  /** Leave-one-out runs. */
  get loo(): LooState {
    return this.#once('loo', () => new LooState(this.looStore, this.runStore));
  }
  /** WikiPersonas studies (their calls are cached in the pipeline's one call cache). */
  get wiki(): WikiStudies {
    return this.#once('wiki', () => {
      const calls = this.runStore;
      return new WikiStudies(this.wikiStore, calls);
    });
  }

  /** PERSONA Bench: the benches, the one going now and the queue (a bench keeps going while the user visits other pages). */
  get bench(): BenchRuns {
    return this.#once('bench', () => new BenchRuns(new DexieBenchStore(this.db, this.runStore), this.lanes, this));
  }

  /** What is stored: counts, sizes, clearing, the data bundle out and in. */
  get data(): DataState {
    return this.#once('data', () => new DataState(this.db, () => this.reread()));
  }

  /** Deletes with an undo: the item's rows are kept in memory for a while, and Undo puts them back. */
  get undo(): UndoDeletes {
    return this.#once('undo', () => new UndoDeletes(this.db, () => this.reread()));
  }

  /**
   * Every job running now, from every state made so far (runs, leave-one-out, benches, WikiPersonas,
   * persona generation, the LLM review and enrichment, the census import, a chat reply, a prompt classification), and those
   * other tabs run; each with its progress and, in this tab, its Stop. For the header's jobs list.
   */
  get jobs(): JobInfo[] {
    void this.#madeStates.count; // looked at again once another state is made
    const made = (key: string) => this.#made.has(key);
    return [
      ...(made('runs') ? this.runs.runningJobs : []),
      ...(made('loo') ? this.loo.runningJobs : []),
      ...(made('bench') ? this.bench.runningJobs : []),
      ...(made('wiki') ? this.wiki.runningJobs : []),
      ...(made('personaSets') ? this.personaSets.runningJobs : []),
      ...(made('personaStages') ? this.personaStages.runningJobs : []),
      ...(made('censusImport') ? this.censusImport.runningJobs : []),
      ...(made('chat') ? this.chat.runningJobs : []),
      ...(made('promptSets') ? this.promptSets.runningJobs : []),
    ];
  }

  /**
   * After rows were cleared, restored or added outside the states (the Data page, the demo example). The stored
   * lists follow the database by themselves (`Stored`); this forgets the call cache's remembered keys and re-reads
   * what the states hold open: the chosen persona set, and the leave-one-out run, study and benches shown.
   */
  async reread(): Promise<void> {
    const made = (key: string) => this.#made.has(key);
    if (made('runStore')) this.runStore.forgetCachedKeys();
    await Promise.all([
      made('personaSets') && this.personaSets.refresh(),
      made('loo') && this.loo.load(),
      made('wiki') && this.wiki.load(),
      made('bench') && this.bench.load(),
    ]);
  }

  // States a page holds for one visit, built here over the shared stores and workers.
  /** The Agreement page's state: label sets, statistics in the compute worker, judged runs. */
  agreementState(): AgreementState {
    return new AgreementState(this.labelStore, this.compute, this.runStore);
  }
  /** The Classroom page's state: kits and answers, agreement in the compute worker, runs to draw kits from. */
  classroomState(): ClassroomState {
    return new ClassroomState(this.annotationStore, this.labelStore, this.runStore, this.compute, new SettingsStore(this.db));
  }
  /** The Annotate page's state. */
  annotationState(): AnnotationState {
    return new AnnotationState(this.annotationStore);
  }
  /** The Annotate page's state for the teacher's "Preview as a student" of a kit: answers kept in memory, never stored. */
  annotationPreview(kitId: string): AnnotationState {
    return new AnnotationState(previewStore(this.annotationStore, kitId), true);
  }

  /** An imported model's figures for the Census page, or the default model's without an id; undefined when that import is gone. */
  async censusFigures(id?: string): Promise<CensusFigures | undefined> {
    if (id === undefined) return censusFiguresInWorker(this.compute);
    const model = await this.censusImport.load(id);
    return model && censusFiguresInWorker(this.compute, model);
  }
  /** The imported census models a set can be generated from, by id and name, newest first. */
  async censusModelNames(): Promise<{ id: string; name: string }[]> {
    return (await this.censusModelStore.list()).map((m) => ({ id: m.id, name: m.name }));
  }
}

let root: AppRoot | undefined;

/** The app's one composition root, made on first call. */
export function app(): AppRoot {
  return (root ??= new AppRoot());
}
