/**
 * The results browser of one run: every pair (persona, prompt, y_l, critique, y_w, verdicts),
 * filterable by persona, topic, split and outcome, and the judges' summary. Reloaded when the run
 * reports a changed item (at most every two seconds).
 */
import { JudgeTally, readPairs, type JudgeSummary, type PairView } from '../core/pipeline/pairs';
import type { PipelineStore } from '../core/pipeline/store';

/** What the outcome filter can ask for. */
type OutcomeFilter = '' | 'done' | 'failed' | 'pending' | 'yw' | 'yl' | 'disagree';

/** The filters; empty string means any. */
export interface ResultFilters {
  persona: string;
  topic: string;
  split: string;
  outcome: OutcomeFilter;
}

/** Whether a pair passes the filters (outcomes yw/yl/disagree read the first judge). */
function passes(p: PairView, f: ResultFilters): boolean {
  if (f.persona && p.personaId !== f.persona) return false;
  if (f.topic && p.topic !== f.topic) return false;
  if (f.split && p.split !== f.split) return false;
  switch (f.outcome) {
    case '':
      return true;
    case 'done':
    case 'failed':
      return p.status === f.outcome;
    case 'pending':
      return p.status === 'pending' || p.status === 'waiting';
    default:
      return p.verdicts[0]?.outcome === f.outcome;
  }
}

export class RunResults {
  /** Every pair of the run. */
  pairs = $state.raw<readonly PairView[]>([]);
  /** The filters. */
  filters = $state<ResultFilters>({ persona: '', topic: '', split: '', outcome: '' });
  /** True while loading. */
  loading = $state(false);

  /** Pairs passing the filters. */
  readonly shown = $derived(this.pairs.filter((p) => passes(p, this.filters)));
  /** Persona ids, topics and splits present, for the filter menus. */
  readonly options = $derived.by(() => ({
    personas: [...new Set(this.pairs.map((p) => p.personaId))].sort(),
    topics: [...new Set(this.pairs.map((p) => p.topic))].sort(),
    splits: [...new Set(this.pairs.map((p) => p.split))].sort(),
  }));
  /** The judges' summary over every pair. */
  readonly judges = $derived.by((): JudgeSummary[] => {
    const t = new JudgeTally();
    for (const p of this.pairs) t.add(p);
    return t.finish();
  });

  readonly #store: PipelineStore;
  #runId: string | undefined;
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: PipelineStore) {
    this.#store = store;
  }

  /** Loads a run's pairs (filters are kept when it is the same run). */
  async load(runId: string): Promise<void> {
    if (runId !== this.#runId) this.filters = { persona: '', topic: '', split: '', outcome: '' };
    this.#runId = runId;
    this.loading = true;
    const out: PairView[] = [];
    try {
      for await (const p of readPairs(this.#store, runId)) out.push(p);
      if (this.#runId === runId) this.pairs = out;
    } finally {
      this.loading = false;
      this.#last = Date.now();
    }
  }

  /** Reloads soon (at most every two seconds) after the run changed. */
  touch(): void {
    if (!this.#runId || this.#timer) return;
    const wait = Math.max(0, 2000 - (Date.now() - this.#last));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#runId) void this.load(this.#runId);
    }, wait);
  }
}
