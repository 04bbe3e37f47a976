/**
 * State of the census import: the stored imported models, and one import at a time (reading files
 * in the compute worker with progress, then storing the model in one write, or showing where the
 * input was malformed). Nothing is stored unless the whole import succeeds.
 */
import { CensusModelStore, type CensusModelRow } from '../db/census-models';
import type { PersonaLabDb } from '../db/database';
import type { ImportFailure } from '../core/census/pums-import';
import type { ImportProgress, ImportResult } from '../core/census/import-files';
import type { CensusModelData } from '../core/census/model';
import { hashHex } from '../core/random';
import { percent, type JobInfo } from './jobs';
import { Stored } from './Stored.svelte';

/** A stored model as lists show it. */
export type CensusModelSummary = Omit<CensusModelRow, 'json'>;

/**
 * Runs an import over files (the compute worker in the app; tests pass their own). Aborting
 * `signal` rejects (the app's runner terminates the worker).
 */
export type CensusImportRunner = (files: File[], onProgress: (p: ImportProgress) => void, signal?: AbortSignal) => Promise<ImportResult>;

/** Imported census models and the import in progress. */
export class CensusImport {
  #models = new Stored<CensusModelSummary[]>(() => this.#store.list(), []);
  #status = $state<'idle' | 'reading' | 'building' | 'done' | 'error' | 'cancelled'>('idle');
  #progress = $state(0);
  #file = $state('');
  #failure = $state.raw<ImportFailure | null>(null);
  #last = $state.raw<CensusModelSummary | null>(null);
  /** True while an import runs. */
  busy = $derived(this.#status === 'reading' || this.#status === 'building');

  readonly #store: CensusModelStore;
  readonly #run: CensusImportRunner;
  #abort: AbortController | undefined;

  /** Stored imported models, newest first. */
  get models() {
    return this.#models.current;
  }
  /** What the import is doing ("cancelled": the user stopped the last import; nothing was stored). */
  get status() {
    return this.#status;
  }
  /** Fraction of bytes read, 0–1. */
  get progress() {
    return this.#progress;
  }
  /** The file being read. */
  get file() {
    return this.#file;
  }
  /** Where the last import failed, or null. */
  get failure() {
    return this.#failure;
  }
  /** The model stored by the last successful import. */
  get last() {
    return this.#last;
  }

  constructor(db: PersonaLabDb, run: CensusImportRunner) {
    this.#store = new CensusModelStore(db);
    this.#run = run;
  }

  /** Reloads the list of stored models. */
  async refresh(): Promise<void> {
    await this.#models.refresh();
  }

  /** Cancels the import in progress; nothing is stored and `status` becomes "cancelled". */
  cancel(): void {
    if (this.busy) this.#abort?.abort();
  }

  /** Imports PUMS CSV files (one or more person files, optional housing files); resolves to the stored model or null. */
  async import(files: File[], name?: string): Promise<CensusModelSummary | null> {
    if (this.busy) return null;
    this.#status = 'reading';
    this.#progress = 0;
    this.#failure = null;
    this.#file = files[0]?.name ?? '';
    const abort = (this.#abort = new AbortController());
    const result = await this.#run(
      files,
      (p) => {
        if (abort.signal.aborted) return;
        this.#status = p.phase;
        this.#file = p.file;
        this.#progress = p.totalBytes ? p.bytes / p.totalBytes : 0;
      },
      abort.signal,
    ).catch((e: unknown): ImportResult => ({
      ok: false,
      failure: { file: this.#file, line: 0, column: 0, message: e instanceof Error ? e.message : String(e) },
    }));
    if (this.#abort === abort) this.#abort = undefined;
    if (abort.signal.aborted) {
      this.#status = 'cancelled';
      this.#progress = 0;
      return null;
    }
    if (!result.ok) {
      this.#failure = result.failure;
      this.#status = 'error';
      return null;
    }
    const row: CensusModelRow = {
      id: `census-${hashHex(result.json)}`,
      name: name ?? files.map((f) => f.name).join(', '),
      createdAt: Date.now(),
      meta: result.meta,
      json: result.json,
    };
    await this.#store.put(row);
    const { json: _json, ...summary } = row;
    this.#last = summary;
    this.#progress = 1;
    this.#status = 'done';
    await this.refresh();
    return summary;
  }

  /** The parsed model of a stored import. */
  load(id: string): Promise<CensusModelData | undefined> {
    return this.#store.load(id);
  }

  /** Deletes a stored model. */
  async remove(id: string): Promise<void> {
    await this.#store.delete(id);
    await this.refresh();
  }

  /** The census import under way (with its Cancel), for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    if (!this.busy) return [];
    return [
      {
        id: 'census',
        kind: 'census',
        label: `Census import${this.file ? ` of ${this.file}` : ''}`,
        href: '#/census',
        ...percent(this.progress),
        stop: () => this.cancel(),
      },
    ];
  }
}
