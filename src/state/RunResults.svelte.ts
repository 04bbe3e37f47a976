/**
 * The pairs view of one run (like LLM Comparator): every pair (persona, prompt, y_l, critique, y_w,
 * verdicts), filtered by persona, persona attribute, topic, split and verdict and searched in its
 * texts; the judges' summary; and one judge's y_w win rates per topic and per persona attribute over
 * the pairs shown. Reloaded when the run reports a changed item (at most every two seconds).
 */
import { emptyQuery, filterPairs, sliceOptions, slicesByPersona, winRates, type PairQuery } from '../core/pipeline/pair-browse';
import { JudgeTally, readPairs, type JudgeSummary, type PairView } from '../core/pipeline/pairs';
import type { PipelineStore } from '../core/pipeline/store';

export class RunResults {
  #pairs = $state.raw<readonly PairView[]>([]);
  #filters = $state<PairQuery>(emptyQuery());
  #rateBy = $state('');
  #loading = $state(false);

  /** Each persona's attributes, as the filters and win rates slice them. */
  readonly slices = $derived(slicesByPersona(this.#pairs));
  /** Pairs passing the filters. */
  readonly shown = $derived(filterPairs(this.#pairs, this.#filters, this.slices));
  /** Persona ids, attributes with their values, topics and splits present, for the filter menus. */
  readonly options = $derived.by(() => ({
    personas: [...new Set(this.#pairs.map((p) => p.personaId))].sort(),
    attributes: sliceOptions(this.slices),
    topics: [...new Set(this.#pairs.map((p) => p.topic))].sort(),
    splits: [...new Set(this.#pairs.map((p) => p.split))].sort(),
    judges: this.#pairs[0]?.verdicts.map((v) => v.name) ?? [],
  }));
  /** The judges' summary over every pair. */
  readonly judges = $derived.by((): JudgeSummary[] => {
    const t = new JudgeTally();
    for (const p of this.#pairs) t.add(p);
    return t.finish();
  });
  /** The attribute the win rates group by: the chosen one, else the filter's, else the first offered. */
  readonly rateKey = $derived(this.#rateBy || this.#filters.attribute || (this.options.attributes[0]?.key ?? ''));
  /** The chosen judge's y_w win rates over the pairs shown, per topic and per value of `rateKey`. */
  readonly rates = $derived.by(() => ({
    topic: winRates(this.shown, this.#filters.judge, (p) => p.topic),
    attribute: this.rateKey ? winRates(this.shown, this.#filters.judge, (p) => this.slices.get(p.personaId)?.get(this.rateKey)) : [],
  }));

  readonly #store: PipelineStore;
  #runId: string | undefined;
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Every pair of the run. */
  get pairs() {
    return this.#pairs;
  }
  /** The filters and the search: a form, so `PairFilters` binds its fields (the object is deep `$state` on purpose). */
  get filters() {
    return this.#filters;
  }
  /** The persona attribute the win-rate table groups by ("" for the first one offered). */
  get rateBy() {
    return this.#rateBy;
  }
  /** Shows win rates by this attribute. */
  rateByAttribute(key: string): void {
    this.#rateBy = key;
  }
  /** True while loading. */
  get loading() {
    return this.#loading;
  }

  constructor(store: PipelineStore) {
    this.#store = store;
  }

  /** Loads a run's pairs (filters are kept when it is the same run). */
  async load(runId: string): Promise<void> {
    if (runId !== this.#runId) {
      this.#filters = emptyQuery();
      this.#rateBy = '';
    }
    this.#runId = runId;
    this.#loading = true;
    const out: PairView[] = [];
    try {
      for await (const p of readPairs(this.#store, runId, { planned: true })) out.push(p);
      if (this.#runId === runId) this.#pairs = out;
    } finally {
      this.#loading = false;
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
