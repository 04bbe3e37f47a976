/**
 * Prompt sets in the page: the built-in default set, importing a file (JSONL, JSON, CSV, Parquet),
 * downloading PRISM with progress, the paper's filters (rule filters, then optionally an LLM
 * controversy classifier and LLM topic labels), the stratified split, and the stored sets.
 */
import { classifyPrompts } from '../core/prompts/classify';
import { promptsJsonl } from '../core/prompts/edit';
import { defaultPrompts } from '../core/prompts/default-set';
import { downloadPromptsJsonl, PRISM_CONVERSATIONS_URL, type DownloadProgress } from '../core/prompts/download';
import { ruleFilter, type FilterReport } from '../core/prompts/filters';
import { readPromptFile } from '../core/prompts/importers';
import { PAPER_HELDOUT_FRACTION, splitByTopic } from '../core/prompts/split';
import type { PromptItem } from '../core/prompts/types';
import { FileProblemsError, NO_PROBLEMS, type ProblemList } from '../core/records/problems';
import { modelLabel, type ModelRef } from '../core/pipeline/config';
import type { DexiePipelineStore } from '../db/pipeline-store';
import type { PromptSetRow } from '../db/pipeline-rows';
import type { PromptSetStore } from '../db/prompt-set-store';
import { downloadText } from '../platform/download';
import { clientFor } from './role-models';
import { asProblem, type Problem } from './Runs.svelte';
import type { Services } from './services';
import { Stored } from './Stored.svelte';
import type { JobInfo } from './jobs';

/** Prompts read but not yet filtered and saved. */
export interface PromptDraft {
  /** Name for the set. */
  readonly name: string;
  /** File name or URL. */
  readonly source: string;
  /** The prompts as read. */
  readonly prompts: readonly PromptItem[];
  /** Records that could not be read: the first problems and how many in all. */
  readonly problems: ProblemList;
}

/** How to filter and split a draft. */
export interface SaveOptions {
  /** Name of the set. */
  readonly name: string;
  /** Minimum words (paper: 5). */
  readonly minWords: number;
  /** Held-out share (paper: 868/3868). */
  readonly heldoutFraction: number;
  /** Split seed. */
  readonly seed: number;
  /** Model for the controversy classifier; undefined skips it. */
  readonly controversyModel?: ModelRef;
  /** Model for topic labels; undefined keeps given or keyword topics. */
  readonly topicModel?: ModelRef;
}

/** The id of the built-in set. */
const DEFAULT_SET_ID = 'default';

export class PromptSets {
  #sets = new Stored<readonly PromptSetRow[]>(() => this.#store.list(), []);
  #draft = $state.raw<PromptDraft | undefined>();
  #download = $state.raw<DownloadProgress | undefined>();
  #classifying = $state.raw<{ done: number; total: number } | undefined>();
  #problem = $state.raw<Problem | undefined>();
  #fileProblems = $state.raw<ProblemList>(NO_PROBLEMS);
  #classifyingSet = $state<string | undefined>();

  /** The built-in set, split with seed 1 and the paper's share. */
  readonly builtIn: PromptSetRow;
  /** Every set: built-in first. */
  readonly all: readonly PromptSetRow[];

  readonly #store: PromptSetStore;
  readonly #calls: DexiePipelineStore;
  readonly #services: Services;
  #abort: AbortController | undefined;

  /** Stored sets, newest first. */
  get sets() {
    return this.#sets.current;
  }
  /** The draft being prepared. */
  get draft() {
    return this.#draft;
  }
  /** Drops the draft without saving it. */
  discardDraft(): void {
    this.#draft = undefined;
  }
  /** Download progress while downloading. */
  get download() {
    return this.#download;
  }
  /** Classifier progress while classifying. */
  get classifying() {
    return this.#classifying;
  }
  /** The last failure. */
  get problem() {
    return this.#problem;
  }
  /** Problems of the last file (or download) that gave no prompt at all. */
  get fileProblems() {
    return this.#fileProblems;
  }
  /** The set whose topics a model is labelling (`classifyTopics`). */
  get classifyingSet() {
    return this.#classifyingSet;
  }

  constructor(store: PromptSetStore, calls: DexiePipelineStore, s: Services) {
    this.#store = store;
    this.#calls = calls;
    this.#services = s;
    const prompts = splitByTopic(defaultPrompts(), { seed: 1 });
    this.builtIn = {
      id: DEFAULT_SET_ID,
      name: `Persona Lab default set (${prompts.length} questions)`,
      source: 'built in',
      createdAt: 0,
      prompts,
      report: { input: prompts.length, kept: prompts.length, dropped: {} },
      topics: 'given',
      split: { seed: 1, heldoutFraction: PAPER_HELDOUT_FRACTION },
    };
    const builtIn = this.builtIn;
    this.all = $derived([builtIn, ...this.#sets.current]);
  }

  /** Reads the stored sets. */
  async load(): Promise<void> {
    await this.#sets.refresh();
  }

  /** A set by id (the built-in one included). */
  get(id: string): PromptSetRow | undefined {
    return this.all.find((s) => s.id === id);
  }

  /** Reads a file into the draft. */
  async importFile(file: File): Promise<void> {
    this.#problem = undefined;
    this.#fileProblems = NO_PROBLEMS;
    try {
      const r = await readPromptFile(new Uint8Array(await file.arrayBuffer()), file.name);
      this.#draft = {
        name: file.name.replace(/\.[^.]+$/, ''),
        source: file.name,
        prompts: r.prompts,
        problems: { problems: r.problems, total: r.total },
      };
    } catch (e) {
      this.#failed(file.name, e);
    }
  }

  /** A failed import: a file with no readable prompt lists its problems, anything else is a problem. */
  #failed(source: string, e: unknown): void {
    if (e instanceof FileProblemsError) {
      this.#fileProblems = e.list;
      this.#problem = {
        message: `${source}: no prompt could be read (${e.list.total} problem${e.list.total === 1 ? '' : 's'}, listed below).`,
      };
    } else this.#problem = asProblem(e);
  }

  /** Downloads PRISM's conversations (or another JSONL URL) into the draft, with progress. */
  async downloadJsonl(url = PRISM_CONVERSATIONS_URL): Promise<void> {
    this.#problem = undefined;
    this.#fileProblems = NO_PROBLEMS;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#download = { received: 0 };
    try {
      const r = await downloadPromptsJsonl(url, { signal: abort.signal, onProgress: (p) => (this.#download = p) });
      this.#draft = {
        name: url === PRISM_CONVERSATIONS_URL ? 'PRISM' : (url.split('/').pop() ?? url),
        source: url,
        prompts: r.prompts,
        problems: { problems: r.problems, total: r.total },
      };
    } catch (e) {
      this.#failed(url.split('/').pop() ?? url, e);
    } finally {
      this.#download = undefined;
    }
  }

  /** Cancels a download or a classification. */
  cancel(): void {
    this.#abort?.abort();
  }

  /** What the rule filters would keep of the draft. */
  preview(minWords: number): FilterReport | undefined {
    return this.#draft ? ruleFilter(this.#draft.prompts, { minWords }).report : undefined;
  }

  /** Filters, optionally classifies, splits and stores the draft as a set. */
  async save(o: SaveOptions): Promise<PromptSetRow | undefined> {
    const draft = this.#draft;
    if (!draft) return undefined;
    this.#problem = undefined;
    const abort = (this.#abort = new AbortController());
    try {
      const { prompts: ruled, report } = ruleFilter(draft.prompts, { minWords: o.minWords });
      let prompts = ruled;
      let dropped = report.dropped;
      let topics = draft.prompts.every((p) => p.topic !== 'other') ? 'given' : 'keywords';
      for (const [ref, controversy] of [
        [o.controversyModel, true],
        [o.topicModel, false],
      ] as const) {
        if (!ref) continue;
        const llm = await clientFor(ref, this.#services);
        this.#classifying = { done: 0, total: prompts.length };
        const r = await classifyPrompts(prompts, {
          llm,
          controversy,
          topics: !controversy,
          cache: this.#calls,
          signal: abort.signal,
          onProgress: (done, total) => (this.#classifying = { done, total }),
        });
        if (abort.signal.aborted)
          throw new Error(`Classification stopped after ${r.classified} of ${prompts.length} prompts; nothing was saved.`);
        prompts = r.prompts;
        if (controversy) dropped = { ...dropped, 'not-controversial': r.notControversial };
        else topics = `llm:${modelLabel(ref)}`;
      }
      const split = splitByTopic(prompts, { seed: o.seed, heldoutFraction: o.heldoutFraction });
      const row: PromptSetRow = {
        id: `ps-${Date.now().toString(36)}`,
        name: o.name || draft.name,
        source: draft.source,
        createdAt: Date.now(),
        prompts: split,
        report: { input: draft.prompts.length, kept: split.length, dropped },
        topics,
        split: { seed: o.seed, heldoutFraction: o.heldoutFraction },
      };
      await this.#store.put(row);
      this.#draft = undefined;
      await this.load();
      return row;
    } catch (e) {
      this.#problem = asProblem(e);
      return undefined;
    } finally {
      this.#classifying = undefined;
    }
  }

  /**
   * Renames a set or replaces its prompts. The built-in set is never changed: the first edit makes
   * a stored copy ("… (edited)"), which is returned so the page can show it instead.
   */
  async write(id: string, change: { readonly name?: string; readonly prompts?: readonly PromptItem[] }): Promise<PromptSetRow | undefined> {
    const set = this.get(id);
    if (!set) return undefined;
    const prompts = change.prompts ?? set.prompts;
    const copy = id === DEFAULT_SET_ID;
    const row: PromptSetRow = {
      ...set,
      ...(copy
        ? { id: `ps-${Date.now().toString(36)}`, name: `${set.name} (edited)`, source: `a copy of ${set.name}`, createdAt: Date.now() }
        : {}),
      ...(change.name?.trim() ? { name: change.name.trim() } : {}),
      prompts,
      report: change.prompts ? { ...set.report, kept: prompts.length } : set.report,
    };
    await this.#store.put(row);
    await this.load();
    return row;
  }

  /** Downloads a set as JSONL (id, text, topic, split a line), which the import reads back. */
  exportSet(id: string): void {
    const set = this.get(id);
    if (set)
      downloadText(
        `${set.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'prompts'}.jsonl`,
        promptsJsonl(set.prompts),
        'application/x-ndjson',
      );
  }

  /**
   * Labels a set's topics with a model (the LLM topic classifier through the one call path and
   * cache) and stores the result as a copy, "<name> (topics: <model>)", with the method recorded
   * (`topics: "llm:<model>"`, and how many prompts the model could not label and keep their
   * keyword topic); splits are kept. Stoppable with `cancel()`: nothing is stored, the answers so
   * far stay cached. Progress in `classifying`, the set in `classifyingSet`.
   */
  async classifyTopics(id: string, ref: ModelRef): Promise<PromptSetRow | undefined> {
    const set = this.get(id);
    if (!set || this.#classifying) return undefined;
    this.#problem = undefined;
    const abort = (this.#abort = new AbortController());
    this.#classifyingSet = id;
    this.#classifying = { done: 0, total: set.prompts.length };
    try {
      const llm = await clientFor(ref, this.#services);
      const r = await classifyPrompts(set.prompts, {
        llm,
        controversy: false,
        topics: true,
        cache: this.#calls,
        signal: abort.signal,
        onProgress: (done, total) => (this.#classifying = { done, total }),
      });
      if (abort.signal.aborted) {
        this.#problem = {
          message: `Classification stopped after ${r.classified} of ${set.prompts.length} prompts; nothing was saved.`,
          hint: 'Run it again to go on: the answers so far are kept.',
        };
        return undefined;
      }
      const row: PromptSetRow = {
        ...set,
        id: `ps-${Date.now().toString(36)}`,
        name: `${set.name} (topics: ${ref.model})`,
        source: `a copy of ${set.name}`,
        createdAt: Date.now(),
        prompts: r.prompts,
        topics: `llm:${modelLabel(ref)}`,
        keywordFallback: r.unclassified,
      };
      await this.#store.put(row);
      await this.load();
      return row;
    } catch (e) {
      this.#problem = asProblem(e);
      return undefined;
    } finally {
      this.#classifying = undefined;
      this.#classifyingSet = undefined;
    }
  }

  /** Deletes a stored set. */
  async remove(id: string): Promise<void> {
    await this.#store.delete(id);
    await this.load();
  }

  /** The classification under way (a draft's on saving, or a set's topics by a model), with its Stop, for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    const c = this.#classifying;
    if (!c) return [];
    const set = this.#classifyingSet ? this.get(this.#classifyingSet)?.name : undefined;
    return [
      {
        id: 'prompts-classify',
        kind: 'prompts',
        label: set ? `Topics of “${set}” by a model` : 'Classifying prompts',
        href: '#/prompts',
        done: c.done,
        total: c.total,
        unit: 'prompts',
        stop: () => this.cancel(),
      },
    ];
  }
}
