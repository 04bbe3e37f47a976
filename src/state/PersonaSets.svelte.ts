/**
 * The persona sets of the app: the stored sets, the selected one and its personas, and one job
 * at a time (generate, import, open a share link) with progress. Jobs run through `PersonaJobs`
 * (the compute worker in the app, in-process in tests); nothing is stored unless a job succeeds.
 */
import type { PersonaLabDb } from '../db/database';
import { CensusModelStore } from '../db/census-models';
import { PersonaSetStore, type PersonaSetRow } from '../db/persona-sets';
import type { CensusModelData } from '../core/census/index';
import type { AttributeComparison } from '../core/personas/compare';
import type { GenerateParams } from '../core/personas/generate';
import { toCsv, toJsonl } from '../core/personas/io';
import { NO_PROBLEMS, problemSummary, type ProblemList } from '../core/records/problems';
import type { PersonaJobs } from '../core/personas/persona-jobs';
import type { Persona } from '../core/personas/schema';
import { CONFIRM_SHARED_COUNT, shareLink, type ShareParams } from '../core/personas/share';
import { percent, type JobInfo } from './jobs';
import { Stored } from './Stored.svelte';

/** What a new set is generated from. */
export interface PersonaSetGenerateRequest extends GenerateParams {
  /** A name (default: from the parameters). */
  readonly name?: string;
  /** A stored census import's id; undefined for the embedded default model. */
  readonly censusImportId?: string;
}

/** The outcome of opening a share link. */
export interface ShareOutcome {
  /** The set (new or already stored). */
  readonly set: PersonaSetRow;
  /** Whether the regenerated set matches the link's fingerprint (undefined when the link had none). */
  readonly matches: boolean | undefined;
  /** Whether the link's census model is this app's default model. */
  readonly sameModel: boolean;
}

/** A default name for generated parameters. */
function setName(p: GenerateParams): string {
  const ages = p.minAge !== undefined || p.maxAge !== undefined ? ` · ages ${p.minAge ?? 0}–${p.maxAge ?? 99}` : '';
  return `${p.count.toLocaleString('en-US')} personas · seed ${p.seed}${ages}`;
}

/** Stored persona sets and the job in progress. */
export class PersonaSets {
  #sets = new Stored<PersonaSetRow[]>(() => this.#store.list(), []);
  #selectedId = $state<string | null>(null);
  #personas = $state.raw<readonly Persona[]>([]);
  #status = $state<'idle' | 'generating' | 'importing' | 'saving' | 'error'>('idle');
  #progress = $state(0);
  #error = $state<string | null>(null);
  #notice = $state<string | null>(null);
  #importProblems = $state.raw<ProblemList>(NO_PROBLEMS);
  /** True while a job runs. */
  busy = $derived(this.#status === 'generating' || this.#status === 'importing' || this.#status === 'saving');
  /** The selected set's row. */
  selected = $derived(this.#sets.current.find((s) => s.id === this.#selectedId) ?? null);

  readonly #store: PersonaSetStore;
  readonly #census: CensusModelStore;
  readonly #jobs: PersonaJobs;
  #defaultModelId: string | undefined;
  #abort: AbortController | undefined;

  /** Stored sets, newest first. */
  get sets() {
    return this.#sets.current;
  }
  /** The selected set's id. */
  get selectedId() {
    return this.#selectedId;
  }
  /** The selected set's personas. */
  get personas() {
    return this.#personas;
  }
  /** What the current job is doing. */
  get status() {
    return this.#status;
  }
  /** Progress of the current job, 0–1. */
  get progress() {
    return this.#progress;
  }
  /** The last error, for people. */
  get error() {
    return this.#error;
  }
  /** What the last job ended with when it neither failed nor stored anything (a cancelled generation). */
  get notice() {
    return this.#notice;
  }
  /** Problems of the last refused import. */
  get importProblems() {
    return this.#importProblems;
  }

  constructor(db: PersonaLabDb, jobs: PersonaJobs) {
    this.#store = new PersonaSetStore(db);
    this.#census = new CensusModelStore(db);
    this.#jobs = jobs;
  }

  /** Reloads the list of sets (a selected set that is gone is unselected). */
  async refresh(): Promise<void> {
    await this.#sets.refresh();
    if (this.#selectedId !== null && !this.#sets.current.some((s) => s.id === this.#selectedId)) await this.select(null);
  }

  /** Selects a set and loads its personas (null clears). */
  async select(id: string | null): Promise<void> {
    this.#selectedId = id;
    this.#personas = id ? await this.#store.personas(id) : [];
  }

  #fail(e: unknown): null {
    this.#error = e instanceof Error ? e.message : String(e);
    this.#status = 'error';
    return null;
  }

  /**
   * Cancels the generation in progress: the worker stops, nothing is stored, `notice` says so.
   * Does nothing at other times (a set already being saved is stored whole).
   */
  cancel(): void {
    if (this.#status === 'generating') this.#abort?.abort();
  }

  /** Generates a set, stores it and selects it; resolves to its row, or null on failure or cancel. */
  async generate(request: PersonaSetGenerateRequest, origin: PersonaSetRow['origin'] = 'generated'): Promise<PersonaSetRow | null> {
    if (this.busy) return null;
    this.#status = 'generating';
    this.#progress = 0;
    this.#error = null;
    this.#notice = null;
    const abort = (this.#abort = new AbortController());
    try {
      const params: GenerateParams = {
        seed: request.seed,
        count: request.count,
        ...(request.minAge !== undefined ? { minAge: request.minAge } : {}),
        ...(request.maxAge !== undefined ? { maxAge: request.maxAge } : {}),
      };
      let model: CensusModelData | undefined;
      let importName = '';
      if (request.censusImportId) {
        model = await this.#census.load(request.censusImportId);
        if (!model) throw new Error('The chosen census import is no longer stored.');
        importName = (await this.#census.list()).find((m) => m.id === request.censusImportId)?.name ?? request.censusImportId;
      }
      if (abort.signal.aborted) throw new DOMException('Cancelled.', 'AbortError');
      const result = await this.#jobs.generate(params, model, (done, total) => (this.#progress = total ? done / total : 1), abort.signal);
      if (abort.signal.aborted) throw new DOMException('Cancelled.', 'AbortError');
      if (!request.censusImportId) this.#defaultModelId = result.modelId;
      const row: PersonaSetRow = {
        id: `set-${result.fingerprint.slice(0, 16)}`,
        name: request.name?.trim() || setName(params),
        createdAt: Date.now(),
        origin,
        params,
        census: request.censusImportId
          ? { kind: 'imported', modelId: result.modelId, importId: request.censusImportId, label: `Imported: ${importName}` }
          : { kind: 'default', modelId: result.modelId, label: result.modelLabel },
        count: result.personas.length,
        train: result.train,
        fingerprint: result.fingerprint,
        comparison: result.comparison,
        history: [],
      };
      return await this.#save(row, result.personas);
    } catch (e) {
      if (!abort.signal.aborted) return this.#fail(e);
      this.#status = 'idle';
      this.#progress = 0;
      this.#notice = 'Generation cancelled; nothing was stored.';
      return null;
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  async #save(row: PersonaSetRow, personas: readonly Persona[]): Promise<PersonaSetRow> {
    this.#status = 'saving';
    await this.#store.put(row, personas);
    await this.refresh();
    this.#selectedId = row.id;
    this.#personas = personas;
    this.#progress = 1;
    this.#status = 'idle';
    return row;
  }

  /** Imports a persona file; resolves to the stored row, or null (see `importProblems` / `error`). */
  async importFile(name: string, input: string | Uint8Array): Promise<PersonaSetRow | null> {
    if (this.busy) return null;
    this.#status = 'importing';
    this.#error = null;
    this.#notice = null;
    this.#importProblems = NO_PROBLEMS;
    try {
      const r = await this.#jobs.importFile(name, input);
      if (!r.ok) {
        this.#importProblems = { problems: r.problems, total: r.total };
        this.#error = `${name} was not imported: ${problemSummary(this.#importProblems)}.`;
        this.#status = 'error';
        return null;
      }
      // Never over an existing set: a file holding a stored set's personas (its export, say) becomes a new set, and says so.
      const twin = this.#sets.current.find((x) => x.fingerprint === r.fingerprint);
      const base = `set-${r.fingerprint.slice(0, 16)}`;
      const taken = this.#sets.current.some((x) => x.id === base) || (await this.#store.get(base)) !== undefined;
      const row: PersonaSetRow = {
        id: taken ? `${base}-${Date.now().toString(36)}` : base,
        name: name.replace(/\.(jsonl|ndjson|json|csv|tsv|parquet|txt)$/i, ''),
        createdAt: Date.now(),
        origin: 'imported',
        census: { kind: 'none', modelId: r.modelId, label: 'Imported file (compared with the default census model)' },
        count: r.personas.length,
        train: r.train,
        fingerprint: r.fingerprint,
        comparison: r.comparison,
        history: [],
      };
      const saved = await this.#save(row, r.personas);
      if (twin)
        this.#notice = `${name} holds the same personas as the stored set "${twin.name}": it was imported as a new set, and "${twin.name}" (with its share link) is unchanged.`;
      return saved;
    } catch (e) {
      return this.#fail(e);
    }
  }

  /** Deletes a set (and clears the selection when it was selected). */
  async remove(id: string): Promise<void> {
    await this.#store.delete(id);
    if (this.#selectedId === id) await this.select(null);
    await this.refresh();
  }

  /** Renames a set. */
  async rename(id: string, name: string): Promise<void> {
    if (!name.trim()) return;
    await this.#store.rename(id, name.trim());
    await this.refresh();
  }

  /** A set's file for download: name and text. */
  async exportSet(id: string, format: 'jsonl' | 'csv'): Promise<{ filename: string; text: string; mime: string }> {
    const row = this.#sets.current.find((s) => s.id === id);
    const personas = id === this.#selectedId ? this.#personas : await this.#store.personas(id);
    const base = (row?.name ?? id).replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'personas';
    return format === 'csv'
      ? { filename: `${base}.csv`, text: toCsv(personas), mime: 'text/csv' }
      : { filename: `${base}.jsonl`, text: toJsonl(personas), mime: 'application/jsonl' };
  }

  /** A share link for a set generated from the embedded census model; undefined for any other set. */
  shareLinkFor(row: PersonaSetRow, base: string): string | undefined {
    if (row.census.kind !== 'default' || !row.params || !row.census.modelId || row.history.length > 0) return undefined;
    return shareLink(base, { ...row.params, model: row.census.modelId, fingerprint: row.fingerprint, name: row.name });
  }

  /**
   * Opens a share link: selects the stored set with the link's fingerprint, or regenerates the set
   * from the embedded model and says whether it matches the link. A link that would generate and
   * store more than `CONFIRM_SHARED_COUNT` personas resolves to "confirm" until it is opened again
   * with `confirmed` (the user agreed); nothing is generated before.
   */
  async openShare(p: ShareParams, confirmed = false): Promise<ShareOutcome | 'confirm' | null> {
    await this.refresh();
    const stored = p.fingerprint ? this.#sets.current.find((s) => s.fingerprint === p.fingerprint) : undefined;
    if (stored) {
      await this.select(stored.id);
      return { set: stored, matches: true, sameModel: stored.census.modelId === p.model };
    }
    if (p.count > CONFIRM_SHARED_COUNT && !confirmed) return 'confirm';
    const row = await this.generate(
      { seed: p.seed, count: p.count, minAge: p.minAge, maxAge: p.maxAge, name: p.name ?? setName(p) } as PersonaSetGenerateRequest,
      'shared',
    );
    if (!row) return null;
    return {
      set: row,
      matches: p.fingerprint === undefined ? undefined : row.fingerprint === p.fingerprint,
      sameModel: row.census.modelId === p.model,
    };
  }

  /** The embedded model's id, once a set has been generated from it this session. */
  get defaultModelId(): string | undefined {
    return this.#defaultModelId;
  }

  /** The jobs runner (for the LLM stages' redraws and comparisons). */
  get jobs(): PersonaJobs {
    return this.#jobs;
  }

  /** Makes sure the worker knows a set's census model; resolves to the id to name it by (undefined: the default). */
  async prepareModel(row: PersonaSetRow): Promise<string | undefined> {
    if (row.census.kind !== 'imported' || !row.census.importId) return undefined;
    const model = await this.#census.load(row.census.importId);
    if (!model)
      throw new Error('The census import this set was generated from is no longer stored, so rejected personas cannot be redrawn.');
    return this.#jobs.useModel(model);
  }

  /** The stored personas of any set (the selected one's as shown). */
  personasOf(id: string): Promise<readonly Persona[]> {
    return id === this.selectedId ? Promise.resolve(this.personas) : this.#store.personas(id);
  }

  /**
   * Stores the reviewed copy of set `sourceId` (a new set, or `copyId`'s again after a retry) and
   * selects it; the source set is not touched, so its share link stays valid.
   */
  async saveReviewedCopy(
    sourceId: string,
    personas: readonly Persona[],
    o: {
      readonly copyId?: string;
      readonly note: string;
      readonly fingerprint: string;
      readonly comparison: AttributeComparison[];
      readonly report: NonNullable<PersonaSetRow['review']>;
    },
  ): Promise<PersonaSetRow | null> {
    const source = (await this.#store.get(sourceId)) ?? null;
    if (!source) return null;
    const earlier = o.copyId ? await this.#store.get(o.copyId) : undefined;
    const row: PersonaSetRow = {
      ...source,
      id: earlier?.id ?? `${source.id}-reviewed-${Date.now().toString(36)}`,
      name: earlier?.name ?? `${source.name} (reviewed)`,
      createdAt: earlier?.createdAt ?? Date.now(),
      count: personas.length,
      train: personas.filter((p) => p.split === 'train').length,
      fingerprint: o.fingerprint,
      comparison: o.comparison,
      history: [...source.history, o.note],
      review: o.report,
      reviewedFrom: source.id,
    };
    await this.#store.put(row, personas);
    await this.refresh();
    await this.select(row.id);
    return row;
  }

  /** Replaces a set's personas after an LLM review or enrichment, noting what was done and keeping its report. */
  async replacePersonas(
    id: string,
    personas: readonly Persona[],
    note: string,
    fingerprint: string,
    comparison: AttributeComparison[],
    report: Pick<PersonaSetRow, 'review' | 'enrichment'> = {},
  ): Promise<void> {
    const row = this.#sets.current.find((s) => s.id === id);
    if (!row) return;
    await this.#store.put({ ...row, ...report, fingerprint, comparison, history: [...row.history, note] }, personas);
    await this.refresh();
    if (this.#selectedId === id) this.#personas = personas;
  }

  /** The generation or import under way, for the header's jobs list (a generation can be cancelled; an import is short and cannot). */
  get runningJobs(): JobInfo[] {
    if (this.status !== 'generating' && this.status !== 'importing') return [];
    const generating = this.status === 'generating';
    return [
      {
        id: 'personas',
        kind: 'personas',
        label: generating ? 'Persona generation' : 'Persona import',
        href: '#/personas',
        ...percent(this.progress),
        ...(generating ? { stop: () => this.cancel() } : {}),
      },
    ];
  }
}
