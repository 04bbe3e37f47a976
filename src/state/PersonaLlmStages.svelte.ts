/**
 * The optional LLM stages on a stored persona set: the review (reject implausible personas and
 * redraw them, reporting the rejection rate; stored as a reviewed copy, the set left as it was) and
 * the enrichment of the open-ended fields. One
 * run at a time, stoppable; model calls go through the one call cache, so a stopped run resumes.
 */
import type { LlmClient } from '../core/llm/types';
import type { CallStore } from '../core/pipeline/cache';
import { enrichPersonas, type EnrichableField, type EnrichmentReport } from '../core/personas/enrich';
import { setFingerprint } from '../core/personas/io';
import { reviewPersonas, type ReviewReport } from '../core/personas/review';
import type { Persona } from '../core/personas/schema';
import type { PersonaSets } from './PersonaSets.svelte';
import { percent, type JobInfo } from './jobs';

const STOPPED = 'Stopped; run it again to resume where it stopped.';

/** The LLM stages of the selected set. */
export class PersonaLlmStages {
  #status = $state<'idle' | 'reviewing' | 'enriching' | 'saving' | 'error'>('idle');
  #progress = $state(0);
  #error = $state<string | null>(null);
  #reviewReport = $state.raw<ReviewReport | null>(null);
  #enrichment = $state.raw<EnrichmentReport | null>(null);
  /** True while a stage runs. */
  busy = $derived(this.#status === 'reviewing' || this.#status === 'enriching' || this.#status === 'saving');

  readonly #sets: PersonaSets;
  readonly #cache: CallStore;
  #abort: AbortController | undefined;

  /** What is running. */
  get status() {
    return this.#status;
  }
  /** Progress, 0–1. */
  get progress() {
    return this.#progress;
  }
  /** The last failure. */
  get error() {
    return this.#error;
  }
  /** The last review's report. */
  get reviewReport() {
    return this.#reviewReport;
  }
  /** The last enrichment's report. */
  get enrichment() {
    return this.#enrichment;
  }

  constructor(sets: PersonaSets, cache: CallStore) {
    this.#sets = sets;
    this.#cache = cache;
  }

  /** Stops the running stage after the call in flight (its outputs so far stay cached). */
  stop(): void {
    this.#abort?.abort(new Error(STOPPED));
  }

  async #run(
    kind: 'reviewing' | 'enriching',
    work: (
      personas: readonly Persona[],
      signal: AbortSignal,
    ) => Promise<{ personas: Persona[]; note: string; report: { review?: ReviewReport; enrichment?: EnrichmentReport } }>,
  ): Promise<boolean> {
    const row = this.#sets.selected;
    if (!row || this.busy) return false;
    this.#status = kind;
    this.#progress = 0;
    this.#error = null;
    const abort = (this.#abort = new AbortController());
    try {
      const { personas, note, report } = await work(this.#sets.personas, this.#abort.signal);
      this.#status = 'saving';
      const modelId = await this.#sets.prepareModel(row);
      const range = row.params ? { minAge: row.params.minAge ?? 0, maxAge: row.params.maxAge ?? 99 } : undefined;
      const comparison = await this.#sets.jobs.compare(personas, modelId, range);
      await this.#sets.replacePersonas(row.id, personas, note, setFingerprint(personas), comparison, report);
      this.#status = 'idle';
      return true;
    } catch (e) {
      // A stop says how to go on, whatever the backend called its abort.
      this.#error = abort.signal.aborted ? STOPPED : e instanceof Error ? e.message : String(e);
      this.#status = 'error';
      return false;
    }
  }

  /**
   * Reviews the selected set with `client` and stores the outcome as a reviewed copy ("<name>
   * (reviewed)", linked to the set by `reviewedFrom`); the set itself, and its share link, stay as
   * they were. Rejected personas are redrawn (in the worker) when the set was generated. Failed calls
   * are retried as a run's are; a persona whose call still failed is kept as it was and listed in the
   * report's `failed` (see `retryReview`).
   */
  review(client: LlmClient, maxCandidates = 4): Promise<boolean> {
    const row = this.#sets.selected;
    return row ? this.#reviewInto(row.id, undefined, client, maxCandidates) : Promise.resolve(false);
  }

  /** Reviews the selected reviewed copy's source again into the same copy: the calls that failed are asked again, the rest come from the cache. */
  retryReview(client: LlmClient, maxCandidates = 4): Promise<boolean> {
    const copy = this.#sets.selected;
    if (!copy?.reviewedFrom) return Promise.resolve(false);
    if (!this.#sets.sets.some((s) => s.id === copy.reviewedFrom)) {
      this.#error = 'The set this copy was reviewed from is no longer stored, so its failed reviews cannot be retried.';
      this.#status = 'error';
      return Promise.resolve(false);
    }
    return this.#reviewInto(copy.reviewedFrom, copy.id, client, maxCandidates);
  }

  async #reviewInto(sourceId: string, copyId: string | undefined, client: LlmClient, maxCandidates: number): Promise<boolean> {
    const row = this.#sets.sets.find((s) => s.id === sourceId);
    if (!row || this.busy) return false;
    this.#status = 'reviewing';
    this.#progress = 0;
    this.#error = null;
    const abort = (this.#abort = new AbortController());
    try {
      const personas = await this.#sets.personasOf(sourceId);
      const params = row.params;
      const modelId = await this.#sets.prepareModel(row);
      const r = await reviewPersonas(personas, client, {
        maxCandidates,
        cache: this.#cache,
        signal: abort.signal,
        onProgress: (d, t) => (this.#progress = d / t),
        ...(params
          ? { redraw: (index: number, from: number) => this.#sets.jobs.redraw(params, modelId, index, from, personas[index]!.split) }
          : {}),
      });
      this.#reviewReport = r.report;
      this.#status = 'saving';
      const range = params ? { minAge: params.minAge ?? 0, maxAge: params.maxAge ?? 99 } : undefined;
      const failed = r.report.failed?.length ?? 0;
      await this.#sets.saveReviewedCopy(sourceId, r.personas, {
        ...(copyId ? { copyId } : {}),
        note: `Reviewed copy of “${row.name}” by ${r.report.model}: ${r.report.rejected} of ${r.report.reviewed} candidates rejected (${(r.report.rejectionRate * 100).toFixed(1)}%)${failed ? `; ${failed} review call${failed === 1 ? '' : 's'} failed` : ''}`,
        fingerprint: setFingerprint(r.personas),
        comparison: await this.#sets.jobs.compare(r.personas, modelId, range),
        report: r.report,
      });
      this.#status = 'idle';
      return true;
    } catch (e) {
      this.#error = abort.signal.aborted ? STOPPED : e instanceof Error ? e.message : String(e);
      this.#status = 'error';
      return false;
    }
  }

  /** Enriches the chosen fields of the selected set with `client`. */
  enrich(client: LlmClient, fields: readonly EnrichableField[]): Promise<boolean> {
    return this.#run('enriching', async (personas, signal) => {
      const r = await enrichPersonas(personas, client, {
        fields,
        cache: this.#cache,
        signal,
        onProgress: (d, t) => (this.#progress = d / t),
      });
      this.#enrichment = r.report;
      return {
        personas: r.personas,
        report: { enrichment: r.report },
        note: `Enriched ${fields.join(', ')} with ${r.report.model}: ${r.report.rewritten} fields rewritten, ${r.report.failures.length} left as they were`,
      };
    });
  }

  /** The review or enrichment under way (with its Stop), for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    if (this.status !== 'reviewing' && this.status !== 'enriching') return [];
    const set = this.#sets.sets.find((r) => r.id === this.#sets.selectedId)?.name;
    const what = this.status === 'reviewing' ? 'LLM review' : 'LLM enrichment';
    return [
      {
        id: 'persona-llm',
        kind: 'persona-llm',
        label: `${what}${set ? ` of “${set}”` : ''}`,
        href: '#/personas',
        ...percent(this.progress),
        stop: () => this.stop(),
      },
    ];
  }
}
