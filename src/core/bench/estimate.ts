/**
 * A bench's call plan for the one estimator (`src/core/jobs/estimate.ts`): an answer and a critique
 * per sample, and a verdict when the subtlety judge runs.
 */
import type { PlannedCalls } from '../jobs/estimate';
import type { BenchMethod } from './methods';

/** Rough completion tokens per call, by what the call writes (small instruct models, the built-in prompts). */
const TOKENS_PER_CALL: Readonly<Record<BenchMethod | 'critic' | 'subtlety', number>> = {
  baseline: 300,
  persona: 250,
  cot: 500,
  summary: 450,
  critic: 350,
  subtlety: 80,
};

/** Rough prompt tokens of an answer call: the template, a rendered persona and a question. */
const ANSWER_PROMPT = 350;

/** The calls of a bench of `items` items (items × methods × samples per item samples). */
export function benchCallPlan(o: {
  readonly items: number;
  readonly methods: readonly BenchMethod[];
  readonly samples: number;
  readonly judged: boolean;
}): PlannedCalls[] {
  const per = o.items * o.samples;
  const answers = o.methods.map((m): PlannedCalls => ({
    kind: m,
    calls: per,
    promptTokens: ANSWER_PROMPT,
    completionTokens: TOKENS_PER_CALL[m],
  }));
  // The critic reads the answer call's prompt and its answer; the subtlety judge reads the persona and the answer too.
  const answerTokens = o.methods.reduce((n, m) => n + TOKENS_PER_CALL[m], 0) / Math.max(1, o.methods.length);
  const samples = per * o.methods.length;
  const read = Math.round(ANSWER_PROMPT + answerTokens);
  return [
    ...answers,
    { kind: 'critic', calls: samples, promptTokens: read, completionTokens: TOKENS_PER_CALL.critic },
    ...(o.judged ? [{ kind: 'subtlety', calls: samples, promptTokens: read, completionTokens: TOKENS_PER_CALL.subtlety }] : []),
  ];
}
