/**
 * The size of a job before it starts, for every kind of job (runs, leave-one-out, the persona review
 * and enrichment, PERSONA Bench, WikiPersonas): its calls, prompt and completion tokens, and a time
 * from the speed this model showed here before, or from a stated assumption; a warning above one
 * threshold. Each job only says its call plan (how many calls of each kind, with rough tokens per call).
 */

/** One kind of call in a job's plan. */
export interface PlannedCalls {
  /** What the calls do ("critique", "judge", …). */
  readonly kind: string;
  /** How many calls (without retries). */
  readonly calls: number;
  /** Prompt tokens per call, roughly. */
  readonly promptTokens: number;
  /** Completion tokens per call, roughly (0 for a scoring request). */
  readonly completionTokens: number;
}

/** The backend that answers: a WebGPU model answers one call at a time; a server `concurrency` calls at once. */
export interface EstimateBackend {
  /** "webllm" or a server backend ("openai-http"). */
  readonly backend: string;
  /** Calls the job sends at once (a WebGPU model still answers them one by one). */
  readonly concurrency: number;
}

/** A speed measured earlier: milliseconds over fresh calls of this model, or a generation rate. */
export type MeasuredSpeed =
  { readonly calls: number; readonly ms: number } | { readonly tokensPerSecond: number; readonly prefillTokensPerSecond?: number };

/** Where an estimate's speed comes from. */
type EstimateBasis =
  | { readonly kind: 'measured-calls'; readonly msPerCall: number; readonly calls: number }
  | { readonly kind: 'measured-tokens'; readonly tokensPerSecond: number }
  | { readonly kind: 'assumed'; readonly tokensPerSecond: number; readonly prefillTokensPerSecond: number };

/** A job's size. */
export interface JobEstimate {
  /** Model calls, without retries. */
  readonly calls: number;
  /** Prompt tokens, roughly. */
  readonly promptTokens: number;
  /** Completion tokens, roughly. */
  readonly completionTokens: number;
  /** Seconds, roughly. */
  readonly seconds: number;
  /** The speed used. */
  readonly basis: EstimateBasis;
  /** Set when the job is above `LARGE_JOB`: what makes it large. */
  readonly warning?: string;
}

/** A job above either bound is large and warned about before it starts: 10,000 calls or 2 hours. */
export const LARGE_JOB = { calls: 10_000, seconds: 2 * 3600 } as const;

/** Fewer fresh calls than this measure nothing yet (the first calls include loading and warming up). */
const MIN_MEASURED_CALLS = 5;

/**
 * Assumed speeds when nothing was measured: a small (1–3 B, q4) WebGPU model on a laptop decodes
 * about 15 tokens/s and reads a prompt at about 300; a local server about 40 and 1,500 per stream.
 */
const ASSUMED_SPEED = {
  webllm: { tokensPerSecond: 15, prefillTokensPerSecond: 300 },
  server: { tokensPerSecond: 40, prefillTokensPerSecond: 1500 },
} as const;

/**
 * The estimate of `plan` on `backend`. A measured per-call time (at least `MIN_MEASURED_CALLS` calls)
 * is used as it is: calls × ms per call, divided by the calls at once (a call's measured time
 * includes its wait in the queue). A token rate (measured or assumed) gives completion tokens ÷ rate
 * + prompt tokens ÷ prefill rate per call, the calls at once sharing the time on a server.
 */
export function estimateJob(plan: readonly PlannedCalls[], backend: EstimateBackend, measured?: MeasuredSpeed): JobEstimate {
  const calls = plan.reduce((n, p) => n + p.calls, 0);
  const promptTokens = plan.reduce((n, p) => n + p.calls * p.promptTokens, 0);
  const completionTokens = plan.reduce((n, p) => n + p.calls * p.completionTokens, 0);
  const gpu = backend.backend === 'webllm';
  const atOnce = gpu ? 1 : Math.max(1, backend.concurrency);
  const assumed = gpu ? ASSUMED_SPEED.webllm : ASSUMED_SPEED.server;
  let basis: EstimateBasis;
  let seconds: number;
  if (measured && 'ms' in measured && measured.calls >= MIN_MEASURED_CALLS) {
    const msPerCall = measured.ms / measured.calls;
    basis = { kind: 'measured-calls', msPerCall, calls: measured.calls };
    seconds = (calls * msPerCall) / 1000 / Math.max(1, backend.concurrency);
  } else {
    const rate = measured && 'tokensPerSecond' in measured && measured.tokensPerSecond > 0 ? measured : undefined;
    const tps = rate?.tokensPerSecond ?? assumed.tokensPerSecond;
    const prefill = rate?.prefillTokensPerSecond ?? assumed.prefillTokensPerSecond;
    basis = rate ? { kind: 'measured-tokens', tokensPerSecond: tps } : { kind: 'assumed', ...assumed };
    seconds = (completionTokens / tps + promptTokens / prefill) / atOnce;
  }
  const large = calls > LARGE_JOB.calls || seconds > LARGE_JOB.seconds;
  const warning = large
    ? `A large job: ${calls.toLocaleString('en-US')} model calls, ≈ ${formatDuration(seconds)}. It can be stopped and resumed, but consider a smaller design first.`
    : undefined;
  return { calls, promptTokens, completionTokens, seconds, basis, ...(warning ? { warning } : {}) };
}

/** Seconds as "45 s", "3 min", "2 h 10 min" or "3 d 4 h" (rounded: an estimate is no more precise). */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s) || s < 60) return `${Math.max(0, Math.round(Number.isFinite(s) ? s : 0))} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  if (min < 24 * 60) return min % 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${min / 60} h`;
  const h = Math.round(min / 60);
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${h / 24} d`;
}

/** Tokens as "850", "12 k" or "1.1 M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${Math.round(n / 1000).toLocaleString('en-US')} k`;
  return `${(n / 1_000_000).toFixed(1)} M`;
}

/** The basis in words: "measured: 812 ms per call over 240 calls", "measured: 22 tokens/s", "assumed: 15 tokens/s". */
export function describeBasis(b: EstimateBasis): string {
  if (b.kind === 'measured-calls')
    return `measured: ${Math.round(b.msPerCall).toLocaleString('en-US')} ms per call over ${b.calls.toLocaleString('en-US')} calls`;
  if (b.kind === 'measured-tokens') return `measured: ${Math.round(b.tokensPerSecond)} tokens/s`;
  return `assumed: ${b.tokensPerSecond} tokens/s, nothing measured here yet`;
}

/** The estimate in one line: "≈ 1,920 calls · 1.1 M tokens · ≈ 2 h 10 min (measured: 812 ms per call over 240 calls)". */
export function describeEstimate(e: JobEstimate): string {
  const tokens = formatTokens(e.promptTokens + e.completionTokens);
  return `≈ ${e.calls.toLocaleString('en-US')} calls · ${tokens} tokens · ≈ ${formatDuration(e.seconds)} (${describeBasis(e.basis)})`;
}
