/**
 * One bench as the page shows it: its results (recomputed from the samples while it runs, at most
 * every couple of seconds), the samples as a light list for the browser (filterable by method and
 * outcome), and the sample opened in full with its critique.
 */
import type { BenchMethod } from '../core/bench/methods';
import type { BenchRecord, BenchSample, SampleStatus } from '../core/bench/records';
import { scanBench, summarize } from '../core/bench/scan';
import type { BenchResults } from '../core/bench/score';
import type { BenchStore } from '../core/bench/store';

/** A sample as the list shows it. */
export interface SampleRow {
  /** Sample id. */
  readonly id: string;
  /** Method. */
  readonly method: BenchMethod;
  /** Persona id. */
  readonly personaId: string;
  /** Prompt id. */
  readonly promptId: string;
  /** Sample index. */
  readonly sample: number;
  /** Status. */
  readonly status: SampleStatus;
  /** The critic's verdict; undefined when there is none. */
  readonly needsRevision?: boolean;
}

/** The outcome filter: any, passed, needs revision, missing (or failed), not finished. */
export type SampleOutcome = '' | 'pass' | 'fail' | 'missing' | 'pending';

function rowOf(s: BenchSample): SampleRow {
  const v = s.stages.critic?.status === 'done' ? s.stages.critic.output?.needs_revision : undefined;
  return {
    id: s.id,
    method: s.method,
    personaId: s.personaId,
    promptId: s.promptId,
    sample: s.sample,
    status: s.status,
    ...(v !== undefined ? { needsRevision: v } : {}),
  };
}

/** Whether a row passes the filters. */
function shows(r: SampleRow, method: string, outcome: SampleOutcome): boolean {
  if (method && r.method !== method) return false;
  switch (outcome) {
    case 'pass':
      return r.needsRevision === false;
    case 'fail':
      return r.needsRevision === true;
    case 'missing':
      return r.needsRevision === undefined && (r.status === 'missing' || r.status === 'failed');
    case 'pending':
      return r.status === 'pending';
    default:
      return true;
  }
}

export class BenchView {
  #bench = $state.raw<BenchRecord | undefined>();
  #results = $state.raw<BenchResults | undefined>();
  #rows = $state.raw<readonly SampleRow[]>([]);
  #method = $state('');
  #outcome = $state<SampleOutcome>('');
  #open = $state.raw<BenchSample | undefined>();

  /** Rows passing the filters. */
  readonly shown = $derived(this.#rows.filter((r) => shows(r, this.#method, this.#outcome)));

  readonly #store: BenchStore;
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loads = 0;

  /** The bench shown. */
  get bench() {
    return this.#bench;
  }
  /** Its results over the samples read last. */
  get results() {
    return this.#results;
  }
  /** Every sample started, as rows. */
  get rows() {
    return this.#rows;
  }
  /** Method filter ("" for any). */
  get method() {
    return this.#method;
  }
  /** Shows only the samples of one method ("" for any). */
  filterByMethod(method: string): void {
    this.#method = method;
  }
  /** Outcome filter. */
  get outcome() {
    return this.#outcome;
  }
  /** Shows only the samples with one outcome ("" for any). */
  filterByOutcome(outcome: SampleOutcome): void {
    this.#outcome = outcome;
  }
  /** The sample opened. */
  get open() {
    return this.#open;
  }

  constructor(store: BenchStore) {
    this.#store = store;
  }

  /** Shows a bench (its stored results first, then its samples read). */
  async show(bench: BenchRecord): Promise<void> {
    if (bench.id !== this.#bench?.id) {
      this.#method = '';
      this.#outcome = '';
      this.#open = undefined;
      this.#rows = [];
      this.#results = bench.results;
    }
    this.#bench = bench;
    await this.reload();
  }

  /** Reads the samples again and recomputes the results. */
  async reload(): Promise<void> {
    const bench = this.#bench;
    if (!bench) return;
    const load = ++this.#loads;
    this.#last = Date.now();
    const rows: SampleRow[] = [];
    const { results } = summarize(bench, await scanBench(this.#store, bench, (s) => rows.push(rowOf(s))));
    if (load !== this.#loads) return;
    this.#rows = rows;
    this.#results = results;
  }

  /** A sample changed while the bench runs: reload, at most every `ms` milliseconds (more for big benches). */
  touch(): void {
    if (this.#timer) return;
    const ms = Math.max(1500, this.#rows.length * 2);
    const wait = Math.max(0, this.#last + ms - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.reload();
    }, wait);
  }

  /** Opens a sample in full. */
  async openSample(id: string): Promise<void> {
    this.#open = await this.#store.getSample(id);
  }

  /** The persona text and question of the opened sample. */
  context(s: BenchSample): { persona: string; question: string } {
    const b = this.#bench;
    return {
      persona: b?.personas.find((p) => p.id === s.personaId)?.text ?? '',
      question: b?.prompts.find((p) => p.id === s.promptId)?.text ?? '',
    };
  }
}
