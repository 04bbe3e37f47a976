/**
 * How big a bench is before it starts: samples, calls and generated tokens, and a time estimate from
 * the speed this model showed in earlier benches on this machine, or from a stated assumption.
 */
import type { BenchMethod } from './methods';
import type { BenchCounters } from './records';

/** Rough completion tokens per call, by what the call writes (small instruct models, the built-in prompts). */
const TOKENS_PER_CALL: Readonly<Record<BenchMethod | 'critic' | 'subtlety', number>> = {
  baseline: 300,
  persona: 250,
  cot: 500,
  summary: 450,
  critic: 350,
  subtlety: 80,
};

/** An estimate. */
export interface BenchEstimate {
  /** Samples (items × methods × samples per item). */
  readonly samples: number;
  /** Model calls without retries: an answer and a critique per sample, and a verdict when the judge runs. */
  readonly calls: number;
  /** Generated tokens, roughly. */
  readonly tokens: number;
  /** Seconds, roughly. */
  readonly seconds: number;
  /** Where the speed comes from: "measured" (earlier calls of this model here) or "assumed". */
  readonly basis: 'measured' | 'assumed';
  /** The speed used: milliseconds per call (measured) or tokens per second (assumed). */
  readonly rate: number;
}

/** Assumed generation speed when nothing was measured: a small WebGPU model on a laptop, or a local server. */
const ASSUMED_TOKENS_PER_SECOND = { webllm: 15, server: 40 } as const;

/**
 * The estimate for `items` items. `measured` holds the counters of earlier benches of the same model
 * (their mean milliseconds per fresh call is used when there are at least 5 such calls). A WebGPU model
 * answers one call at a time; a server is assumed to answer `concurrency` calls at once.
 */
export function estimateBench(
  o: {
    readonly items: number;
    readonly methods: readonly BenchMethod[];
    readonly samples: number;
    readonly judged: boolean;
    readonly backend: string;
    readonly concurrency: number;
  },
  measured?: Pick<BenchCounters, 'callMs' | 'freshCalls'>,
): BenchEstimate {
  const perItem = o.methods.length * o.samples;
  const samples = o.items * perItem;
  const calls = samples * (o.judged ? 3 : 2);
  const perSample = (m: BenchMethod) => TOKENS_PER_CALL[m] + TOKENS_PER_CALL.critic + (o.judged ? TOKENS_PER_CALL.subtlety : 0);
  const tokens = o.items * o.samples * o.methods.reduce((t, m) => t + perSample(m), 0);
  if (measured && measured.freshCalls >= 5) {
    const rate = measured.callMs / measured.freshCalls;
    // A call's measured time includes its wait in the model's queue, so c calls at once take that time together.
    return { samples, calls, tokens, seconds: (calls * rate) / 1000 / Math.max(1, o.concurrency), basis: 'measured', rate };
  }
  const gpu = o.backend === 'webllm';
  const rate = gpu ? ASSUMED_TOKENS_PER_SECOND.webllm : ASSUMED_TOKENS_PER_SECOND.server;
  return { samples, calls, tokens, seconds: tokens / rate / (gpu ? 1 : Math.max(1, o.concurrency)), basis: 'assumed', rate };
}
