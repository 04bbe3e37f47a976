/**
 * Scoring a bench (PERSONA §5): a sample passes when the critic says it needs no revision. Per
 * method, accuracy is the mean over items of the share of an item's scored samples that passed; its
 * 95% interval is a seeded percentile bootstrap over items; pass@k (k = 1, 2, 4, 8, 16, k ≤ n) is
 * Chen et al.'s unbiased estimator averaged over the items with at least k scored samples. Missing
 * samples (answer or critique unreadable, backend failure) count neither as passes nor as fails.
 */
import { bootstrap } from '../stats/bootstrap';
import type { BenchConfig } from './config';
import { BENCH_METHODS, type BenchMethod } from './methods';
import { ksFor, meanPassAtK, type ItemTally } from './pass-at-k';
import type { StageStatus } from '../pipeline/records';
import type { BenchCounters, BenchSample, SampleStage, SampleStatus } from './records';
import { addBenchCounters } from './sample-state';
import { ZERO_BENCH_COUNTERS } from './records';
import { SummaryAttributes, type AttributeTally } from './summary-attributes';

/** One method's results, as results.json writes them. */
export interface MethodResult {
  /** Mean over items of the share of scored samples that passed; null when no item was scored. */
  readonly accuracy: number | null;
  /** Bootstrap 95% percentile interval of the accuracy over items; null when no item was scored. */
  readonly ci95: readonly [number, number] | null;
  /** Items with at least one scored sample. */
  readonly n_items: number;
  /** Samples per item (the bench's n). */
  readonly n_samples: number;
  /** Samples with no verdict after every attempt: answer or critique unreadable, or the backend failed. */
  readonly missing: number;
  /** pass@k for each k ≤ n, averaged over the items with at least k scored samples; null when none has. */
  readonly pass_at_k: Readonly<Record<string, number | null>>;
  /** Samples the critic passed. */
  readonly passed: number;
  /** Samples with a verdict. */
  readonly scored: number;
  /** Samples not worked yet (a stopped bench). */
  readonly pending: number;
  /** Share of judged answers that quote the persona's attributes (§5.2), when the judge ran. */
  readonly non_subtle?: { readonly rate: number | null; readonly judged: number };
}

/** A bench's results. */
export interface BenchResults {
  /** By method, in the bench's method order. */
  readonly methods: Readonly<Partial<Record<BenchMethod, MethodResult>>>;
  /** For the summary method: which persona attributes the summaries keep or drop (Figure 11). */
  readonly summary_attributes?: readonly AttributeTally[];
}

/** The accuracy's percentile interval from per-item shares (seeded; B resamples of the items). */
function accuracyInterval(shares: readonly number[], resamples: number, seed: string): [number, number] | null {
  if (!shares.length) return null;
  const values = [...new Set(shares)];
  const index = new Map(values.map((v, i) => [v, i]));
  const r = bootstrap(
    {
      patternOfItem: Int32Array.from(shares, (s) => index.get(s) as number),
      nPatterns: values.length,
      statistic(counts) {
        let sum = 0;
        let n = 0;
        counts.forEach((c, p) => {
          sum += c * (values[p] as number);
          n += c;
        });
        return n ? sum / n : null;
      },
    },
    { resamples, seed },
  );
  return r.ci ? [r.ci[0], r.ci[1]] : null;
}

/** What scoring needs of a sample (kept in memory for every sample of a bench while it runs). */
export interface SampleFacts {
  /** The method. */
  readonly method: BenchMethod;
  /** The item's position. */
  readonly item: number;
  /** The persona. */
  readonly personaId: string;
  /** Where the sample stands. */
  readonly status: SampleStatus;
  /** The critic's needs_revision; undefined when there is no verdict. */
  readonly verdict?: boolean;
  /** The subtlety judge's quotes_attributes; undefined when it did not decide or did not run. */
  readonly quotes?: boolean;
  /** The summary written before the answer (summary method). */
  readonly summary?: string;
  /** Each stage's status (progress counts them). */
  readonly stages: Readonly<Partial<Record<SampleStage, StageStatus>>>;
  /** The sample's share of the bench's call counters. */
  readonly counters: BenchCounters;
}

/** The facts of a sample. */
export function factsOf(s: BenchSample): SampleFacts {
  const verdict = s.stages.critic?.status === 'done' ? s.stages.critic.output?.needs_revision : undefined;
  const quotes = s.stages.subtlety?.status === 'done' ? s.stages.subtlety.output?.quotes_attributes : undefined;
  const summary = s.method === 'summary' && s.stages.answer?.status === 'done' ? s.stages.answer.output?.summary : undefined;
  return {
    method: s.method,
    item: s.item,
    personaId: s.personaId,
    status: s.status,
    ...(verdict !== undefined ? { verdict } : {}),
    ...(quotes !== undefined ? { quotes } : {}),
    ...(summary ? { summary } : {}),
    stages: Object.fromEntries(Object.entries(s.stages).map(([k, v]) => [k, v.status])),
    counters: addBenchCounters(ZERO_BENCH_COUNTERS, s),
  };
}

interface MethodTally {
  readonly items: Map<number, { n: number; c: number }>;
  missing: number;
  judged: number;
  quoting: number;
}

/** Collects samples (in any order, streamed) and computes the results. */
export class BenchScorer {
  readonly #methods = new Map<BenchMethod, MethodTally>();
  readonly #attributes: SummaryAttributes;
  readonly #personaText: ReadonlyMap<string, string>;

  /** `personaText`: persona id → the text the model saw (the summary analysis reads its attributes). */
  constructor(personaText: ReadonlyMap<string, string>) {
    this.#personaText = personaText;
    this.#attributes = new SummaryAttributes();
  }

  #tally(m: BenchMethod): MethodTally {
    let t = this.#methods.get(m);
    if (!t) this.#methods.set(m, (t = { items: new Map(), missing: 0, judged: 0, quoting: 0 }));
    return t;
  }

  /** Counts one sample (by its facts). */
  add(f: SampleFacts): void {
    const t = this.#tally(f.method);
    if (f.verdict !== undefined) {
      const item = t.items.get(f.item) ?? { n: 0, c: 0 };
      item.n++;
      if (!f.verdict) item.c++;
      t.items.set(f.item, item);
    } else if (f.status === 'missing' || f.status === 'failed') t.missing++;
    if (f.quotes !== undefined) {
      t.judged++;
      if (f.quotes) t.quoting++;
    }
    if (f.summary) this.#attributes.add(this.#personaText.get(f.personaId) ?? '', f.summary);
  }

  /** The results for a config's methods, samples and bootstrap, over `items` items (samples never started count as pending). */
  finish(config: Pick<BenchConfig, 'methods' | 'samples' | 'seed' | 'resamples' | 'subtlety'>, items: number): BenchResults {
    const methods: Partial<Record<BenchMethod, MethodResult>> = {};
    for (const m of BENCH_METHODS.filter((x) => config.methods.includes(x))) {
      const t = this.#tally(m);
      const tallies: ItemTally[] = [...t.items.values()].filter((i) => i.n > 0);
      const shares = tallies.map((i) => i.c / i.n);
      const accuracy = shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
      const scored = tallies.reduce((a, i) => a + i.n, 0);
      const pass_at_k = Object.fromEntries(ksFor(config.samples).map((k) => [String(k), meanPassAtK(tallies, k).value]));
      methods[m] = {
        accuracy,
        ci95: accuracyInterval(shares, config.resamples, `bench-ci/${config.seed}/${m}`),
        n_items: tallies.length,
        n_samples: config.samples,
        missing: t.missing,
        pass_at_k,
        passed: tallies.reduce((a, i) => a + i.c, 0),
        scored,
        pending: Math.max(0, items * config.samples - scored - t.missing),
        ...(config.subtlety ? { non_subtle: { rate: t.judged ? t.quoting / t.judged : null, judged: t.judged } } : {}),
      };
    }
    return {
      methods,
      ...(config.methods.includes('summary') ? { summary_attributes: this.#attributes.finish() } : {}),
    };
  }
}
