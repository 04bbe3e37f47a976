/**
 * The call plans of the jobs built on the pipeline's stages (runs, leave-one-out), the persona review
 * and enrichment, and a WikiPersonas study's steps, for the one estimator (`estimate.ts`). Tokens
 * per call are rough figures for small instruct models and the built-in prompts (docs/jobs.md).
 */
import type { StepSize } from '../wiki/study';
import type { PlannedCalls } from './estimate';

/** Rough prompt and completion tokens of one call of each pipeline stage. */
const STAGE_TOKENS = {
  /** y_l: the instruction alone. */
  base: { prompt: 80, completion: 300 },
  /** The persona, the instruction and y_l, in the critique prompt. */
  critique: { prompt: 700, completion: 250 },
  /** The instruction, y_l and the critique. */
  revise: { prompt: 750, completion: 300 },
  /** The persona, the instruction and both answers; a verdict with its reason. */
  judge: { prompt: 1000, completion: 150 },
} as const;

/** `calls` calls of a pipeline stage. */
function stageCalls(stage: keyof typeof STAGE_TOKENS, calls: number): PlannedCalls {
  const t = STAGE_TOKENS[stage];
  return { kind: stage, calls, promptTokens: t.prompt, completionTokens: t.completion };
}

/** A run: one y_l per slot, a critique and a revision per pair, and every judge in both orders per pair. */
export function runCallPlan(o: { readonly slots: number; readonly pairs: number; readonly judges: number }): PlannedCalls[] {
  return [
    stageCalls('base', o.slots),
    stageCalls('critique', o.pairs),
    stageCalls('revise', o.pairs),
    stageCalls('judge', o.pairs * o.judges * 2),
  ];
}

/**
 * Leave-one-out (PERSONA §4.1): a baseline per question that has none, then per (persona pair,
 * question) a critique and a revision for each of the two personas and each persona's judge: 6 calls.
 */
export function looCallPlan(o: { readonly tasks: number; readonly baselines: number }): PlannedCalls[] {
  return [
    stageCalls('base', o.baselines),
    stageCalls('critique', 2 * o.tasks),
    stageCalls('revise', 2 * o.tasks),
    stageCalls('judge', 2 * o.tasks),
  ];
}

/** Review calls per persona: one, plus the redrawn candidates of the about 8.5% judged implausible (PERSONA §3.1). */
const REVIEW_CALLS_PER_PERSONA = 1.085;

/** The persona review: a short verdict per candidate (greedy, at most 160 tokens). */
export function reviewCallPlan(personas: number): PlannedCalls[] {
  return [{ kind: 'review', calls: Math.round(personas * REVIEW_CALLS_PER_PERSONA), promptTokens: 300, completionTokens: 40 }];
}

/** The enrichment: one rewrite per persona and chosen field (at most 120 tokens; empty fields are skipped, so this is an upper bound). */
export function enrichCallPlan(personas: number, fields: number): PlannedCalls[] {
  return [{ kind: 'enrich', calls: personas * fields, promptTokens: 320, completionTokens: 110 }];
}

/** A WikiPersonas study's steps (sized by `estimateStudy`): generation calls, and scoring requests that read without generating. */
export function studyCallPlan(sizes: readonly StepSize[]): PlannedCalls[] {
  return sizes.flatMap((s): PlannedCalls[] => [
    { kind: s.step, calls: s.calls, promptTokens: 400, completionTokens: s.calls ? s.tokens / s.calls : 0 },
    ...(s.scoreCalls ? [{ kind: `${s.step} scores`, calls: s.scoreCalls, promptTokens: 400, completionTokens: 0 }] : []),
  ]);
}
